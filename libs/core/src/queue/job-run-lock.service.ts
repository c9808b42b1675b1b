import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SESSION_OPTIONS } from '../database/data-source-options';

/**
 * Makes sure one job id runs in one place at a time. A job whose lock in BullMQ
 * lapsed (a long pause, a Redis hiccup) can be handed to a second worker while
 * the first is still running; the second then finds the id taken and backs off,
 * and by its retry the first has recorded completion in the outbox ledger.
 *
 * Cross-process exclusion uses PostgreSQL session advisory locks on one
 * dedicated connection (a crashed worker's session ends, releasing its locks);
 * within the process a set of running ids does the same job, since advisory
 * locks are re-entrant for their session.
 */
@Injectable()
export class JobRunLock implements OnApplicationShutdown {
  private readonly logger = new Logger(JobRunLock.name);
  private readonly running = new Set<string>();
  private session?: Promise<Client>;
  /** One query at a time on the shared session (pg clients do not multiplex). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private connect(): Promise<Client> {
    this.session ??= (async () => {
      const client = new Client({
        connectionString: this.config.database.appUrl,
        application_name: 'chanjiao-job-locks',
        options: SESSION_OPTIONS,
      });
      client.on('error', (error) => {
        // The locks died with the session; the next job reconnects.
        this.logger.warn(`job lock session lost: ${error.message}`);
        this.session = undefined;
      });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.session = undefined;
      throw error;
    });
    return this.session;
  }

  private query<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
    const next = this.tail.then(async () => (await (await this.connect()).query<R>(sql, params)).rows);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Runs `work` while holding the job id; returns `undefined` without running when it is held elsewhere. */
  async runExclusive<T>(jobId: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.running.has(jobId)) return { ran: false };
    this.running.add(jobId);
    try {
      const [locked] = await this.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS ok', [
        jobId,
      ]);
      if (!locked.ok) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        await this.query('SELECT pg_advisory_unlock(hashtextextended($1, 7))', [jobId]).catch(() => undefined);
      }
    } finally {
      this.running.delete(jobId);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.then((client) => client.end()).catch(() => undefined);
  }
}
