import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { DemoTrainingPlansService } from '../services/demo-training-plans.service';

/** The demo consortium's training plan for the current year (idempotent). */
@Injectable()
@HandlesJob(JobName.SeedDemoTrainingPlans)
export class SeedDemoTrainingPlansHandler implements JobHandler<JobName.SeedDemoTrainingPlans> {
  constructor(private readonly demo: DemoTrainingPlansService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.SeedDemoTrainingPlans>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoTrainingPlans>> {
    await execution.reportProgress(10);
    return { consortiumId: payload.consortiumId, ...(await this.demo.seed(ctx)) };
  }
}
