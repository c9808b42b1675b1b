import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { CatalogueImportService } from '../services/catalogue-import.service';

/** Imports an uploaded national list (platform level); the audit entry names the admin who uploaded it. */
@Injectable()
@HandlesJob(JobName.ImportCatalogue)
export class ImportCatalogueHandler implements JobHandler<JobName.ImportCatalogue> {
  constructor(private readonly imports: CatalogueImportService) {}

  handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportCatalogue>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.ImportCatalogue>> {
    const asRequester: RequestContext = payload.requestedBy
      ? { ...ctx, actor: { userId: payload.requestedBy, platformAdmin: true } }
      : ctx;
    return this.imports.runImport(asRequester, payload, execution);
  }
}
