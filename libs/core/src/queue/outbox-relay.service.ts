import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { systemContext } from '../context/request-context';
import { queryRows } from '../database/queries';
import { TransactionService } from '../database/transaction.service';
import { RegisteredQueues } from './registered-queues';
import { RepeatingPass } from './repeating-pass';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};

const BATCH_SIZE = 100;
const ADD_TIMEOUT_MS = 5000;
/** How long a claim lasts: far longer than a pass takes, short enough that a dead relay's rows soon move on. */
const CLAIM_SECONDS = 30;
const MAX_BACKOFF_SECONDS = 60;

/** A pending outbox row as the relay claims it. */
export interface ClaimedMessage {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
}

export interface RelayPassResult {
  dispatched: number;
  failed: number;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows to BullMQ, in three short steps: claim a batch
 * (one committed statement: the rows' `available_at` moves past the claim, so a
 * second relay skips them, and a relay that dies mid-batch only delays them),
 * dispatch it with one `addBulk` per queue outside any transaction (`jobId` =
 * outbox id, so BullMQ drops a row sent twice), then mark what went out
 * dispatched and give what failed a backoff (one statement each). While the queue
 * backend is down, rows stay pending and are retried with backoff.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  /** Names this relay in `claimed_by` (diagnostics). */
  readonly relayId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly loop = new RepeatingPass(async () => {
    const interval = this.config.queue.outboxPollIntervalMs;
    try {
      const result = await this.relayOnce();
      return result.dispatched === BATCH_SIZE ? 0 : interval * (result.failed ? 4 : 1);
    } catch (error) {
      this.logger.warn(`Outbox relay pass failed: ${(error as Error).message}`);
      return interval * 4;
    }
  });

  constructor(
    private readonly tx: TransactionService,
    private readonly queues: RegisteredQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(0);
  }

  /** One relay pass; public so tests and the CLI can drive it deterministically. */
  async relayOnce(): Promise<RelayPassResult> {
    const claimed = await this.claimBatch();
    if (claimed.length === 0) return { dispatched: 0, failed: 0 };
    const byQueue = new Map<string, ClaimedMessage[]>();
    for (const message of claimed) byQueue.set(message.queue, [...(byQueue.get(message.queue) ?? []), message]);
    const outcomes = await Promise.all([...byQueue].map(([queue, messages]) => this.dispatch(queue, messages)));
    const dispatched = outcomes.flatMap((outcome) => outcome.dispatched);
    const failed = outcomes.flatMap((outcome) => outcome.failed);
    await this.settle(dispatched, failed);
    return { dispatched: dispatched.length, failed: failed.length };
  }

  /** Claims up to `limit` pending rows for CLAIM_SECONDS, in one committed statement. */
  async claimBatch(limit = BATCH_SIZE): Promise<ClaimedMessage[]> {
    return this.tx.runWithQueueAccess(systemContext({ requestId: `relay:${this.relayId}` }), (m) => {
      // As a CTE, so the statement answers its rows like a SELECT.
      return queryRows<ClaimedMessage>(
        m,
        `WITH claimed AS (
           UPDATE outbox_message o
              SET available_at = now() + make_interval(secs => $2), claimed_by = $3
             FROM (SELECT id FROM outbox_message
                    WHERE dispatched_at IS NULL AND available_at <= now()
                    ORDER BY available_at, created_at
                    LIMIT $1 FOR UPDATE SKIP LOCKED) next
            WHERE o.id = next.id
        RETURNING o.id, o.queue, o.job_name, o.payload)
         SELECT * FROM claimed`,
        [limit, CLAIM_SECONDS, this.relayId],
      );
    });
  }

  private async dispatch(
    queueName: string,
    messages: ClaimedMessage[],
  ): Promise<{ dispatched: string[]; failed: Array<{ id: string; error: string }> }> {
    try {
      const queue = this.queues.get(queueName);
      if (!queue) throw new Error(`unknown queue "${queueName}"`);
      await withTimeout(
        queue.addBulk(
          messages.map((message) => ({ name: message.job_name, data: message.payload, opts: { jobId: message.id } })),
        ),
        ADD_TIMEOUT_MS,
        'queue addBulk',
      );
      return { dispatched: messages.map((message) => message.id), failed: [] };
    } catch (error) {
      const reason = (error as Error).message.slice(0, 500);
      this.logger.warn(`Could not dispatch ${messages.length} jobs to queue ${queueName}: ${reason}`);
      return { dispatched: [], failed: messages.map((message) => ({ id: message.id, error: reason })) };
    }
  }

  /** Marks the dispatched rows (one statement) and backs off the failed ones (one statement). */
  private async settle(dispatched: string[], failed: Array<{ id: string; error: string }>): Promise<void> {
    await this.tx.runWithQueueAccess(systemContext({ requestId: `relay:${this.relayId}` }), async (m) => {
      if (dispatched.length > 0) {
        await m.query(
          `UPDATE outbox_message SET dispatched_at = now(), last_dispatch_error = NULL, claimed_by = NULL
            WHERE id = ANY($1::uuid[])`,
          [dispatched],
        );
      }
      if (failed.length > 0) {
        await m.query(
          `UPDATE outbox_message o
              SET dispatch_attempts = o.dispatch_attempts + 1, last_dispatch_error = f.error, claimed_by = NULL,
                  available_at = now() + make_interval(secs => least($3, 2 ^ least(o.dispatch_attempts, 6)))
             FROM unnest($1::uuid[], $2::text[]) AS f(id, error)
            WHERE o.id = f.id`,
          [failed.map((f) => f.id), failed.map((f) => f.error), MAX_BACKOFF_SECONDS],
        );
      }
    });
  }

  /** Stops relaying (the pass under way finishes); rows left behind wait for the next relay. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
