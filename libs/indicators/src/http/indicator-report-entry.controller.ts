import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  API_PREFIX,
  assertAcceptableWorkbook,
  attachmentDisposition,
  Ctx,
  ErrorBody,
  JobAcceptedDto,
  Permission,
  readUpload,
  RequestContext,
  RequirePermission,
  SPREADSHEET_BODY_LIMIT_BYTES,
  SPREADSHEET_UPLOAD,
  ACCEPTED_CONTENT_TYPES,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import { ReportEntryQueryDto, ReportImportQueryDto } from '../dto/report-entry.dto';
import { ReportImportService } from '../services/report-import.service';

const BINARY = { type: 'string', format: 'binary' } as const;
const uuid = () => new ParseUUIDPipe();
/** Bulk entry takes the template back as xlsx only. */
const XLSX_ROUTE_CONFIG = { [SPREADSHEET_UPLOAD]: true, [ACCEPTED_CONTENT_TYPES]: [XLSX_MEDIA_TYPE] };

/** Bulk entry (批量填报): the xlsx template of an organization's points, and its upload as a job. */
@ApiTags('indicators')
@Controller('consortia/:consortiumId/indicator-periods/:periodId')
export class IndicatorReportEntryController {
  constructor(private readonly imports: ReportImportService) {}

  @Get('report-template')
  @RequirePermission(Permission.IndicatorsReport)
  @ApiOperation({
    summary: 'The bulk entry template (xlsx): one row per point the organization reports, current values filled in',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async template(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Query() query: ReportEntryQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, name } = await this.imports.template(ctx, periodId, query.organizationId);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentDisposition('indicator-entry.xlsx', `批量填报-${name}.xlsx`))
      .send(file);
  }

  @Post('report-imports')
  @RequirePermission(Permission.IndicatorsReport)
  @HttpCode(HttpStatus.ACCEPTED)
  @RouteConfig(XLSX_ROUTE_CONFIG)
  @ApiOperation({
    summary: 'Enter reports from the filled-in template (the xlsx is the body); answers a job to poll',
    description:
      'Each row goes through the same rules as a single report (type, bounds, cross-point rules, locks; with ' +
      '?submit=true also the evidence a point requires). The job result counts created, updated, unchanged, ' +
      'skipped (empty value) and submitted rows and lists each refused row with its number (header = 1), column ' +
      `and reason in English and Chinese. Up to ${SPREADSHEET_BODY_LIMIT_BYTES / 1024 / 1024} MiB.`,
  })
  @ApiConsumes(XLSX_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Empty body, or not an xlsx workbook' })
  @ApiPayloadTooLargeResponse({
    type: ErrorBody,
    description: 'Larger than the upload limit, or unpacks beyond its bounds',
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBody, description: 'Not xlsx' })
  async import(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Query() query: ReportImportQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<JobAcceptedDto> {
    // The period and organization are checked first (another tenant's period: 404), then the body is read.
    const job = await this.imports.requestImport(
      ctx,
      periodId,
      query.organizationId,
      query.submit ?? false,
      async () => {
        const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
        if (type !== XLSX_MEDIA_TYPE) {
          throw new UnsupportedMediaTypeException(`Send the filled-in template as ${XLSX_MEDIA_TYPE}`);
        }
        const content = await readUpload(request, SPREADSHEET_BODY_LIMIT_BYTES);
        if (content.length === 0)
          throw new BadRequestException('The body is empty: send the workbook itself as the body');
        await assertAcceptableWorkbook(content);
        return content;
      },
    );
    return { jobId: job.jobId, name: job.name, statusUrl: `/${API_PREFIX}/jobs/${job.jobId}` };
  }
}
