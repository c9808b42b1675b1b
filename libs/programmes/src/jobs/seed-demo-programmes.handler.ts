import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { DemoProgrammesService } from '../services/demo-programmes.service';

/** The demo schools' offerings (and the sample catalogue where none was imported); idempotent. */
@Injectable()
@HandlesJob(JobName.SeedDemoProgrammes)
export class SeedDemoProgrammesHandler implements JobHandler<JobName.SeedDemoProgrammes> {
  constructor(private readonly demo: DemoProgrammesService) {}

  handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.SeedDemoProgrammes>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.SeedDemoProgrammes>> {
    return this.demo.seed(ctx, execution);
  }
}
