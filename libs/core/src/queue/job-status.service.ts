import { Injectable } from '@nestjs/common';
import { MembershipResolver } from '../auth/membership-resolver';
import { RequestContext } from '../context/request-context';
import { TransactionService } from '../database/transaction.service';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { JobStatusDto, JobState } from './job-status.dto';
import { OutboxMessage } from './outbox-message.entity';
import { RegisteredQueues } from './registered-queues';

/**
 * Reads a job's state from its outbox row and, once dispatched, from BullMQ. A job
 * whose row was pruned (finished more than OUTBOX_RETENTION_DAYS ago) answers 404
 * like one that never existed.
 */
@Injectable()
export class JobStatusService {
  constructor(
    private readonly tx: TransactionService,
    private readonly queues: RegisteredQueues,
    private readonly memberships: MembershipResolver,
  ) {}

  async get(ctx: RequestContext, jobId: string): Promise<JobStatusDto> {
    // Read with queue access; visibility to this caller is decided just below.
    const message = await this.tx.runWithQueueAccess(ctx, (m) => m.findOne(OutboxMessage, { where: { id: jobId } }));
    if (!message || !(await this.visibleTo(ctx, message))) {
      throw new CoreException(CoreErrorCode.NotFound, `Job ${jobId} not found`);
    }
    const base = {
      id: message.id,
      name: message.jobName,
      createdAt: message.createdAt.toISOString(),
    };
    if (!message.dispatchedAt) {
      return {
        ...base,
        state: 'pending_dispatch',
        progress: 0,
        result: null,
        failedReason: message.lastDispatchError,
        attemptsMade: 0,
        finishedAt: null,
      };
    }
    const queue = this.queues.get(message.queue);
    // State first, then the job's data: the data read second is at least as new as the state.
    const rawState = ((await queue?.getJobState(message.id)) ?? 'unknown') as string;
    const job = await queue?.getJob(message.id);
    if (!job) {
      // Removed by BullMQ's retention (or lost, until the reconciler dispatches it again):
      // the outbox ledger still knows whether it finished.
      const state: JobState = message.completedAt ? 'completed' : message.failedAt ? 'failed' : 'unknown';
      return {
        ...base,
        state,
        progress: message.completedAt ? 100 : 0,
        result: message.result as Record<string, unknown> | null,
        failedReason: message.failedReason,
        attemptsMade: message.completedAttempt ?? 0,
        finishedAt: (message.completedAt ?? message.failedAt)?.toISOString() ?? null,
      };
    }
    const state = rawState;
    const progress = typeof job.progress === 'number' ? job.progress : 0;
    return {
      ...base,
      state: normaliseState(state),
      progress: state === 'completed' ? 100 : progress,
      // The outbox ledger is the source of truth for a finished job's result.
      result:
        (job.returnvalue as Record<string, unknown> | null | undefined) ??
        (message.result as Record<string, unknown> | null),
      failedReason: job.failedReason || null,
      attemptsMade: job.attemptsMade,
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }

  /**
   * A job is visible to whoever requested it, to the members of its consortium,
   * and to platform admins; to anyone else it does not exist (404).
   */
  private async visibleTo(ctx: RequestContext, message: OutboxMessage): Promise<boolean> {
    const actor = ctx.actor;
    if (!actor) return false;
    if (actor.platformAdmin || message.requestedBy === actor.userId) return true;
    if (!message.consortiumId) return false;
    return (await this.memberships.membership(actor.userId, message.consortiumId, ctx.requestId)) !== undefined;
  }
}

function normaliseState(state: string): JobState {
  switch (state) {
    case 'waiting':
    case 'waiting-children':
    case 'prioritized':
    case 'paused':
      return 'waiting';
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    default:
      return 'unknown';
  }
}
