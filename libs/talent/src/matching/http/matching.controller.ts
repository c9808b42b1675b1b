import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { API_PREFIX, Ctx, ErrorBody, JobName, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  MatchDecisionDto,
  MatchDecisionResultDto,
  MatchDto,
  MatchingFeedbackDto,
  MatchingRunAcceptedDto,
  MatchingRunDto,
  MatchingRunListDto,
  MatchingRunListQueryDto,
  MatchingWeightsDto,
  MatchingWeightsUpdatedDto,
  OfferingMatchesDto,
  PostingMatchesDto,
  PutMatchingWeightsDto,
} from '../dto/matching.dto';
import { MatchingRunTriggersReader } from '../services/matching-run-triggers.reader';
import { MatchingSettingsService } from '../services/matching-settings.service';
import { MatchingService } from '../services/matching.service';

const uuid = () => new ParseUUIDPipe();

function accepted(consortiumId: string, run: { runId: string; jobId: string; name: JobName }): MatchingRunAcceptedDto {
  return {
    runId: run.runId,
    jobId: run.jobId,
    name: run.name,
    statusUrl: `/${API_PREFIX}/jobs/${run.jobId}`,
    runUrl: `/${API_PREFIX}/consortia/${consortiumId}/matching-runs/${run.runId}`,
  };
}

/** Matches of demand postings to programme offerings, runs, and people's decisions on them (docs/matching.md). */
@ApiTags('matching')
@Controller('consortia/:consortiumId')
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly settings: MatchingSettingsService,
    private readonly triggers: MatchingRunTriggersReader,
  ) {}

  @Get('demand-postings/:demandPostingId/matches')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({
    summary:
      "A posting's matches, ranked, with the breakdown and the offering's school (its enterprise and the secretariat)",
  })
  @ApiOkResponse({ type: PostingMatchesDto })
  async ofPosting(
    @Ctx() ctx: RequestContext,
    @Param('demandPostingId', uuid()) postingId: string,
  ): Promise<PostingMatchesDto> {
    return PostingMatchesDto.from(await this.matching.matchesOfPosting(ctx, postingId));
  }

  @Put('demand-postings/:demandPostingId/matches/:offeringId/decision')
  @RequirePermission(Permission.MatchingFeedback)
  @ApiOperation({
    summary: 'Pin or hide a match (secretariat), mark it not relevant (the enterprise), or withdraw it (none)',
  })
  @ApiOkResponse({ type: MatchDecisionResultDto })
  decide(
    @Ctx() ctx: RequestContext,
    @Param('demandPostingId', uuid()) postingId: string,
    @Param('offeringId', uuid()) offeringId: string,
    @Body() body: MatchDecisionDto,
  ): Promise<MatchDecisionResultDto> {
    return this.matching.decide(ctx, postingId, offeringId, body.decision, body.reason ?? null);
  }

  @Get('programme-offerings/:offeringId/matches')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({ summary: 'The postings an offering fits (its school and the secretariat)' })
  @ApiOkResponse({ type: OfferingMatchesDto })
  async ofOffering(
    @Ctx() ctx: RequestContext,
    @Param('offeringId', uuid()) offeringId: string,
  ): Promise<OfferingMatchesDto> {
    return { items: (await this.matching.matchesOfOffering(ctx, offeringId)).map(MatchDto.from) };
  }

  @Post('matching-runs')
  @RequirePermission(Permission.MatchingManage)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Re-match every published posting of the consortium in the background' })
  @ApiAcceptedResponse({ type: MatchingRunAcceptedDto })
  async requestRun(@Ctx() ctx: RequestContext): Promise<MatchingRunAcceptedDto> {
    return accepted(ctx.consortiumId as string, await this.matching.requestRun(ctx));
  }

  @Get('matching-runs')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({
    summary: 'The latest runs, newest first: requested ones and the nightly re-match (02:30 China time)',
  })
  @ApiOkResponse({ type: MatchingRunListDto })
  async listRuns(@Ctx() ctx: RequestContext, @Query() query: MatchingRunListQueryDto): Promise<MatchingRunListDto> {
    const runs = await this.matching.latestRuns(ctx, query.limit ?? 10);
    const triggers = await this.triggers.of(ctx, runs);
    return { items: runs.map((r, i) => MatchingRunDto.from(r, triggers[i])) };
  }

  @Get('matching-runs/:runId')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({ summary: 'A run: trigger, status, progress, counts, scoring version' })
  @ApiOkResponse({ type: MatchingRunDto })
  async getRun(@Ctx() ctx: RequestContext, @Param('runId', uuid()) runId: string): Promise<MatchingRunDto> {
    const run = await this.matching.getRun(ctx, runId);
    return MatchingRunDto.from(run, (await this.triggers.of(ctx, [run]))[0]);
  }

  @Get('matching-feedback')
  @RequirePermission(Permission.MatchingManage)
  @ApiOperation({ summary: 'Hidden and not-relevant matches by their largest factor (a sign that weights are off)' })
  @ApiOkResponse({ type: MatchingFeedbackDto })
  feedback(@Ctx() ctx: RequestContext): Promise<MatchingFeedbackDto> {
    return this.matching.feedbackByFactor(ctx);
  }

  @Get('matching-weights')
  @RequirePermission(Permission.MatchingManage)
  @ApiOperation({ summary: "The consortium's matching weights and thresholds, with the defaults and the bounds" })
  @ApiOkResponse({ type: MatchingWeightsDto })
  async getWeights(@Ctx() ctx: RequestContext): Promise<MatchingWeightsDto> {
    return MatchingWeightsDto.from(await this.settings.get(ctx));
  }

  @Put('matching-weights')
  @RequirePermission(Permission.MatchingManage)
  @ApiOperation({
    summary: 'Replace the weights and thresholds (within the documented bounds; audited)',
    description:
      'A change starts a full re-match in the same transaction: 202 with the run. A body equal to the ' +
      'current settings writes nothing: 200 with `run` null. A value outside its bounds: 422 naming the field.',
  })
  @ApiAcceptedResponse({ type: MatchingWeightsUpdatedDto })
  @ApiOkResponse({ type: MatchingWeightsUpdatedDto })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  async putWeights(
    @Ctx() ctx: RequestContext,
    @Body() body: PutMatchingWeightsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MatchingWeightsUpdatedDto> {
    const { settings, run } = await this.settings.put(ctx, body);
    void reply.status(run ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return { ...MatchingWeightsDto.from(settings), run: run ? accepted(ctx.consortiumId as string, run) : null };
  }
}
