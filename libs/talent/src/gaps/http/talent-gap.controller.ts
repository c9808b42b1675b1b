import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import { DEFAULT_GAP_THRESHOLDS } from '../domain/talent-gap';
import { TalentGapDto, TalentGapQueryDto } from '../dto/talent-gap.dto';
import { TalentGapService } from '../services/talent-gap.service';

/** Talent gap analysis: where demand and supply diverge (专业动态调整). */
@ApiTags('matching')
@Controller('consortia/:consortiumId/talent-gap')
export class TalentGapController {
  constructor(private readonly gaps: TalentGapService) {}

  @Get()
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({ summary: 'Demand vs supply per programme class and per occupation for a year, with recommendations' })
  @ApiOkResponse({ type: TalentGapDto })
  report(@Ctx() ctx: RequestContext, @Query() query: TalentGapQueryDto): Promise<TalentGapDto> {
    return this.gaps.report(ctx, query.year, {
      expandAbove: query.expandAbove ?? DEFAULT_GAP_THRESHOLDS.expandAbove,
      shrinkBelow: query.shrinkBelow ?? DEFAULT_GAP_THRESHOLDS.shrinkBelow,
    });
  }
}
