import { Injectable } from '@nestjs/common';
import { RequestContext } from '@chanjiao/core';
import { ConsortiaService, OrganizationsService } from '@chanjiao/consortia';
import { annualReportHtml, planWorkbook, progressWorkbook } from './training-reports';
import { TrainingPlansService } from './training-plans.service';
import { TrainingProgressService } from './training-progress.service';

/** The plan and progress files: xlsx with zh-CN headers, and the printable annual report. */
@Injectable()
export class TrainingExportsService {
  constructor(
    private readonly plans: TrainingPlansService,
    private readonly progress: TrainingProgressService,
    private readonly organizations: OrganizationsService,
    private readonly consortia: ConsortiaService,
  ) {}

  async planWorkbook(
    ctx: RequestContext,
    planId: string,
    versionId: string,
  ): Promise<{ file: Buffer; year: number; version: number }> {
    const [{ plan }, { version, items }] = [
      await this.plans.get(ctx, planId),
      await this.plans.getVersion(ctx, planId, versionId),
    ];
    const ids = items.flatMap((i) => [i.providerOrganizationId, ...i.targetOrganizationIds]);
    const names = new Map((await this.organizations.summaries(ctx, ids)).map((o) => [o.id, o.name] as const));
    return {
      file: await planWorkbook(plan.year, version.version, items, names),
      year: plan.year,
      version: version.version,
    };
  }

  async progressWorkbook(
    ctx: RequestContext,
    planId: string,
    versionId?: string,
  ): Promise<{ file: Buffer; year: number }> {
    const progress = await this.progress.progress(ctx, planId, versionId);
    return { file: await progressWorkbook(progress), year: progress.plan.year };
  }

  async annualReport(ctx: RequestContext, planId: string): Promise<string> {
    const progress = await this.progress.progress(ctx, planId);
    const consortium = await this.consortia.get(ctx, ctx.consortiumId as string);
    return annualReportHtml(progress, consortium.name);
  }
}
