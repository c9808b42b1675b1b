import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { RequestContext, systemContext } from '../context/request-context';
import { TransactionService } from '../database/transaction.service';
import { logScope } from '../logging/logger';
import { JobHandler } from './job-handler';
import { JobHandlerRegistry } from './job-handler.registry';
import { JOB_QUEUE, JOB_SCHEDULES, JobName } from './job-names';
import { ProgressReporter } from './job-progress';
import { JobRunLock } from './job-run-lock.service';
import { OutboxMessage } from './outbox-message.entity';
import { uuidV5 } from './outbox.service';

/** Namespace of the outbox ids of scheduled occurrences (fixed: changing it changes every id). */
const SCHEDULED_NAMESPACE = '0f6d2c1a-3b7e-4c59-8e2d-9a41b7c3e5f2';

/** The outbox id of one occurrence of a job scheduler (BullMQ's id names the scheduler and the due time). */
export function scheduledOccurrenceId(bullJobId: string): string {
  return uuidV5(SCHEDULED_NAMESPACE, bullJobId);
}

/**
 * Runs one BullMQ job through its handler, in one tenant transaction that also
 * records the completion on the job's outbox row (the ledger): the handler's
 * writes and "completed" commit together or not at all. A job whose row is
 * already completed returns the stored result instead of running again, so a
 * message re-sent by the relay or the reconciler never does its work twice.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tx: TransactionService,
    private readonly runLock: JobRunLock,
  ) {}

  async run(job: Job): Promise<unknown> {
    const jobId = String(job.id);
    return logScope.run({ requestId: `job:${jobId}` }, async () => {
      const handler = this.registry.get(job.name);
      if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
      if (job.repeatJobKey) return this.enqueueOccurrence(job);
      const outcome = await this.runLock.runExclusive(jobId, () => this.runOnce(job, handler));
      if (!outcome.ran) {
        // Thrown so BullMQ retries with backoff; by then the other run has finished.
        throw new Error(`Job ${jobId} is already running elsewhere`);
      }
      return outcome.value;
    });
  }

  private async runOnce(job: Job, handler: JobHandler<JobName>): Promise<unknown> {
    const jobId = String(job.id);
    const attempt = job.attemptsMade + 1;
    const payload = job.data as { consortiumId?: string };
    const ctx = systemContext({ consortiumId: payload.consortiumId, requestId: `job:${jobId}` });
    const progress = new ProgressReporter(job, (error) =>
      this.logger.warn(`Job ${job.name} ${jobId}: progress not sent (${error.message})`),
    );
    let outcome: { ran: boolean; result: unknown };
    try {
      outcome = await this.tx.runWithCheckpoints(ctx, async (checkpoint) => {
        const ledger = await this.tx.runWithQueueAccess(ctx, (m) => m.findOne(OutboxMessage, { where: { id: jobId } }));
        if (!ledger) throw new UnrecoverableError(`Job ${jobId} has no outbox row (only the outbox relay adds jobs)`);
        if (ledger.completedAt) return { ran: false, result: ledger.result };
        this.logger.log(`Job ${job.name} ${jobId} started (attempt ${attempt})`);
        const result = await handler.handle(ctx, job.data as never, {
          jobId,
          attempt,
          reportProgress: (percent) => progress.report(percent),
          checkpoint,
        });
        await this.recordCompletion(ctx, jobId, attempt, result);
        return { ran: true, result };
      });
    } catch (error) {
      await progress.flush();
      await this.recordFailureIfFinal(job, error as Error);
      throw error;
    }
    if (!outcome.ran) {
      this.logger.log(`Job ${job.name} ${jobId} already completed; not running it again`);
      return outcome.result;
    }
    await progress.flush();
    await progress.report(100);
    await progress.flush();
    this.logger.log(`Job ${job.name} ${jobId} completed`);
    return outcome.result;
  }

  /**
   * A job produced by a BullMQ job scheduler (JOB_SCHEDULES) has no outbox row: it
   * becomes one, with an id derived from the occurrence, so the relay dispatches it and
   * it runs with the ledger like any job. A re-delivered occurrence inserts nothing.
   */
  private async enqueueOccurrence(job: Job): Promise<{ outboxId: string }> {
    const schedule = JOB_SCHEDULES.find((s) => s.id === job.repeatJobKey && s.name === job.name);
    if (!schedule) throw new UnrecoverableError(`Job ${job.id} comes from unknown scheduler "${job.repeatJobKey}"`);
    const outboxId = scheduledOccurrenceId(String(job.id));
    const ctx = systemContext({ requestId: `job:${job.id}` });
    await this.tx.runWithQueueAccess(ctx, (m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values({
          id: outboxId,
          consortiumId: null,
          queue: JOB_QUEUE[schedule.name],
          jobName: schedule.name,
          payload: schedule.payload as object,
          requestedBy: null,
          requestId: `schedule:${schedule.id}`,
        })
        .orIgnore()
        .execute(),
    );
    this.logger.log(`Scheduler ${schedule.id}: occurrence ${job.id} enqueued as job ${outboxId}`);
    return { outboxId };
  }

  /**
   * Inside the handler's transaction. Exactly one row must change: if another run
   * completed the job meanwhile (its lock lapsed), this run's writes roll back.
   */
  private async recordCompletion(ctx: RequestContext, jobId: string, attempt: number, result: unknown): Promise<void> {
    const updated = await this.tx.runWithQueueAccess(ctx, (m) =>
      m
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({
          completedAt: () => 'now()',
          completedAttempt: attempt,
          result: result as object,
          failedAt: null,
          failedReason: null,
        })
        .where('id = :jobId AND completed_at IS NULL', { jobId })
        .execute(),
    );
    if (updated.affected !== 1) {
      throw new Error(`Job ${jobId} was completed by another run meanwhile; this run's writes are rolled back`);
    }
  }

  /**
   * A failure BullMQ will not retry (last attempt, or unrecoverable) is recorded in
   * the ledger, so the reconciler leaves the job alone and the pruner can remove it.
   */
  private async recordFailureIfFinal(job: Job, error: Error): Promise<void> {
    const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!final) return;
    const jobId = String(job.id);
    await this.tx
      .runWithQueueAccess(systemContext({ requestId: `job:${jobId}` }), (m) =>
        m
          .createQueryBuilder()
          .update(OutboxMessage)
          .set({ failedAt: () => 'now()', failedReason: error.message.slice(0, 2000) })
          .where('id = :jobId AND completed_at IS NULL', { jobId })
          .execute(),
      )
      .catch((recordError: Error) =>
        this.logger.warn(`Job ${job.name} ${jobId}: final failure not recorded (${recordError.message})`),
      );
  }
}
