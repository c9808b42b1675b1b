import { Inject, Injectable } from '@nestjs/common';
import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { JWTHeaderParameters } from 'jose';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Refresh-token family the access token was issued with (lets logout end a session). */
  sid: string;
  iat: number;
  exp: number;
}

const ALGORITHM = 'HS256';
/** Verified tokens remembered per process (a client sends one token for its whole lifetime). */
const VERIFIED_CACHE_SIZE = 10_000;

type HmacKey = Awaited<ReturnType<typeof webcrypto.subtle.importKey>>;

/**
 * Short-lived HS256 access tokens (signed and verified by `jose`) carrying a key id: the
 * first configured key signs, every configured key verifies the tokens naming its `kid`,
 * so secrets rotate without logging anybody out (add the new key first, drop the old one
 * a token lifetime later). Only HS256 is accepted: `alg: none`, other algorithms, an
 * unknown or missing `kid`, a bad signature and an expired token all verify to `undefined`.
 */
@Injectable()
export class AccessTokenService {
  /** Imported once per key: jose would otherwise import a raw secret on every call. */
  private readonly keys = new Map<string, Promise<HmacKey>>();
  private readonly signingKid: string;
  /**
   * Tokens whose signature and header already passed, by their exact text, with their
   * claims: the same bytes always verify the same way, so a repeat skips the HMAC (a
   * WebCrypto call, ~100 µs of CPU). Expiry is checked on every use; only successes are kept.
   */
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    for (const { kid, secret } of config.auth.jwtKeys) {
      if (this.keys.has(kid)) continue;
      this.keys.set(
        kid,
        webcrypto.subtle.importKey('raw', Buffer.from(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
          'sign',
          'verify',
        ]),
      );
    }
    this.signingKid = config.auth.jwtKeys[0].kid;
  }

  async sign(userId: string, sessionId: string, now = Date.now()): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(now / 1000);
    const expiresIn = this.config.auth.accessTtlSeconds;
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: this.signingKid })
      .setSubject(userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + expiresIn)
      .sign(await (this.keys.get(this.signingKid) as Promise<HmacKey>));
    return { token, expiresIn };
  }

  /** The claims of a valid, unexpired token; `undefined` for anything else. */
  async verify(token: string, now = Date.now()): Promise<AccessTokenClaims | undefined> {
    const known = this.verified.get(token);
    if (known) return known.exp * 1000 > now ? known : undefined;
    const claims = await this.verifyWithJose(token, now);
    if (claims) {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) {
        // Oldest first (insertion order); expired ones would fail their expiry check anyway.
        this.verified.delete(this.verified.keys().next().value as string);
      }
      this.verified.set(token, claims);
    }
    return claims;
  }

  private async verifyWithJose(token: string, now: number): Promise<AccessTokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, (header: JWTHeaderParameters) => this.keyFor(header), {
        algorithms: [ALGORITHM],
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(now),
      });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
      return {
        sub: payload.sub,
        sid: payload.sid as string,
        iat: payload.iat as number,
        exp: payload.exp,
      };
    } catch {
      // Malformed, forged, expired, wrong algorithm or key id: all the same to the caller (401).
      return undefined;
    }
  }

  private keyFor(header: JWTHeaderParameters): Promise<HmacKey> {
    const key = header.kid === undefined ? undefined : this.keys.get(header.kid);
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  }
}
