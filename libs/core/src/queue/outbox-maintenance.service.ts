import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { systemContext } from '../context/request-context';
import { queryRows } from '../database/queries';
import { TransactionService } from '../database/transaction.service';
import { RegisteredQueues } from './registered-queues';
import { RepeatingPass } from './repeating-pass';

const PRUNE_BATCH = 1000;
/** At most this many prune batches per pass, so one pass never runs long; the next pass goes on. */
const PRUNE_BATCHES_PER_PASS = 10;
const RECONCILE_BATCH = 100;

interface UnfinishedMessage {
  id: string;
  queue: string;
  /** `dispatched_at` as PostgreSQL prints it (microseconds kept, for the keyset cursor). */
  dispatched_at: string;
}

export interface ReconcilePassResult {
  checked: number;
  /** Lost from BullMQ and sent back to the relay. */
  redispatched: string[];
  /** Found failed for good in BullMQ and recorded so in the ledger. */
  failed: string[];
}

/**
 * The outbox's housekeeping, run periodically by every worker (all of it is safe
 * to run in several places at once):
 * - prune: finished rows (completed, or failed for good) are deleted once
 *   OUTBOX_RETENTION_DAYS have passed since they finished, in bounded batches;
 *   rows still pending or running are never pruned. GET /api/v1/jobs/:id then
 *   answers 404 for them.
 * - reconcile: a dispatched, unfinished row whose job BullMQ no longer has (Redis
 *   flushed or lost its data) is handed back to the relay once
 *   OUTBOX_RECONCILE_GRACE_SECONDS have passed since dispatch, so the job runs after
 *   all (the ledger still stops it running twice); a job BullMQ failed for good
 *   without the runner recording it (e.g. stalled too often) is recorded failed.
 *   Checked in batches along a keyset cursor, so every row is visited in turn.
 */
@Injectable()
export class OutboxMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxMaintenance.name);
  private cursor?: { dispatchedAt: string; id: string };
  private readonly loop = new RepeatingPass(async () => {
    await this.runOnce().catch((error: Error) => this.logger.warn(`Outbox maintenance pass failed: ${error.message}`));
    return this.config.queue.maintenanceIntervalMs;
  });

  constructor(
    private readonly tx: TransactionService,
    private readonly queues: RegisteredQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.queue.maintenanceIntervalMs);
  }

  private async runOnce(): Promise<void> {
    const pruned = await this.pruneOnce();
    const reconciled = await this.reconcileOnce();
    if (pruned > 0 || reconciled.redispatched.length > 0 || reconciled.failed.length > 0) {
      this.logger.log(
        `Outbox maintenance: ${pruned} rows pruned, ${reconciled.redispatched.length} lost jobs dispatched again, ` +
          `${reconciled.failed.length} failed jobs recorded`,
      );
    }
  }

  /** Deletes finished rows past the retention period (up to PRUNE_BATCHES_PER_PASS batches); returns how many. */
  async pruneOnce(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < PRUNE_BATCHES_PER_PASS && !this.loop.stopped; batch += 1) {
      const deleted = await this.withQueueAccess(async (m) => {
        const [{ n }] = await queryRows<{ n: number }>(
          m,
          `WITH pruned AS (
             DELETE FROM outbox_message WHERE id IN (
               SELECT id FROM outbox_message
                WHERE dispatched_at IS NOT NULL AND (completed_at IS NOT NULL OR failed_at IS NOT NULL)
                  AND coalesce(completed_at, failed_at) < now() - make_interval(days => $1)
                ORDER BY coalesce(completed_at, failed_at)
                LIMIT $2 FOR UPDATE SKIP LOCKED)
             RETURNING 1)
           SELECT count(*)::int AS n FROM pruned`,
          [this.config.queue.outboxRetentionDays, PRUNE_BATCH],
        );
        return n;
      });
      total += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    return total;
  }

  /** Checks the next batch of dispatched, unfinished rows against BullMQ. */
  async reconcileOnce(): Promise<ReconcilePassResult> {
    const candidates = await this.withQueueAccess((m) =>
      queryRows<UnfinishedMessage>(
        m,
        `SELECT id, queue, dispatched_at::text AS dispatched_at FROM outbox_message
            WHERE dispatched_at IS NOT NULL AND completed_at IS NULL AND failed_at IS NULL
              AND dispatched_at < now() - make_interval(secs => $1)
              AND (dispatched_at, id) > ($2::timestamptz, $3::uuid)
            ORDER BY dispatched_at, id
            LIMIT $4`,
        [
          this.config.queue.reconcileGraceSeconds,
          this.cursor?.dispatchedAt ?? '-infinity',
          this.cursor?.id ?? '00000000-0000-0000-0000-000000000000',
          RECONCILE_BATCH,
        ],
      ),
    );
    // A short batch reached the end: start from the beginning next time.
    const last = candidates.at(-1);
    this.cursor =
      candidates.length === RECONCILE_BATCH && last ? { dispatchedAt: last.dispatched_at, id: last.id } : undefined;

    const findings = await Promise.all(candidates.map((message) => this.inspect(message)));
    const lost = candidates.filter((_, index) => findings[index].kind === 'lost');
    const failed = candidates
      .map((message, index) => ({ message, finding: findings[index] }))
      .filter(
        (entry): entry is { message: UnfinishedMessage; finding: Extract<Finding, { kind: 'failed' }> } =>
          entry.finding.kind === 'failed',
      );
    const redispatched = lost.length > 0 ? await this.sendBackToRelay(lost) : [];
    const recorded = failed.length > 0 ? await this.recordFailed(failed) : [];
    for (const id of redispatched) this.logger.warn(`Job ${id} was lost by the queue backend; dispatching it again`);
    return { checked: candidates.length, redispatched, failed: recorded };
  }

  /** What BullMQ knows of the row's job. A backend error fails the pass (nothing is changed on a guess). */
  private async inspect(message: UnfinishedMessage): Promise<Finding> {
    const queue = this.queues.get(message.queue);
    if (!queue) return { kind: 'present' };
    const job = await queue.getJob(message.id);
    if (!job) return { kind: 'lost' };
    if ((await job.getState()) === 'failed') {
      return { kind: 'failed', reason: job.failedReason || 'failed', finishedOn: job.finishedOn ?? Date.now() };
    }
    return { kind: 'present' };
  }

  /** Pending again, unless it finished or was sent back meanwhile (the row must still be as read). */
  private sendBackToRelay(lost: UnfinishedMessage[]): Promise<string[]> {
    return this.withQueueAccess(async (m) => {
      const rows = await queryRows<{ id: string }>(
        m,
        `WITH sent_back AS (
           UPDATE outbox_message o
              SET dispatched_at = NULL, available_at = now(), claimed_by = NULL,
                  last_dispatch_error = 'lost by the queue backend after dispatch; dispatched again'
             FROM unnest($1::uuid[], $2::timestamptz[]) AS l(id, dispatched_at)
            WHERE o.id = l.id AND o.dispatched_at = l.dispatched_at
              AND o.completed_at IS NULL AND o.failed_at IS NULL
        RETURNING o.id)
         SELECT id FROM sent_back`,
        [lost.map((message) => message.id), lost.map((message) => message.dispatched_at)],
      );
      return rows.map((row) => row.id);
    });
  }

  private recordFailed(
    failed: Array<{ message: UnfinishedMessage; finding: Extract<Finding, { kind: 'failed' }> }>,
  ): Promise<string[]> {
    return this.withQueueAccess(async (m) => {
      const rows = await queryRows<{ id: string }>(
        m,
        `WITH recorded AS (
           UPDATE outbox_message o SET failed_at = to_timestamp(f.finished_on / 1000.0), failed_reason = f.reason
             FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS f(id, reason, finished_on)
            WHERE o.id = f.id AND o.completed_at IS NULL AND o.failed_at IS NULL
        RETURNING o.id)
         SELECT id FROM recorded`,
        [
          failed.map((entry) => entry.message.id),
          failed.map((entry) => entry.finding.reason.slice(0, 2000)),
          failed.map((entry) => entry.finding.finishedOn),
        ],
      );
      return rows.map((row) => row.id);
    });
  }

  private withQueueAccess<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.runWithQueueAccess(systemContext({ requestId: 'outbox-maintenance' }), work);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

type Finding = { kind: 'present' } | { kind: 'lost' } | { kind: 'failed'; reason: string; finishedOn: number };
