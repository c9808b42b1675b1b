import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { TalentDemoService } from '../services/talent-demo.service';

/** Seeds the demo consortium's talent postings (idempotent). */
@Injectable()
@HandlesJob(JobName.SeedDemoTalent)
export class SeedDemoTalentHandler implements JobHandler<JobName.SeedDemoTalent> {
  constructor(private readonly demo: TalentDemoService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.SeedDemoTalent>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoTalent>> {
    await execution.reportProgress(10);
    const { created } = await this.demo.seed(ctx);
    return { consortiumId: payload.consortiumId, created };
  }
}
