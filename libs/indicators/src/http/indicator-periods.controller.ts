import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  CreatePeriodDto,
  ExpectedReporterDto,
  ExtensionDto,
  PeriodDto,
  PeriodListQueryDto,
  PeriodPageDto,
  PeriodTransitionDto,
  SetExpectedReportersDto,
  SetTargetsDto,
  UpdatePeriodDto,
} from '../dto/period.dto';
import { PeriodsService } from '../services/periods.service';

const uuid = () => new ParseUUIDPipe();
/** `{ "D2.5": 8, "D3.3": true }` */
const TARGETS_SCHEMA = {
  type: 'object' as const,
  additionalProperties: { oneOf: [{ type: 'number' as const }, { type: 'boolean' as const }] },
};

/** Reporting periods (填报周期): everyone in the consortium reads them; the secretariat runs them. */
@ApiTags('indicators')
@Controller('consortia/:consortiumId/indicator-periods')
export class IndicatorPeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'Reporting periods, newest first' })
  @ApiOkResponse({ type: PeriodPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: PeriodListQueryDto): Promise<PeriodPageDto> {
    const page = await this.periods.list(ctx, query);
    return { items: page.items.map(PeriodDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.IndicatorsManage)
  @ApiOperation({ summary: 'Open a period on a published framework version; expected reporters come from the members' })
  @ApiCreatedResponse({ type: PeriodDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreatePeriodDto): Promise<PeriodDto> {
    return PeriodDto.from(await this.periods.create(ctx, body));
  }

  @Get(':periodId')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'One period' })
  @ApiOkResponse({ type: PeriodDto })
  async get(@Ctx() ctx: RequestContext, @Param('periodId', uuid()) periodId: string): Promise<PeriodDto> {
    return PeriodDto.from(await this.periods.get(ctx, periodId));
  }

  @Patch(':periodId')
  @RequirePermission(Permission.IndicatorsManage)
  @ApiOperation({ summary: 'Rename a period or move its due date and grace' })
  @ApiOkResponse({ type: PeriodDto })
  async update(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Body() body: UpdatePeriodDto,
  ): Promise<PeriodDto> {
    return PeriodDto.from(await this.periods.update(ctx, periodId, body));
  }

  @Post(':periodId/status-transitions')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'open → closed → archived (closed → open reopens entry)' })
  @ApiOkResponse({ type: PeriodDto })
  async transition(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Body() body: PeriodTransitionDto,
  ): Promise<PeriodDto> {
    return PeriodDto.from(await this.periods.transition(ctx, periodId, body));
  }

  @Get(':periodId/targets')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'The target of every point (the period’s override, else the framework’s default)' })
  @ApiOkResponse({ schema: TARGETS_SCHEMA })
  async targets(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
  ): Promise<Record<string, number | boolean>> {
    return Object.fromEntries(await this.periods.targets(ctx, periodId));
  }

  @Put(':periodId/targets')
  @RequirePermission(Permission.IndicatorsManage)
  @ApiOperation({ summary: 'Override targets for this period (null puts the default back)' })
  @ApiOkResponse({ schema: TARGETS_SCHEMA })
  async setTargets(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Body() body: SetTargetsDto,
  ): Promise<Record<string, number | boolean>> {
    return Object.fromEntries(await this.periods.setTargets(ctx, periodId, body));
  }

  @Get(':periodId/expected-reporters')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'Who is expected to report each point (null organization: the secretariat)' })
  @ApiOkResponse({ type: [ExpectedReporterDto] })
  expected(@Ctx() ctx: RequestContext, @Param('periodId', uuid()) periodId: string): Promise<ExpectedReporterDto[]> {
    return this.periods.expectedReporters(ctx, periodId);
  }

  @Put(':periodId/expected-reporters')
  @RequirePermission(Permission.IndicatorsManage)
  @ApiOperation({ summary: 'Replace who is expected to report one point' })
  @ApiOkResponse({ type: [ExpectedReporterDto] })
  setExpected(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Body() body: SetExpectedReportersDto,
  ): Promise<ExpectedReporterDto[]> {
    return this.periods.setExpectedReporters(ctx, periodId, body);
  }

  @Post(':periodId/extensions')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Keep entry open for one organization (or the secretariat) past the due date' })
  @ApiNoContentResponse()
  extend(
    @Ctx() ctx: RequestContext,
    @Param('periodId', uuid()) periodId: string,
    @Body() body: ExtensionDto,
  ): Promise<void> {
    return this.periods.grantExtension(ctx, periodId, body);
  }
}
