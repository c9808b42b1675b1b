import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsEnum, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  API_PREFIX,
  attachmentDisposition,
  Clock,
  CSV_MEDIA_TYPE,
  Ctx,
  ErrorBody,
  JobAcceptedDto,
  Permission,
  RequestContext,
  RequirePermission,
  SPREADSHEET_ROUTE_CONFIG,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import {
  CreateOfferingDto,
  OfferingDto,
  OfferingExportQueryDto,
  OfferingListQueryDto,
  OfferingPageDto,
  UpdateOfferingDto,
} from '../dto/offering.dto';
import { OfferingImportService } from '../services/offering-import.service';
import { OfferingsService, OfferingView } from '../services/offerings.service';
import { readSpreadsheetUpload } from './upload-format';

const BINARY = { type: 'string', format: 'binary' } as const;
const uuid = () => new ParseUUIDPipe({ version: undefined });
const MODES = ['all_or_nothing', 'valid_rows_only'] as const;

export class OfferingUploadQueryDto extends OfferingExportQueryDto {
  @ApiPropertyOptional({ enum: MODES, default: 'all_or_nothing' })
  @IsOptional()
  @IsEnum(MODES, { message: `mode must be one of: ${MODES.join(', ')}` })
  mode?: (typeof MODES)[number];
}

function view(v: OfferingView): OfferingDto {
  return OfferingDto.from(v.offering, v.programme);
}

/** Programme offerings (开设专业) of the consortium's schools: members edit their own school's, the secretariat any. */
@ApiTags('programme-offerings')
@Controller('consortia/:consortiumId/programme-offerings')
export class OfferingsController {
  constructor(
    private readonly offerings: OfferingsService,
    private readonly imports: OfferingImportService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission(Permission.OfferingsRead)
  @ApiOperation({ summary: "The schools' offerings: filters by school, programme, class, level, status, mode, skill, graduation year" })
  @ApiOkResponse({ type: OfferingPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: OfferingListQueryDto): Promise<OfferingPageDto> {
    const page = await this.offerings.list(ctx, query);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.OfferingsWrite)
  @ApiOperation({
    summary: 'Add an offering (a member: for its own school only)',
    description:
      'The programme must be in the current catalogue edition at a level the school runs (中职 schools 中职 programmes, …). ' +
      '422 names the field; another school of a member answers 403; the same programme twice 409.',
  })
  @ApiCreatedResponse({ type: OfferingDto })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateOfferingDto): Promise<OfferingDto> {
    return view(await this.offerings.create(ctx, dto));
  }

  @Get('import-template')
  @RequirePermission(Permission.OfferingsWrite)
  @ApiOperation({ summary: 'The offerings import template (xlsx, zh-CN headers, a sheet explaining the values)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async template(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.imports.template(ctx);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentDisposition('programme-offerings-template.xlsx', '开设专业导入模板.xlsx'))
      .send(file);
  }

  @Post('import')
  @RequirePermission(Permission.OfferingsWrite)
  @HttpCode(HttpStatus.ACCEPTED)
  @RouteConfig(SPREADSHEET_ROUTE_CONFIG)
  @ApiOperation({
    summary: "Import one school's offerings (xlsx or csv as the body); answers a job to poll",
    description:
      'Rows are matched by programme code: new ones created, others updated. The job result counts created, updated, ' +
      'unchanged and failed rows and lists each error (row, column, reason). all_or_nothing (default) writes nothing ' +
      'when a row fails.',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async import(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: OfferingUploadQueryDto,
  ): Promise<JobAcceptedDto> {
    const upload = await readSpreadsheetUpload(request);
    const job = await this.imports.requestImport(ctx, query.organizationId, upload, query.mode ?? 'all_or_nothing');
    return { jobId: job.jobId, name: job.name, statusUrl: `/${API_PREFIX}/jobs/${job.jobId}` };
  }

  @Get('export')
  @RequirePermission(Permission.OfferingsRead)
  @ApiOperation({ summary: "One school's offerings as xlsx (the template's columns)" })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async export(
    @Ctx() ctx: RequestContext,
    @Query() query: OfferingExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.imports.exportWorkbook(ctx, query.organizationId);
    const date = this.clock.chinaToday();
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`programme-offerings-${date}.xlsx`, `${file.name}-开设专业-${date}.xlsx`),
      )
      .send(file.content);
  }

  @Get(':offeringId')
  @RequirePermission(Permission.OfferingsRead)
  @ApiOperation({ summary: 'One offering' })
  @ApiOkResponse({ type: OfferingDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(@Ctx() ctx: RequestContext, @Param('offeringId', uuid()) id: string): Promise<OfferingDto> {
    return view(await this.offerings.get(ctx, id));
  }

  @Patch(':offeringId')
  @RequirePermission(Permission.OfferingsWrite)
  @ApiOperation({ summary: "Change an offering (a member: its own school's only; the programme and school stay)" })
  @ApiOkResponse({ type: OfferingDto })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('offeringId', uuid()) id: string,
    @Body() dto: UpdateOfferingDto,
  ): Promise<OfferingDto> {
    return view(await this.offerings.update(ctx, id, dto));
  }
}
