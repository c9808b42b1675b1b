import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, queryRow, systemContext, TransactionService } from '@chanjiao/core';
import { IdentityErrorCode, IdentityException } from '../exceptions/identity.exception';

const WINDOW_SECONDS = 15 * 60;

/**
 * Failed logins, counted per account and per client IP over 15 minutes in the
 * database (so every API process sees the same counts). Past the limit, login
 * answers 429 with Retry-After until the oldest failure leaves the window.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly tx: TransactionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const row = await this.tx.run(systemContext(), (m) =>
      queryRow<{ by_email: number; oldest_email: Date | null; by_ip: number; oldest_ip: Date | null }>(
        m,
        `SELECT
           count(*) FILTER (WHERE email = $1)::int AS by_email,
           min(created_at) FILTER (WHERE email = $1) AS oldest_email,
           count(*) FILTER (WHERE ip = $2)::int AS by_ip,
           min(created_at) FILTER (WHERE ip = $2) AS oldest_ip
         FROM login_failure
         WHERE (email = $1 OR ip = $2) AND created_at > now() - make_interval(secs => $3)`,
        [email, ip, WINDOW_SECONDS],
      ),
    );
    const limits = this.config.rateLimit;
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

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.tx.run(systemContext(), (m) =>
      m.query(
        `WITH pruned AS (DELETE FROM login_failure WHERE created_at < now() - make_interval(secs => $3))
         INSERT INTO login_failure (email, ip) VALUES ($1, $2)`,
        [email, ip, WINDOW_SECONDS * 2],
      ),
    );
  }

  async clear(email: string): Promise<void> {
    await this.tx.run(systemContext(), (m) => m.query(`DELETE FROM login_failure WHERE email = $1`, [email]));
  }
}
