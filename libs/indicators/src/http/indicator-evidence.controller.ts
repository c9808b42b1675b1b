import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  attachmentDisposition,
  Ctx,
  ErrorBody,
  MULTIPART_MEDIA_TYPE,
  MULTIPART_ROUTE_CONFIG,
  Permission,
  receiveMultipartFile,
  RequestContext,
  RequirePermission,
} from '@chanjiao/core';
import { asciiFileName, EVIDENCE_MAX_BYTES, EVIDENCE_TYPE_NAMES } from '../domain/evidence-files';
import { EvidenceDto } from '../dto/report.dto';
import { EvidenceService } from '../services/evidence.service';

const uuid = () => new ParseUUIDPipe();

/** Evidence files (佐证材料) of a report: upload (multipart), download, delete. */
@ApiTags('indicators')
@Controller('consortia/:consortiumId/indicator-reports/:reportId/evidence')
export class IndicatorEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @RequirePermission(Permission.IndicatorsReport)
  @RouteConfig(MULTIPART_ROUTE_CONFIG)
  @ApiOperation({
    summary: 'Upload an evidence file to a report while it is editable (multipart/form-data, part "file")',
    description:
      `One file per request, at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB, of ${EVIDENCE_TYPE_NAMES} ` +
      '(recognised by its content). 413 names the limit, 415 the accepted types; 423 names why the report is locked.',
  })
  @ApiConsumes(MULTIPART_MEDIA_TYPE)
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiPayloadTooLargeResponse({ type: ErrorBody, description: 'Larger than the evidence limit' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBody, description: 'Not a multipart form, or a file type not allowed' })
  upload(
    @Ctx() ctx: RequestContext,
    @Param('reportId', uuid()) reportId: string,
    @Req() request: FastifyRequest,
  ): Promise<EvidenceDto> {
    // Read only now, after the guards and the report's lock check (another tenant's report: 404 first):
    // the body arrives as an unread stream.
    return this.evidence.upload(ctx, reportId, (destination, maxBytes) => {
      const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
      if (type !== MULTIPART_MEDIA_TYPE) {
        throw new UnsupportedMediaTypeException(`Send the file as ${MULTIPART_MEDIA_TYPE} with a part named "file"`);
      }
      return receiveMultipartFile(request, destination, { field: 'file', maxBytes });
    });
  }

  @Get(':evidenceId')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'Download an evidence file (as stored, with its recognised content type)' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @Ctx() ctx: RequestContext,
    @Param('reportId', uuid()) reportId: string,
    @Param('evidenceId', uuid()) evidenceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.evidence.open(ctx, reportId, evidenceId);
    void reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', attachmentDisposition(asciiFileName(file.fileName), file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  }

  @Delete(':evidenceId')
  @RequirePermission(Permission.IndicatorsReport)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an evidence file while the report is editable' })
  @ApiNoContentResponse()
  remove(
    @Ctx() ctx: RequestContext,
    @Param('reportId', uuid()) reportId: string,
    @Param('evidenceId', uuid()) evidenceId: string,
  ): Promise<void> {
    return this.evidence.remove(ctx, reportId, evidenceId);
  }
}
