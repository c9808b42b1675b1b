import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, queryRow, systemContext, TransactionService } from '@chanjiao/core';
import type { EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../exceptions/identity.exception';

const WINDOW_SECONDS = 15 * 60;

/**
 * Failed logins, counted per account and per client IP over 15 minutes in the
 * database (so every API process sees the same counts). Past the limit, login
 * answers 429 with Retry-After until the oldest failure leaves the window.
 *
 * An attempt is written down as a failure *before* the password is checked, in a
 * short transaction of its own, and taken back when the password proves right. So
 * the slow hash runs with no connection, transaction or lock held, and parallel
 * guesses cannot outrun the count: each one is counted before it is evaluated.
 */
@Injectable()
export class LoginThrottle {
  /** Per client address, the tail of this process's attempts waiting for the address lock. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly tx: TransactionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts a sign-in attempt, then runs `work` (reading the account) in the same short
   * transaction, which commits before this returns; answers 429 instead when the account
   * or the address is over its limit. One attempt per account and per address passes at
   * a time (transaction-level advisory locks), so the count and the insert cannot
   * interleave. Within this process, attempts from one address also queue in memory
   * before checking out a connection: a burst from one address (every client, behind a
   * proxy without TRUST_PROXY) holds one pooled connection, not the whole pool.
   */
  admit<T>(requestId: string, email: string, ip: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.oneAtATime(ip, () =>
      this.tx.run(systemContext({ requestId }), async (m) => {
        await this.recordAttempt(m, email, ip);
        return work(m);
      }),
    );
  }

  private oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.queues.get(key) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return result;
  }

  private async recordAttempt(m: EntityManager, email: string, ip: string): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtextextended($1, 11)), pg_advisory_xact_lock(hashtextextended($2, 11))`,
      [`login:${email}`, `login-ip:${ip}`],
    );
    const limits = this.config.rateLimit;
    // A fresh snapshot after the locks: every attempt that passed before is visible.
    const row = await queryRow<{
      by_email: number;
      oldest_email: Date | null;
      by_ip: number;
      oldest_ip: Date | null;
    }>(
      m,
      `WITH counts AS (
         SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
                min(created_at) FILTER (WHERE email = $1) AS oldest_email,
                count(*) FILTER (WHERE ip = $2)::int AS by_ip,
                min(created_at) FILTER (WHERE ip = $2) AS oldest_ip
           FROM login_failure
          WHERE (email = $1 OR ip = $2) AND created_at > now() - make_interval(secs => $3)
       ), pruned AS (
         DELETE FROM login_failure WHERE created_at < now() - make_interval(secs => $4)
       ), counted AS (
         INSERT INTO login_failure (email, ip)
         SELECT $1, $2 FROM counts WHERE by_email < $5 AND by_ip < $6
       )
       SELECT * FROM counts`,
      [email, ip, WINDOW_SECONDS, WINDOW_SECONDS * 2, limits.loginFailuresPerAccount, limits.loginFailuresPerIp],
    );
    if (!row) return;
    const blockedSince =
      row.by_email >= limits.loginFailuresPerAccount
        ? row.oldest_email
        : row.by_ip >= limits.loginFailuresPerIp
          ? row.oldest_ip
          : null;
    if (blockedSince) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil(WINDOW_SECONDS - (Date.now() - new Date(blockedSince).getTime()) / 1000),
      );
      throw new IdentityException(
        IdentityErrorCode.TooManyAttempts,
        'Too many failed sign-in attempts; try again later',
        {
          retryAfterSeconds,
        },
      );
    }
  }

  /** After a successful sign-in (in its transaction): the account's failures, the attempt just counted included, are forgotten. */
  async clear(m: EntityManager, email: string): Promise<void> {
    await m.query(`DELETE FROM login_failure WHERE email = $1`, [email]);
  }
}
