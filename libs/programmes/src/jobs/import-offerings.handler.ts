import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { OfferingImportService } from '../services/offering-import.service';

/** Imports a school's uploaded offerings; writes and audit entries are attributed to the uploader. */
@Injectable()
@HandlesJob(JobName.ImportOfferings)
export class ImportOfferingsHandler implements JobHandler<JobName.ImportOfferings> {
  constructor(private readonly imports: OfferingImportService) {}

  handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportOfferings>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.ImportOfferings>> {
    const asRequester: RequestContext = payload.requestedBy
      ? { ...ctx, actor: { userId: payload.requestedBy, platformAdmin: false } }
      : ctx;
    return this.imports.runImport(asRequester, payload, execution);
  }
}
