import { SetMetadata } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { JobName, JobPayload, JobResult } from './job-names';

export const JOB_HANDLER_METADATA = 'chanjiao:job-handler';

/** What a running handler knows about its job, and what it may ask of the runner. */
export interface JobExecution {
  readonly jobId: string;
  readonly attempt: number;
  /**
   * Reports progress (0–100). Never blocks the handler and never fails it: the
   * latest value is sent to BullMQ in the background (a failed send is logged and
   * retried with the next report; the runner sends 100 once the job completed).
   */
  reportProgress(percent: number): Promise<void>;
  /**
   * Commits everything the handler wrote so far and goes on in a new transaction.
   * Only for handlers that must commit in parts (a large import, one batch at a
   * time): what a checkpoint committed stays if the job fails later and is written
   * again by the retry, so the work before each checkpoint must be idempotent on
   * its own (upserts, stable ids, recomputed from the database, not from memory).
   * Without checkpoints a handler's writes commit only together with its completion.
   */
  checkpoint(): Promise<void>;
}

/**
 * A context's implementation of one job. `ctx` is scoped to the payload's
 * consortium, and the handler runs inside the job's transaction: every
 * `TransactionService.run(ctx, …)` it makes joins it, and the runner records the
 * completion in the same transaction, so the writes and "this job is done" commit
 * together or not at all. Handlers stay idempotent all the same (delivery is
 * at-least-once; see docs/conventions.md, "Jobs and the outbox").
 */
export interface JobHandler<N extends JobName> {
  handle(ctx: RequestContext, payload: JobPayload<N>, execution: JobExecution): Promise<JobResult<N>>;
}

/** Marks a provider as the (only) handler of a job name; checked when the worker boots. */
export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
