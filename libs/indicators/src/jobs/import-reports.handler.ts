import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { ReportImportService } from '../services/report-import.service';

/** Bulk entry: one organization's reports of a period from an uploaded workbook, with a row error report. */
@Injectable()
@HandlesJob(JobName.ImportIndicatorReports)
export class ImportReportsHandler implements JobHandler<JobName.ImportIndicatorReports> {
  constructor(private readonly imports: ReportImportService) {}

  handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportIndicatorReports>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.ImportIndicatorReports>> {
    return this.imports.runImport(ctx, payload, execution);
  }
}
