import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
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
  Clock,
  CSV_MEDIA_TYPE,
  Ctx,
  ErrorBody,
  JobAcceptedDto,
  Permission,
  readUpload,
  RequestContext,
  RequirePermission,
  SPREADSHEET_BODY_LIMIT_BYTES,
  SPREADSHEET_ROUTE_CONFIG,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import { OrganizationExportQueryDto, OrganizationImportQueryDto } from '../dto/organization-import.dto';
import { OrganizationImportService } from '../services/organization-import.service';
import { SheetFormat } from '../services/organization-sheet';

const BINARY = { type: 'string', format: 'binary' } as const;

/** Import (xlsx or csv, in the background) and export (xlsx) of member organizations. */
@ApiTags('organizations')
@Controller('consortia/:consortiumId/organizations')
export class OrganizationImportController {
  constructor(
    private readonly imports: OrganizationImportService,
    private readonly clock: Clock,
  ) {}

  @Get('import-template')
  @RequirePermission(Permission.OrganizationsWrite)
  @ApiOperation({ summary: 'The import template (xlsx, zh-CN headers, a sheet explaining the allowed values)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async template(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.imports.importTemplate(ctx);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition('organization-import-template.xlsx', '成员单位导入模板.xlsx'),
      )
      .send(file);
  }

  @Post('import')
  @RequirePermission(Permission.OrganizationsWrite)
  @HttpCode(HttpStatus.ACCEPTED)
  @RouteConfig(SPREADSHEET_ROUTE_CONFIG)
  @ApiOperation({
    summary: 'Import organizations from an xlsx or csv file (the file is the body); answers a job to poll',
    description:
      'Rows are matched by credit code, else by name: matches are updated, others created (status applied). ' +
      'The job result counts created, updated, unchanged and failed rows and lists each error with its row ' +
      `number (header = 1), column and reason. Up to ${SPREADSHEET_BODY_LIMIT_BYTES / 1024 / 1024} MiB.`,
  })
  @ApiConsumes(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Empty body, or not an xlsx workbook' })
  @ApiPayloadTooLargeResponse({
    type: ErrorBody,
    description: 'Larger than the upload limit, or an xlsx that would unpack beyond its bounds (workbook_too_large)',
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBody, description: 'Not xlsx or csv' })
  async import(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: OrganizationImportQueryDto,
  ): Promise<JobAcceptedDto> {
    const format = formatOf(request.headers['content-type']);
    if (!format) {
      throw new UnsupportedMediaTypeException(`Send the file as the body, as ${XLSX_MEDIA_TYPE} or ${CSV_MEDIA_TYPE}`);
    }
    // Read only now, after the guards: the body arrives as an unread stream.
    const content = await readUpload(request, SPREADSHEET_BODY_LIMIT_BYTES);
    if (content.length === 0) {
      throw new BadRequestException('The body is empty: send the file itself as the request body');
    }
    if (format === 'xlsx') await assertAcceptableWorkbook(content);
    const job = await this.imports.requestImport(ctx, {
      content,
      format,
      mode: query.mode ?? 'all_or_nothing',
    });
    return { jobId: job.jobId, name: job.name, statusUrl: `/${API_PREFIX}/jobs/${job.jobId}` };
  }

  @Get('export')
  @RequirePermission(Permission.OrganizationsRead)
  @ApiOperation({ summary: 'Organizations as xlsx (template columns plus 成员状态; the list filters apply)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async export(
    @Ctx() ctx: RequestContext,
    @Query() query: OrganizationExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.imports.exportWorkbook(ctx, query);
    const date = this.clock.chinaToday();
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentDisposition(`organizations-${date}.xlsx`, `成员单位-${date}.xlsx`))
      .send(file);
  }
}

function formatOf(contentType: string | undefined): SheetFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === XLSX_MEDIA_TYPE ? 'xlsx' : type === CSV_MEDIA_TYPE ? 'csv' : undefined;
}
