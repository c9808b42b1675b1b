import { Injectable } from '@nestjs/common';
import { Clock, RequestContext } from '@chanjiao/core';
import { ConsortiaService } from '@chanjiao/consortia';
import { buildSelfAssessmentPdf, buildSelfAssessmentWorkbook, Language } from './self-assessment';
import { PeriodsService } from './periods.service';
import { ScoresService } from './scores.service';

/** The self-assessment report (建设自评报告) of a period from its latest roll-up, as xlsx or PDF. */
@Injectable()
export class SelfAssessmentService {
  constructor(
    private readonly clock: Clock,
    private readonly consortia: ConsortiaService,
    private readonly periods: PeriodsService,
    private readonly scores: ScoresService,
  ) {}

  async export(
    ctx: RequestContext,
    periodId: string,
    format: 'xlsx' | 'pdf',
    lang: Language,
  ): Promise<{ file: Buffer; periodName: string; consortiumName: string }> {
    const period = await this.periods.get(ctx, periodId);
    const tree = await this.scores.tree(ctx, periodId);
    const consortium = await this.consortia.get(ctx, ctx.consortiumId as string);
    const input = {
      consortiumName: consortium.name,
      periodName: period.name,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      tree,
      generatedOn: this.clock.chinaToday(),
    };
    const file =
      format === 'pdf' ? await buildSelfAssessmentPdf(input, lang) : await buildSelfAssessmentWorkbook(input, lang);
    return { file, periodName: period.name, consortiumName: consortium.name };
  }
}
