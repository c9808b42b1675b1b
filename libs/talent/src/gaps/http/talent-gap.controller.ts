import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import {
  attachmentDisposition,
  Ctx,
  Permission,
  RequestContext,
  RequirePermission,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import { DEFAULT_GAP_THRESHOLDS, GapThresholds } from '../domain/talent-gap';
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
    return this.gaps.report(ctx, query.year, thresholdsOf(query));
  }

  @Get('export')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({ summary: 'The gap table as xlsx (zh-CN headers): by programme class and by occupation' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(
    @Ctx() ctx: RequestContext,
    @Query() query: TalentGapQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.gaps.workbook(ctx, query.year, thresholdsOf(query));
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`talent-gap-${query.year}.xlsx`, `${query.year}年度人才供需缺口.xlsx`),
      )
      .send(file);
  }

  @Get('adjustment-advice')
  @RequirePermission(Permission.MatchingRead)
  @ApiOperation({
    summary: 'The programme-adjustment advice (专业动态调整建议) as a printable HTML table (A4 landscape)',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async advice(
    @Ctx() ctx: RequestContext,
    @Query() query: TalentGapQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(await this.gaps.advice(ctx, query.year, thresholdsOf(query)));
  }
}

function thresholdsOf(query: TalentGapQueryDto): GapThresholds {
  return {
    expandAbove: query.expandAbove ?? DEFAULT_GAP_THRESHOLDS.expandAbove,
    shrinkBelow: query.shrinkBelow ?? DEFAULT_GAP_THRESHOLDS.shrinkBelow,
  };
}
