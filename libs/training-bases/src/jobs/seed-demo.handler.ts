import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { TrainingBasesDemoService } from '../services/demo.service';

/** Chained after the demo consortium seed: three bases and a month of bookings (idempotent). */
@Injectable()
@HandlesJob(JobName.SeedTrainingBasesDemo)
export class SeedTrainingBasesDemoHandler implements JobHandler<JobName.SeedTrainingBasesDemo> {
  constructor(private readonly demo: TrainingBasesDemoService) {}

  handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.SeedTrainingBasesDemo>,
  ): Promise<JobResult<JobName.SeedTrainingBasesDemo>> {
    return this.demo.seed(ctx);
  }
}
