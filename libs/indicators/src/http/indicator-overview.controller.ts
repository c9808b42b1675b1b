import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PlatformAdminOnly, RequestContext } from '@chanjiao/core';
import { OverviewDto, OverviewQueryDto } from '../dto/overview.dto';
import { OverviewService } from '../services/overview.service';

/** The platform's overview of every consortium's construction indicators (platform admins). */
@ApiTags('indicators')
@Controller('indicator-overview')
export class IndicatorOverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Each consortium’s latest period and roll-up, ranked: score, composite index, veto failures, statuses',
  })
  @ApiOkResponse({ type: OverviewDto })
  get(@Ctx() ctx: RequestContext, @Query() query: OverviewQueryDto): Promise<OverviewDto> {
    return this.overview.overview(ctx, query);
  }
}
