import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { TransactionService } from '../database/transaction.service';
import { JOB_QUEUE, JobName, JobPayload } from './job-names';
import { OutboxMessage } from './outbox-message.entity';

export interface EnqueuedJob {
  jobId: string;
  name: JobName;
}

/**
 * Requests background work. The outbox row joins the caller's open transaction
 * (or opens one), so the job exists if and only if the change committed.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly tx: TransactionService) {}

  async enqueue<N extends JobName>(ctx: RequestContext, name: N, payload: JobPayload<N>): Promise<EnqueuedJob> {
    const id = randomUUID();
    await this.tx.runWithQueueAccess(ctx, (manager) =>
      manager.insert(OutboxMessage, {
        id,
        consortiumId: (payload as { consortiumId?: string }).consortiumId ?? ctx.consortiumId ?? null,
        queue: JOB_QUEUE[name],
        jobName: name,
        payload: payload as object,
        requestedBy: ctx.actor?.userId ?? null,
        requestId: ctx.requestId,
      }),
    );
    return { jobId: id, name };
  }
}
