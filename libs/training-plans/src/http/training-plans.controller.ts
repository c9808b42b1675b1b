import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  attachmentDisposition,
  Ctx,
  Permission,
  RequestContext,
  RequirePermission,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import {
  CreateItemDto,
  CreatePlanDto,
  ItemDto,
  PlanDto,
  PlanListQueryDto,
  UpdateItemDto,
  VersionDiffDto,
  VersionDto,
  VersionSummaryDto,
  VersionTransitionDto,
} from '../dto/plan.dto';
import { TrainingPlansService } from '../services/training-plans.service';
import { TrainingExportsService } from '../services/training-exports.service';

const uuid = () => new ParseUUIDPipe();
const BINARY = { type: 'string', format: 'binary' } as const;

/** The annual training plan (年度培训规划), its versions and items. Everyone reads; the secretariat edits and approves. */
@ApiTags('training-plans')
@Controller('consortia/:consortiumId/training-plans')
export class TrainingPlansController {
  constructor(
    private readonly plans: TrainingPlansService,
    private readonly exports: TrainingExportsService,
  ) {}

  @Get()
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'The consortium’s plans (newest year first) with their versions' })
  @ApiOkResponse({ type: [PlanDto] })
  async list(@Ctx() ctx: RequestContext, @Query() query: PlanListQueryDto): Promise<PlanDto[]> {
    return (await this.plans.list(ctx, query)).map(({ plan, versions }) => PlanDto.from(plan, versions));
  }

  @Post()
  @RequirePermission(Permission.TrainingPlansManage)
  @ApiOperation({ summary: 'The plan of a year (one per year), with its first draft version' })
  @ApiCreatedResponse({ type: PlanDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreatePlanDto): Promise<PlanDto> {
    const { plan, versions } = await this.plans.create(ctx, body);
    return PlanDto.from(plan, versions);
  }

  @Get(':planId')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'One plan with its versions' })
  @ApiOkResponse({ type: PlanDto })
  async get(@Ctx() ctx: RequestContext, @Param('planId', uuid()) planId: string): Promise<PlanDto> {
    const { plan, versions } = await this.plans.get(ctx, planId);
    return PlanDto.from(plan, versions);
  }

  @Post(':planId/versions')
  @RequirePermission(Permission.TrainingPlansManage)
  @ApiOperation({ summary: 'A new draft version, copied from the approved one (its diff is against it)' })
  @ApiCreatedResponse({ type: VersionSummaryDto })
  async createVersion(@Ctx() ctx: RequestContext, @Param('planId', uuid()) planId: string): Promise<VersionSummaryDto> {
    return VersionSummaryDto.from(await this.plans.createVersion(ctx, planId));
  }

  @Get(':planId/versions/:versionId')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'One version with its items' })
  @ApiOkResponse({ type: VersionDto })
  async version(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
  ): Promise<VersionDto> {
    const { version, items, linkedNeeds } = await this.plans.getVersion(ctx, planId, versionId);
    return {
      ...VersionSummaryDto.from(version),
      planId,
      items: items.map((item) => ItemDto.from(item, linkedNeeds.get(item.itemKey) ?? [])),
    };
  }

  @Post(':planId/versions/:versionId/status-transitions')
  @RequirePermission(Permission.TrainingPlansManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'draft → submitted → approved → closed (submitted → draft returns it); approving supersedes the previous approved version',
  })
  @ApiOkResponse({ type: VersionSummaryDto })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
    @Body() body: VersionTransitionDto,
  ): Promise<VersionSummaryDto> {
    return VersionSummaryDto.from(await this.plans.transition(ctx, planId, versionId, body));
  }

  @Get(':planId/versions/:versionId/diff')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'Differences from the approved version this one started from, item by item' })
  @ApiOkResponse({ type: VersionDiffDto })
  async diff(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
  ): Promise<VersionDiffDto> {
    const { basedOn, ...diff } = await this.plans.diff(ctx, planId, versionId);
    return { basedOnId: basedOn?.id ?? null, basedOnVersion: basedOn?.version ?? null, ...diff };
  }

  @Get(':planId/versions/:versionId/export')
  @RequirePermission(Permission.TrainingRead)
  @ApiOperation({ summary: 'The version’s items as xlsx (zh-CN headers)' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: BINARY })
  async export(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, year, version } = await this.exports.planWorkbook(ctx, planId, versionId);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`training-plan-${year}-v${version}.xlsx`, `${year}年度培训规划-第${version}版.xlsx`),
      )
      .send(file);
  }

  @Post(':planId/versions/:versionId/items')
  @RequirePermission(Permission.TrainingPlansManage)
  @ApiOperation({ summary: 'Add an item to a draft version' })
  @ApiCreatedResponse({ type: ItemDto })
  async addItem(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
    @Body() body: CreateItemDto,
  ): Promise<ItemDto> {
    return ItemDto.from(await this.plans.addItem(ctx, planId, versionId, body));
  }

  @Patch(':planId/versions/:versionId/items/:itemId')
  @RequirePermission(Permission.TrainingPlansManage)
  @ApiOperation({ summary: 'Change an item of a draft version' })
  @ApiOkResponse({ type: ItemDto })
  async updateItem(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
    @Param('itemId', uuid()) itemId: string,
    @Body() body: UpdateItemDto,
  ): Promise<ItemDto> {
    return ItemDto.from(await this.plans.updateItem(ctx, planId, versionId, itemId, body));
  }

  @Delete(':planId/versions/:versionId/items/:itemId')
  @RequirePermission(Permission.TrainingPlansManage)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an item from a draft version' })
  @ApiNoContentResponse()
  removeItem(
    @Ctx() ctx: RequestContext,
    @Param('planId', uuid()) planId: string,
    @Param('versionId', uuid()) versionId: string,
    @Param('itemId', uuid()) itemId: string,
  ): Promise<void> {
    return this.plans.removeItem(ctx, planId, versionId, itemId);
  }
}
