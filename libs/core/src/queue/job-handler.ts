import { SetMetadata } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { JobName, JobPayload, JobResult } from './job-names';

export const JOB_HANDLER_METADATA = 'chanjiao:job-handler';

/** Lets a handler report progress (0–100) and read its attempt number. */
export interface JobExecution {
  readonly jobId: string;
  readonly attempt: number;
  reportProgress(percent: number): Promise<void>;
}

/**
 * A context's implementation of one job. Handlers must be idempotent: a job can
 * run again after a crash. `ctx` is scoped to the payload's consortium.
 */
export interface JobHandler<N extends JobName> {
  handle(ctx: RequestContext, payload: JobPayload<N>, execution: JobExecution): Promise<JobResult<N>>;
}

/** Marks a provider as the (only) handler of a job name; checked when the worker boots. */
export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
