import { Injectable } from '@nestjs/common';
import {
  HandlesJob,
  JobExecution,
  JobHandler,
  JobName,
  JobPayload,
  JobResult,
  OutboxService,
  RequestContext,
} from '@chanjiao/core';
import { TalentDemoService } from '../services/talent-demo.service';

/** Seeds the demo consortium's talent postings (idempotent), then chains the demo cooperations (they need the postings). */
@Injectable()
@HandlesJob(JobName.SeedDemoTalent)
export class SeedDemoTalentHandler implements JobHandler<JobName.SeedDemoTalent> {
  constructor(
    private readonly demo: TalentDemoService,
    private readonly outbox: OutboxService,
  ) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.SeedDemoTalent>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoTalent>> {
    await execution.reportProgress(10);
    const { created } = await this.demo.seed(ctx);
    const next = await this.outbox.enqueueFollowUp(ctx, execution.jobId, JobName.SeedDemoCooperations, {
      consortiumId: payload.consortiumId,
    });
    return { consortiumId: payload.consortiumId, created, nextJobId: next.jobId };
  }
}
