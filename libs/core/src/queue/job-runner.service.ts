import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { IsNull } from 'typeorm';
import { systemContext } from '../context/request-context';
import { TransactionService } from '../database/transaction.service';
import { logScope } from '../logging/logger';
import { JobHandler } from './job-handler';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobName } from './job-names';
import { JobRunLock } from './job-run-lock.service';
import { OutboxMessage } from './outbox-message.entity';

/**
 * Runs one BullMQ job through its handler. The outbox row is the ledger: a job
 * whose row is already completed returns the stored result instead of running
 * again, so a message re-sent by the relay never does its work twice.
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
    const ledger = await this.tx.runWithQueueAccess(systemContext(), (m) =>
      m.findOne(OutboxMessage, { where: { id: jobId } }),
    );
    if (ledger?.completedAt) {
      this.logger.log(`Job ${job.name} ${jobId} already completed; not running it again`);
      return ledger.result;
    }

    const payload = job.data as { consortiumId?: string };
    const ctx = systemContext({ consortiumId: payload.consortiumId, requestId: `job:${jobId}` });
    this.logger.log(`Job ${job.name} ${jobId} started (attempt ${job.attemptsMade + 1})`);
    const result = await handler.handle(ctx, job.data as never, {
      jobId,
      attempt: job.attemptsMade + 1,
      reportProgress: async (percent) => {
        await job.updateProgress(Math.max(0, Math.min(100, Math.round(percent))));
      },
    });
    await this.tx.runWithQueueAccess(systemContext(), (m) =>
      m.update(
        OutboxMessage,
        { id: jobId, completedAt: IsNull() },
        { completedAt: () => 'now()', completedAttempt: job.attemptsMade + 1, result: result as object },
      ),
    );
    await job.updateProgress(100);
    this.logger.log(`Job ${job.name} ${jobId} completed`);
    return result;
  }
}
