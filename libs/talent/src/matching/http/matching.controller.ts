import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX, Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  MatchDecisionDto,
  MatchDecisionResultDto,
  MatchDto,
  MatchingFeedbackDto,
  MatchingRunAcceptedDto,
  MatchingRunDto,
  OfferingMatchesDto,
  PostingMatchesDto,
} from '../dto/matching.dto';
import { MatchingService } from '../services/matching.service';

const uuid = () => new ParseUUIDPipe();

/** Matches of demand postings to programme offerings, runs, and people's decisions on them (docs/matching.md). */
@ApiTags('matching')
@Controller('consortia/:consortiumId')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

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
    const run = await this.matching.requestRun(ctx);
    return {
      runId: run.runId,
      jobId: run.jobId,
      name: run.name,
      statusUrl: `/${API_PREFIX}/jobs/${run.jobId}`,
      runUrl: `/${API_PREFIX}/consortia/${ctx.consortiumId}/matching-runs/${run.runId}`,
    };
  }

  @Get('matching-runs/:runId')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({ summary: 'A run: status, progress, counts, scoring version' })
  @ApiOkResponse({ type: MatchingRunDto })
  async getRun(@Ctx() ctx: RequestContext, @Param('runId', uuid()) runId: string): Promise<MatchingRunDto> {
    return MatchingRunDto.from(await this.matching.getRun(ctx, runId));
  }

  @Get('matching-feedback')
  @RequirePermission(Permission.MatchingManage)
  @ApiOperation({ summary: 'Hidden and not-relevant matches by their largest factor (a sign that weights are off)' })
  @ApiOkResponse({ type: MatchingFeedbackDto })
  feedback(@Ctx() ctx: RequestContext): Promise<MatchingFeedbackDto> {
    return this.matching.feedbackByFactor(ctx);
  }
}
