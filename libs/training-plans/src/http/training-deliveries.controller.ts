import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ACCEPTED_CONTENT_TYPES,
  assertAcceptableWorkbook,
  attachmentDisposition,
  Clock,
  Ctx,
  ErrorBody,
  Permission,
  readUpload,
  RequestContext,
  RequirePermission,
  SPREADSHEET_UPLOAD,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import {
  CreateDeliveryDto,
  DeliveryDto,
  DeliveryListQueryDto,
  DeliveryPageDto,
  RosterImportResultDto,
} from '../dto/delivery.dto';
import { ItemProgressRowDto, PlanProgressDto, ProgressQueryDto, ProgressRowDto } from '../dto/progress.dto';
import { rosterTemplate } from '../services/roster-workbook';
import { TrainingDeliveriesService } from '../services/training-deliveries.service';
import { TrainingExportsService } from '../services/training-exports.service';
import { LabelledProgress, TrainingProgressService, typeLabel } from '../services/training-progress.service';

const uuid = () => new ParseUUIDPipe();
const BINARY = { type: 'string', format: 'binary' } as const;
const ROSTER_UPLOAD = { [SPREADSHEET_UPLOAD]: true, [ACCEPTED_CONTENT_TYPES]: [XLSX_MEDIA_TYPE] };
const ROSTER_LIMIT_BYTES = 5 * 1024 * 1024;

/** Delivered sessions (培训实施), rosters, progress and the annual report of one plan. */
@ApiTags('training-plans')
@Controller('consortia/:consortiumId/training-plans/:planId')
export class TrainingDeliveriesController {
  constructor(
    private readonly deliveries: TrainingDeliveriesService,
    private readonly progress: TrainingProgressService,
    private readonly exports: TrainingExportsService,
    private readonly clock: Clock,
  ) {}

  @Get('deliveries')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'Sessions of the plan, latest first (without rosters)' })
  @ApiOkResponse({ type: DeliveryPageDto })
  async list(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Query() query: DeliveryListQueryDto,
  ): Promise<DeliveryPageDto> {
    const page = await this.deliveries.list(ctx, planId, query);
    return { items: page.items.map((d) => DeliveryDto.from(d.delivery, d.rosterSize)), nextCursor: page.nextCursor };
  }

  @Post('deliveries')
  @RequirePermission(Permission.TrainingDeliver)
  @ApiOperation({
    summary: 'Record a session of an approved item (a provider its own items only), with an optional roster',
  })
  @ApiCreatedResponse({ type: DeliveryDto })
  async create(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Body() body: CreateDeliveryDto,
  ): Promise<DeliveryDto> {
    const created = await this.deliveries.create(ctx, planId, body);
    return DeliveryDto.from(created.delivery, created.rosterSize, created.roster);
  }

  @Get('deliveries/roster-template')
  @RequirePermission(Permission.TrainingDeliver)
  @ApiOperation({ summary: 'The roster template (xlsx, zh-CN headers; ID numbers as text)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async template(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.deliveries.assertPlan(ctx, planId);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentDisposition('training-roster-template.xlsx', '培训签到名册模板.xlsx'))
      .send(await rosterTemplate());
  }

  @Get('deliveries/:deliveryId')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({
    summary: 'One session; its roster (names, last four of ID numbers) for the secretariat and the provider',
  })
  @ApiOkResponse({ type: DeliveryDto })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('deliveryId', uuid()) deliveryId: string,
  ): Promise<DeliveryDto> {
    const found = await this.deliveries.get(ctx, planId, deliveryId);
    return DeliveryDto.from(found.delivery, found.rosterSize, found.roster);
  }

  @Delete('deliveries/:deliveryId')
  @RequirePermission(Permission.TrainingDeliver)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a session recorded in error (its provider or the secretariat)' })
  @ApiNoContentResponse()
  remove(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('deliveryId', uuid()) deliveryId: string,
  ): Promise<void> {
    return this.deliveries.remove(ctx, planId, deliveryId);
  }

  @Put('deliveries/:deliveryId/roster')
  @RequirePermission(Permission.TrainingDeliver)
  @RouteConfig(ROSTER_UPLOAD)
  @ApiOperation({
    summary: 'Replace the session’s roster from an xlsx file (the body), all or nothing',
    description:
      'Columns 姓名 (required), 所在单位, 身份证号 (GB 11643, checked). Any problem answers 422 with `details.errors`: ' +
      'row (header = 1), column, reason and reasonZh; ID numbers are never echoed. At most 2,000 rows, 5 MiB.',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE)
  @ApiBody({ schema: BINARY })
  @ApiOkResponse({ type: RosterImportResultDto })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Empty body, or not an xlsx workbook' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'Row problems (invalid_roster)' })
  async importRoster(
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Param('planId', uuid()) planId: string,
    @Param('deliveryId', uuid()) deliveryId: string,
  ): Promise<RosterImportResultDto> {
    // The session and the caller's right to it first (404 / 403), then the file.
    await this.deliveries.assertWritable(ctx, planId, deliveryId);
    const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (type !== XLSX_MEDIA_TYPE)
      throw new UnsupportedMediaTypeException(`Send the roster as the body, as ${XLSX_MEDIA_TYPE}`);
    const content = await readUpload(request, ROSTER_LIMIT_BYTES);
    if (content.length === 0) throw new BadRequestException('The body is empty: send the xlsx file itself as the body');
    await assertAcceptableWorkbook(content);
    return this.deliveries.importRoster(ctx, planId, deliveryId, content);
  }

  @Get('progress')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({
    summary:
      'Progress against the approved version: per item, type, provider and in total (人次, 学时, funds, distinct persons)',
  })
  @ApiOkResponse({ type: PlanProgressDto })
  async progressOf(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Query() query: ProgressQueryDto,
  ): Promise<PlanProgressDto> {
    return progressDto(await this.progress.progress(ctx, planId, query.versionId));
  }

  @Get('progress/export')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'Progress as xlsx (zh-CN headers): total, by item, by type, by provider' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async progressExport(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Query() query: ProgressQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, year } = await this.exports.progressWorkbook(ctx, planId, query.versionId);
    const day = this.clock.chinaToday();
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`training-progress-${year}-${day}.xlsx`, `${year}年度培训进度-${day}.xlsx`),
      )
      .send(file);
  }

  @Get('annual-report')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'The annual training report (年度培训情况) as a printable HTML table (A4 landscape)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async annualReport(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    void reply.header('content-type', 'text/html; charset=utf-8').send(await this.exports.annualReport(ctx, planId));
  }
}

function progressDto(progress: LabelledProgress): PlanProgressDto {
  const name = (id: string) => progress.organizationNames.get(id) ?? id;
  return {
    planId: progress.plan.id,
    year: progress.plan.year,
    versionId: progress.version.id,
    version: progress.version.version,
    asOf: progress.asOf,
    total: progress.total,
    byItem: progress.byItem.map((row): ItemProgressRowDto => ({ ...row, label: row.title })),
    byType: progress.byType.map((row): ProgressRowDto => ({ ...row, label: typeLabel(row.key) })),
    byProvider: progress.byProvider.map((row): ProgressRowDto => ({ ...row, label: name(row.key) })),
  };
}
