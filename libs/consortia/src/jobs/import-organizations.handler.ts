import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { OrganizationImportService } from '../services/organization-import.service';

/** Imports an uploaded organizations file; its writes and audit entry are attributed to the user who uploaded it. */
@Injectable()
@HandlesJob(JobName.ImportOrganizations)
export class ImportOrganizationsHandler implements JobHandler<JobName.ImportOrganizations> {
  constructor(private readonly imports: OrganizationImportService) {}

  handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportOrganizations>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.ImportOrganizations>> {
    const asRequester: RequestContext = payload.requestedBy
      ? { ...ctx, actor: { userId: payload.requestedBy, platformAdmin: false } }
      : ctx;
    return this.imports.runImport(asRequester, payload, execution);
  }
}
