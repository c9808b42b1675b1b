import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { CooperationsDemoService } from '../services/cooperations-demo.service';

/** Gives the demo consortium a few cooperations from its matches (idempotent); chained after the talent demo. */
@Injectable()
@HandlesJob(JobName.SeedDemoCooperations)
export class SeedDemoCooperationsHandler implements JobHandler<JobName.SeedDemoCooperations> {
  constructor(private readonly demo: CooperationsDemoService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.SeedDemoCooperations>,
  ): Promise<JobResult<JobName.SeedDemoCooperations>> {
    const { created } = await this.demo.seed(ctx);
    return { consortiumId: payload.consortiumId, created };
  }
}
