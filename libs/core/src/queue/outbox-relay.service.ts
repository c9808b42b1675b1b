import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ALL_QUEUE_NAMES, QueueName } from './job-names';
import { producerConnection } from './queue-connection';
import { QUEUE_ACCESS_SETTING } from '../database/tenant-settings';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};

const BATCH_SIZE = 100;
const ADD_TIMEOUT_MS = 5000;
const MAX_BACKOFF_SECONDS = 60;

interface PendingMessage {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
  dispatch_attempts: number;
}

export interface RelayPassResult {
  dispatched: number;
  failed: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED (so
 * several workers can relay), added with `jobId` = outbox id (so a row re-sent
 * after a crash is deduplicated by BullMQ), and marked dispatched. While the
 * queue backend is down, rows stay pending and are retried with backoff.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of ALL_QUEUE_NAMES) {
      const queue = new Queue(name, {
        connection: producerConnection(this.config),
        prefix: this.config.queue.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // Errors surface through failed adds; without a listener they would crash the process.
      queue.on('error', (error) => this.logger.debug(`queue ${name} connection: ${error.message}`));
      this.queues.set(name, queue);
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce()
        .then((result) => this.schedule(result.dispatched === BATCH_SIZE ? 0 : this.config.queue.outboxPollIntervalMs))
        .catch((error: Error) => {
          this.logger.warn(`Outbox relay pass failed: ${error.message}`);
          this.schedule(this.config.queue.outboxPollIntervalMs * 4);
        });
    }, delayMs);
  }

  /** One relay pass; public so tests and the CLI can drive it deterministically. */
  async relayOnce(): Promise<RelayPassResult> {
    return this.dataSource.transaction(async (manager) => {
      // System work across tenants, on the outbox only (its policy admits queue access).
      await manager.query(`SELECT set_config($1, 'on', true)`, [QUEUE_ACCESS_SETTING]);
      const pending: PendingMessage[] = await manager.query(
        `SELECT id, queue, job_name, payload, dispatch_attempts FROM outbox_message
          WHERE dispatched_at IS NULL AND available_at <= now()
          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      let dispatched = 0;
      for (const message of pending) {
        const queue = this.queues.get(message.queue);
        try {
          if (!queue) throw new Error(`unknown queue "${message.queue}"`);
          await withTimeout(
            queue.add(message.job_name, message.payload, { jobId: message.id }),
            ADD_TIMEOUT_MS,
            'queue add',
          );
          await manager.query(
            `UPDATE outbox_message SET dispatched_at = now(), last_dispatch_error = NULL WHERE id = $1`,
            [message.id],
          );
          dispatched += 1;
        } catch (error) {
          const backoffSeconds = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(message.dispatch_attempts, 6));
          await manager.query(
            `UPDATE outbox_message SET dispatch_attempts = dispatch_attempts + 1, last_dispatch_error = $2,
                    available_at = now() + make_interval(secs => $3) WHERE id = $1`,
            [message.id, (error as Error).message.slice(0, 500), backoffSeconds],
          );
          this.logger.warn(`Could not dispatch ${message.job_name} ${message.id}: ${(error as Error).message}`);
          // The backend is most likely down: leave the rest of the batch for the next pass.
          return { dispatched, failed: pending.length - dispatched };
        }
      }
      return { dispatched, failed: 0 };
    });
  }

  /** Stops relaying (the pass under way finishes); rows left behind wait for the next relay. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}
