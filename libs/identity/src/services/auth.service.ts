import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AccessTokenService,
  APP_CONFIG,
  AppConfig,
  AuditService,
  RequestContext,
  systemContext,
  TransactionService,
} from '@chanjiao/core';
import { IdentityErrorCode, IdentityException } from '../exceptions/identity.exception';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User, UserStatus } from '../entities/user.entity';
import { LoginThrottle } from './login-throttle.service';
import { PasswordService } from './password.service';

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  mustChangePassword: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sign-in, token rotation, sign-out and password change. */
@Injectable()
export class AuthService {
  constructor(
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottle,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Same answer for an unknown email, a wrong password and a disabled account. The attempt
   * is counted and the account read in one short transaction; the password hash is checked
   * after it committed, holding no pooled connection, transaction or lock (argon2 takes tens
   * of milliseconds: inside a transaction, a handful of sign-ins would hold the whole pool).
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<TokenPair> {
    const normalized = email.trim().toLowerCase();
    const ip = ctx.ip ?? 'unknown';
    const found = await this.throttle.admit(ctx.requestId, normalized, ip, (m) =>
      m
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .where('u.email = :email', { email: normalized })
        .getOne(),
    );
    const valid = await this.passwords.verify(found?.passwordHash, password);
    // A failure is already counted (recordAttempt wrote it down before the hash).
    if (!found || !valid || found.status !== UserStatus.Active) {
      throw new IdentityException(IdentityErrorCode.InvalidCredentials, 'Invalid email or password');
    }
    const user = found;
    const actorCtx: RequestContext = { ...ctx, actor: { userId: user.id, platformAdmin: user.platformAdmin } };
    return this.tx.run(actorCtx, async (m) => {
      await this.throttle.clear(m, normalized);
      const pair = await this.issue(user, randomUUID());
      await this.audit.record(actorCtx, {
        action: 'identity.session.started',
        entityType: 'user',
        entityId: user.id,
        consortiumId: null,
      });
      return pair;
    });
  }

  /** Rotates a refresh token. A spent or revoked one revokes its whole family (stolen-token defence). */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<TokenPair> {
    const outcome = await this.tx.run(systemContext({ requestId: ctx.requestId }), async (m) => {
      const [row] = (await m.query(
        `SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [hashToken(refreshToken)],
      )) as Array<{
        id: string;
        user_id: string;
        family_id: string;
        expires_at: Date;
        used_at: Date | null;
        revoked_at: Date | null;
      }>;
      if (!row || row.expires_at.getTime() <= Date.now()) return { kind: 'invalid' as const };
      if (row.used_at || row.revoked_at) {
        await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
          row.family_id,
        ]);
        return { kind: 'reused' as const, userId: row.user_id, familyId: row.family_id };
      }
      const user = await m.findOne(User, { where: { id: row.user_id } });
      if (!user || user.status !== UserStatus.Active) return { kind: 'invalid' as const };
      await m.query(`UPDATE refresh_token SET used_at = now() WHERE id = $1`, [row.id]);
      return { kind: 'ok' as const, pair: await this.issue(user, row.family_id) };
    });
    if (outcome.kind === 'reused') {
      // Recorded after the revocation committed; the caller still gets a 401.
      const actorCtx: RequestContext = { ...ctx, actor: { userId: outcome.userId, platformAdmin: false } };
      await this.audit.record(actorCtx, {
        action: 'identity.session.revoked_on_reuse',
        entityType: 'session',
        entityId: outcome.familyId,
        consortiumId: null,
      });
      throw new IdentityException(
        IdentityErrorCode.RefreshTokenReused,
        'This refresh token was already used; the session has been revoked, sign in again',
      );
    }
    if (outcome.kind === 'invalid') {
      throw new IdentityException(IdentityErrorCode.InvalidRefreshToken, 'The refresh token is invalid or expired');
    }
    return outcome.pair;
  }

  /** Ends the caller's session: its refresh tokens stop working, and so do its access tokens. */
  async logout(ctx: RequestContext): Promise<void> {
    await this.tx.run(ctx, async (m) => {
      await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
        ctx.actor?.sessionId,
      ]);
      await this.audit.record(ctx, {
        action: 'identity.session.ended',
        entityType: 'session',
        entityId: ctx.actor?.sessionId,
        consortiumId: null,
      });
    });
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const userId = ctx.actor?.userId as string;
    const user = await this.tx.run(ctx, (m) =>
      m.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOneOrFail(),
    );
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new IdentityException(IdentityErrorCode.WrongCurrentPassword, 'The current password is wrong', {
        field: 'currentPassword',
      });
    }
    this.passwords.assertAcceptable(newPassword, 'newPassword');
    if (newPassword === currentPassword) {
      throw new IdentityException(IdentityErrorCode.WeakPassword, 'The new password must differ from the current one', {
        field: 'newPassword',
      });
    }
    const hash = await this.passwords.hash(newPassword);
    await this.tx.run(ctx, async (m) => {
      await m.update(
        User,
        { id: userId },
        { passwordHash: hash, mustChangePassword: false, passwordChangedAt: () => 'now()' },
      );
      await m.query(
        `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL`,
        [userId, ctx.actor?.sessionId],
      );
      await this.audit.record(ctx, {
        action: 'identity.password.changed',
        entityType: 'user',
        entityId: userId,
        consortiumId: null,
      });
    });
  }

  private async issue(user: User, familyId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTtlSeconds * 1000);
    await this.tx.currentManager().insert(RefreshToken, {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt,
    });
    const access = await this.accessTokens.sign(user.id, familyId);
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken,
      refreshExpiresAt: expiresAt.toISOString(),
      mustChangePassword: user.mustChangePassword,
    };
  }
}
