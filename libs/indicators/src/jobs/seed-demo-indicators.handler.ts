import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { DemoIndicatorsService } from '../demo/demo-indicators.service';

/** The last link of the demo seed: the demo consortium's open reporting period, its reports and a roll-up. */
@Injectable()
@HandlesJob(JobName.SeedDemoIndicators)
export class SeedDemoIndicatorsHandler implements JobHandler<JobName.SeedDemoIndicators> {
  constructor(private readonly demo: DemoIndicatorsService) {}

  async handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.SeedDemoIndicators>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoIndicators>> {
    await execution.reportProgress(10);
    return this.demo.seed(ctx);
  }
}
