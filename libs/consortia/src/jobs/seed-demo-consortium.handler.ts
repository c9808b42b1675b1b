import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { DemoSeedService } from '../services/demo-seed.service';

/** Seeds the demo consortium and chains the demo users job (a follow-up with an id derived from this job's). */
@Injectable()
@HandlesJob(JobName.SeedDemoConsortium)
export class SeedDemoConsortiumHandler implements JobHandler<JobName.SeedDemoConsortium> {
  constructor(private readonly demo: DemoSeedService) {}

  async handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.SeedDemoConsortium>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoConsortium>> {
    await execution.reportProgress(10);
    return this.demo.seed(ctx, execution.jobId);
  }
}
