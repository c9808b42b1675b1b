import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  attachmentDisposition,
  Ctx,
  PDF_MEDIA_TYPE,
  Permission,
  RequestContext,
  RequirePermission,
  XLSX_MEDIA_TYPE,
} from '@chanjiao/core';
import { SelfAssessmentQueryDto } from '../dto/report-entry.dto';
import { SelfAssessmentService } from '../services/self-assessment.service';

/** The self-assessment report (建设自评报告) of a period. */
@ApiTags('indicators')
@Controller('consortia/:consortiumId/indicator-scores')
export class IndicatorSelfAssessmentController {
  constructor(private readonly reports: SelfAssessmentService) {}

  @Get('self-assessment')
  @RequirePermission(Permission.IndicatorsRead)
  @ApiOperation({
    summary: 'The self-assessment report (建设自评报告) of a period, as xlsx or a printable PDF, in zh-CN or en',
    description:
      'The latest roll-up laid on the framework in its tiers (一级指标 → 二级指标 → 观测点): value, target, ' +
      'completion, status, score and completeness per row, the overall score and the veto check.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE, PDF_MEDIA_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(
    @Ctx() ctx: RequestContext,
    @Query() query: SelfAssessmentQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'xlsx';
    const lang = query.lang ?? 'zh-CN';
    const { file, periodName } = await this.reports.export(ctx, query.periodId, format, lang);
    void reply
      .header('content-type', format === 'pdf' ? PDF_MEDIA_TYPE : XLSX_MEDIA_TYPE)
      .header(
        'content-disposition',
        attachmentDisposition(`self-assessment.${format}`, `建设自评报告-${periodName}.${format}`),
      )
      .send(file);
  }
}
