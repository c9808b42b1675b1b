import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig, JwtKey } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Refresh-token family the access token was issued with (lets logout end a session). */
  sid: string;
  iat: number;
  exp: number;
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * Short-lived HS256 access tokens carrying a key id: the first configured key
 * signs, every configured key verifies, so secrets rotate without logging
 * anybody out (add the new key first, drop the old one a token lifetime later).
 */
@Injectable()
export class AccessTokenService {
  private readonly keys: Map<string, JwtKey>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.keys = new Map(config.auth.jwtKeys.map((key) => [key.kid, key]));
  }

  sign(userId: string, sessionId: string, now = Date.now()): { token: string; expiresIn: number } {
    const key = this.config.auth.jwtKeys[0];
    const iat = Math.floor(now / 1000);
    const expiresIn = this.config.auth.accessTtlSeconds;
    const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.kid }));
    const payload = b64(JSON.stringify({ sub: userId, sid: sessionId, iat, exp: iat + expiresIn }));
    const signature = createHmac('sha256', key.secret).update(`${header}.${payload}`).digest('base64url');
    return { token: `${header}.${payload}.${signature}`, expiresIn };
  }

  /** The claims of a valid, unexpired token; `undefined` for anything else. */
  verify(token: string, now = Date.now()): AccessTokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    try {
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as { alg?: string; kid?: string };
      const key = header.kid ? this.keys.get(header.kid) : undefined;
      if (header.alg !== 'HS256' || !key) return undefined;
      const expected = createHmac('sha256', key.secret).update(`${parts[0]}.${parts[1]}`).digest();
      const given = Buffer.from(parts[2], 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as AccessTokenClaims;
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= now)
        return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}
