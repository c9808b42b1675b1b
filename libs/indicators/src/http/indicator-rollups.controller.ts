import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX, Ctx, JobAcceptedDto, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  CompareQueryDto,
  PointDrillDownDto,
  PointDrillQueryDto,
  RequestRollupDto,
  RollupComparisonDto,
  RollupDetailDto,
  RollupListQueryDto,
  RollupPageDto,
  RollupSummaryDto,
  ScoresQueryDto,
  ScoreTreeDto,
} from '../dto/rollup.dto';
import { IndicatorsErrorCode, IndicatorsException } from '../exceptions/indicators.exception';
import { RollupService } from '../services/rollup.service';
import { ScoresService } from '../services/scores.service';

const uuid = () => new ParseUUIDPipe();
const POINT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Roll-ups (汇总) of a period and the score tree with its drill-down. */
@ApiTags('indicators')
@Controller('consortia/:consortiumId')
export class IndicatorRollupsController {
  constructor(
    private readonly rollups: RollupService,
    private readonly scores: ScoresService,
  ) {}

  @Post('indicator-rollups')
  @RequirePermission(Permission.IndicatorsManage)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Roll the whole period up in the background; poll the job' })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async request(@Ctx() ctx: RequestContext, @Body() body: RequestRollupDto): Promise<JobAcceptedDto> {
    const job = await this.rollups.request(ctx, body.periodId);
    return { jobId: job.jobId, name: job.name, statusUrl: `/${API_PREFIX}/jobs/${job.jobId}` };
  }

  @Get('indicator-rollups')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'The snapshots of a period, newest first (history is kept)' })
  @ApiOkResponse({ type: RollupPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: RollupListQueryDto): Promise<RollupPageDto> {
    const page = await this.rollups.list(ctx, query.periodId, query);
    return { items: page.items.map(RollupSummaryDto.from), nextCursor: page.nextCursor };
  }

  @Get('indicator-rollups/:rollupId')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'One snapshot with every node and its inputs' })
  @ApiOkResponse({ type: RollupDetailDto })
  async get(@Ctx() ctx: RequestContext, @Param('rollupId', uuid()) rollupId: string): Promise<RollupDetailDto> {
    const rollup = await this.rollups.get(ctx, rollupId);
    return { ...RollupSummaryDto.from(rollup), nodes: rollup.result.nodes, aggregates: rollup.result.aggregates };
  }

  @Get('indicator-rollups/:rollupId/compare')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'What changed between an earlier snapshot and this one' })
  @ApiOkResponse({ type: RollupComparisonDto })
  async compare(
    @Ctx() ctx: RequestContext,
    @Param('rollupId', uuid()) rollupId: string,
    @Query() query: CompareQueryDto,
  ): Promise<RollupComparisonDto> {
    const [to, from] = [await this.rollups.get(ctx, rollupId), await this.rollups.get(ctx, query.with)];
    const changed = Object.values(to.result.nodes)
      .map((node) => ({ node, before: from.result.nodes[node.code] }))
      .filter(
        ({ node, before }) =>
          !before || before.value !== node.value || before.status !== node.status || before.score !== node.score,
      )
      .map(({ node, before }) => ({
        code: node.code,
        value: { from: before?.value ?? null, to: node.value },
        status: { from: before?.status ?? null, to: node.status },
        score: { from: before?.score ?? null, to: node.score },
      }));
    return {
      from: from.id,
      to: to.id,
      changed,
      scoreFrom: from.result.overall.score,
      scoreTo: to.result.overall.score,
    };
  }

  @Get('indicator-scores')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'The framework tree with values, targets, completion, status, scores and completeness' })
  @ApiOkResponse({ type: ScoreTreeDto })
  tree(@Ctx() ctx: RequestContext, @Query() query: ScoresQueryDto): Promise<ScoreTreeDto> {
    return this.scores.tree(ctx, query.periodId);
  }

  @Get('indicator-scores/points/:pointCode')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({ summary: 'Drill down from a point to the reports, evidence and source rows behind its value' })
  @ApiOkResponse({ type: PointDrillDownDto })
  point(
    @Ctx() ctx: RequestContext,
    @Param('pointCode') pointCode: string,
    @Query() query: PointDrillQueryDto,
  ): Promise<PointDrillDownDto> {
    if (!POINT_CODE.test(pointCode)) {
      throw new IndicatorsException(IndicatorsErrorCode.UnknownPoint, 'pointCode must be an observation point code', {
        field: 'pointCode',
      });
    }
    return this.scores.point(ctx, query.periodId, pointCode);
  }
}
