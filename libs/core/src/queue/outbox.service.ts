import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { TransactionService } from '../database/transaction.service';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { JOB_QUEUE, JobName, JobPayload } from './job-names';
import { OutboxMessage } from './outbox-message.entity';

/** When the relay may dispatch a job: `delaySeconds` from the database's now (e.g. a no-show check after the grace). */
export interface EnqueueOptions {
  delaySeconds?: number;
}

export interface EnqueuedJob {
  jobId: string;
  name: JobName;
}

/** Namespace of follow-up job ids (a fixed, random uuid: changing it changes every follow-up id). */
const FOLLOW_UP_NAMESPACE = '5b0c3f4e-8d2a-4e71-9a36-2f1d7c9e4b80';

/**
 * RFC 4122 name-based uuid (version 5, SHA-1) of `name` in `namespace`: the same
 * inputs always give the same id.
 */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the follow-up job `name` that job `parentJobId` enqueues (`key` tells
 * apart several follow-ups of one name, e.g. one per batch). A retry of the parent
 * derives the same id, so it cannot enqueue the follow-up twice.
 */
export function followUpJobId(parentJobId: string, name: JobName, key = ''): string {
  return uuidV5(FOLLOW_UP_NAMESPACE, JSON.stringify([parentJobId, name, key]));
}

/**
 * Requests background work. The outbox row joins the caller's open transaction
 * (or opens one), so the job exists if and only if the change committed.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly tx: TransactionService) {}

  /** A new job with a fresh id. */
  enqueue<N extends JobName>(
    ctx: RequestContext,
    name: N,
    payload: JobPayload<N>,
    options: EnqueueOptions = {},
  ): Promise<EnqueuedJob> {
    return this.insert(ctx, randomUUID(), name, payload, options);
  }

  /**
   * A job enqueued by a running job (`parentJobId`: its `execution.jobId`), with an id
   * derived from the parent, the name and `key`. Idempotent: when a retry of the parent
   * enqueues it again, the existing row stays and the same id is returned.
   */
  enqueueFollowUp<N extends JobName>(
    ctx: RequestContext,
    parentJobId: string,
    name: N,
    payload: JobPayload<N>,
    key = '',
    options: EnqueueOptions = {},
  ): Promise<EnqueuedJob> {
    return this.insert(ctx, followUpJobId(parentJobId, name, key), name, payload, options);
  }

  private async insert<N extends JobName>(
    ctx: RequestContext,
    id: string,
    name: N,
    payload: JobPayload<N>,
    options: EnqueueOptions = {},
  ): Promise<EnqueuedJob> {
    const delay = Math.max(0, Math.min(Math.ceil(options.delaySeconds ?? 0), 366 * 86_400));
    const consortiumId = (payload as { consortiumId?: string }).consortiumId ?? ctx.consortiumId ?? null;
    if (ctx.consortiumId && consortiumId !== ctx.consortiumId) {
      // The outbox policy admits queue plumbing for every tenant, so the check is here:
      // work for another consortium never starts from this one's context.
      throw new CoreException(
        CoreErrorCode.Forbidden,
        `A ${name} job for consortium ${consortiumId} cannot be enqueued in consortium ${ctx.consortiumId}'s context`,
      );
    }
    await this.tx.runWithQueueAccess(ctx, (manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values({
          id,
          consortiumId,
          queue: JOB_QUEUE[name],
          jobName: name,
          payload: payload as object,
          requestedBy: ctx.actor?.userId ?? null,
          requestId: ctx.requestId,
          // The relay claims rows whose available_at has come: a delayed job waits in the outbox.
          ...(delay > 0 ? { availableAt: () => `now() + make_interval(secs => ${delay})` } : {}),
        })
        .orIgnore()
        .execute(),
    );
    return { jobId: id, name };
  }
}
