import { createHmac } from 'node:crypto';
import { AppConfig, JwtKey } from '../../config/app-config';
import { AccessTokenService } from '../access-token.service';

const K1: JwtKey = { kid: 'k1', secret: 'a'.repeat(40) };
const K2: JwtKey = { kid: 'k2', secret: 'b'.repeat(40) };
const TTL = 900;
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);

/** Only `auth.jwtKeys` and `auth.accessTtlSeconds` are read by the service. */
function service(keys: JwtKey[], accessTtlSeconds = TTL): AccessTokenService {
  return new AccessTokenService({
    auth: { jwtKeys: keys, accessTtlSeconds, refreshTtlSeconds: 86_400 },
  } as unknown as AppConfig);
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

function handMade(header: object, payload: object, secret: string): string {
  const h = b64(JSON.stringify(header));
  const p = b64(JSON.stringify(payload));
  return `${h}.${p}.${hmac(secret, `${h}.${p}`)}`;
}

describe('AccessTokenService', () => {
  it('signs a token with [k1] that verifies with [k1], carrying the claims', async () => {
    const tokens = service([K1]);
    const { token, expiresIn } = await tokens.sign('user-1', 'session-1', NOW);
    expect(expiresIn).toBe(TTL);
    expect(token.split('.')).toHaveLength(3);
    expect(decode(token.split('.')[0])).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });

    const iat = Math.floor(NOW / 1000);
    expect(await tokens.verify(token, NOW)).toEqual({ sub: 'user-1', sid: 'session-1', iat, exp: iat + TTL });
    expect(await tokens.verify(token, NOW + (TTL - 1) * 1000)).toBeDefined();
  });

  it('verifies with a fresh instance holding the same key (no per-instance state)', async () => {
    const { token } = await service([K1]).sign('user-1', 'session-1', NOW);
    expect((await service([K1]).verify(token, NOW))?.sub).toBe('user-1');
  });

  it('after rotation to [k2, k1] still accepts k1 tokens and signs new ones with k2', async () => {
    const old = (await service([K1]).sign('user-1', 'session-1', NOW)).token;
    const rotated = service([K2, K1]);
    expect((await rotated.verify(old, NOW))?.sub).toBe('user-1');

    const fresh = (await rotated.sign('user-2', 'session-2', NOW)).token;
    expect(decode(fresh.split('.')[0]).kid).toBe('k2');
    expect((await rotated.verify(fresh, NOW))?.sub).toBe('user-2');
    // The k2 token is really signed with k2: an instance that knows only k1 refuses it.
    expect(await service([K1]).verify(fresh, NOW)).toBeUndefined();
    expect((await service([K2]).verify(fresh, NOW))?.sub).toBe('user-2');
  });

  it('once k1 is dropped ([k2] only), k1 tokens fail', async () => {
    const old = (await service([K1]).sign('user-1', 'session-1', NOW)).token;
    expect(await service([K2]).verify(old, NOW)).toBeUndefined();
  });

  it('refuses a token whose kid names a key with a different secret', async () => {
    const forged = (await service([{ kid: 'k1', secret: 'z'.repeat(40) }]).sign('user-1', 'session-1', NOW)).token;
    expect(await service([K1]).verify(forged, NOW)).toBeUndefined();
  });

  it.each([
    ['exactly at exp', TTL * 1000],
    ['one second after exp', (TTL + 1) * 1000],
    ['a day later', 86_400_000],
  ])('refuses an expired token (%s)', async (_label, offset) => {
    const tokens = service([K1]);
    const { token } = await tokens.sign('user-1', 'session-1', NOW);
    expect(await tokens.verify(token, NOW + offset)).toBeUndefined();
  });

  it('uses the configured lifetime', async () => {
    const tokens = service([K1], 60);
    const { token, expiresIn } = await tokens.sign('user-1', 'session-1', NOW);
    expect(expiresIn).toBe(60);
    expect(await tokens.verify(token, NOW + 59_000)).toBeDefined();
    expect(await tokens.verify(token, NOW + 60_000)).toBeUndefined();
  });

  it('refuses a tampered payload (e.g. another user, a later exp)', async () => {
    const tokens = service([K1]);
    const [header, payload, signature] = (await tokens.sign('user-1', 'session-1', NOW)).token.split('.');
    const claims = decode(payload);
    const otherUser = b64(JSON.stringify({ ...claims, sub: 'user-2' }));
    const longer = b64(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 }));
    expect(await tokens.verify(`${header}.${otherUser}.${signature}`, NOW)).toBeUndefined();
    expect(await tokens.verify(`${header}.${longer}.${signature}`, NOW)).toBeUndefined();
  });

  it('refuses a tampered signature', async () => {
    const tokens = service([K1]);
    const [header, payload, signature] = (await tokens.sign('user-1', 'session-1', NOW)).token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] ^= 0xff;
    expect(await tokens.verify(`${header}.${payload}.${bytes.toString('base64url')}`, NOW)).toBeUndefined();
    expect(await tokens.verify(`${header}.${payload}.${signature.slice(0, -4)}`, NOW)).toBeUndefined();
    expect(await tokens.verify(`${header}.${payload}.`, NOW)).toBeUndefined();
    expect(
      await tokens.verify(`${header}.${payload}.${hmac('wrong-secret'.repeat(4), `${header}.${payload}`)}`, NOW),
    ).toBeUndefined();
  });

  it('refuses a tampered header (kid switched to another configured key)', async () => {
    const tokens = service([K1, K2]);
    const [, payload, signature] = (await tokens.sign('user-1', 'session-1', NOW)).token.split('.');
    const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k2' }));
    expect(await tokens.verify(`${header}.${payload}.${signature}`, NOW)).toBeUndefined();
  });

  it('refuses alg none', async () => {
    const tokens = service([K1]);
    const payload = b64(JSON.stringify({ sub: 'user-1', sid: 's', iat: NOW / 1000, exp: NOW / 1000 + TTL }));
    for (const alg of ['none', 'None', 'NONE']) {
      const header = b64(JSON.stringify({ alg, typ: 'JWT', kid: 'k1' }));
      expect(await tokens.verify(`${header}.${payload}.`, NOW)).toBeUndefined();
      expect(await tokens.verify(`${header}.${payload}`, NOW)).toBeUndefined();
    }
  });

  it('refuses another algorithm even when signed with the right secret', async () => {
    const tokens = service([K1]);
    const iat = Math.floor(NOW / 1000);
    const token = handMade(
      { alg: 'HS512', typ: 'JWT', kid: 'k1' },
      { sub: 'user-1', sid: 's', iat, exp: iat + TTL },
      K1.secret,
    );
    expect(await tokens.verify(token, NOW)).toBeUndefined();
  });

  it('refuses a token without a kid or with an unknown kid', async () => {
    const tokens = service([K1]);
    const iat = Math.floor(NOW / 1000);
    const claims = { sub: 'user-1', sid: 's', iat, exp: iat + TTL };
    expect(await tokens.verify(handMade({ alg: 'HS256', typ: 'JWT' }, claims, K1.secret), NOW)).toBeUndefined();
    expect(
      await tokens.verify(handMade({ alg: 'HS256', typ: 'JWT', kid: 'k9' }, claims, K1.secret), NOW),
    ).toBeUndefined();
    // Sanity: the same hand-made token with the right kid is accepted.
    expect((await tokens.verify(handMade({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims, K1.secret), NOW))?.sub).toBe(
      'user-1',
    );
  });

  it('refuses correctly signed claims of the wrong shape', async () => {
    const tokens = service([K1]);
    const iat = Math.floor(NOW / 1000);
    const header = { alg: 'HS256', typ: 'JWT', kid: 'k1' };
    expect(await tokens.verify(handMade(header, { sid: 's', iat, exp: iat + TTL }, K1.secret), NOW)).toBeUndefined();
    expect(
      await tokens.verify(handMade(header, { sub: 42, sid: 's', iat, exp: iat + TTL }, K1.secret), NOW),
    ).toBeUndefined();
    expect(await tokens.verify(handMade(header, { sub: 'user-1', sid: 's', iat }, K1.secret), NOW)).toBeUndefined();
    expect(
      await tokens.verify(handMade(header, { sub: 'user-1', sid: 's', iat, exp: String(iat + TTL) }, K1.secret), NOW),
    ).toBeUndefined();
  });

  it.each([
    ['empty string', ''],
    ['one part', 'abc'],
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['three dots only', '..'],
    ['non-JSON parts', 'not.a.jwt'],
    ['random text', 'Bearer hello world'],
    ['JSON header that is not an object', `${b64('null')}.${b64('{}')}.xyz`],
    ['non-base64 header', '%%%.%%%.%%%'],
  ])('refuses garbage (%s) without throwing', async (_label, token) => {
    const tokens = service([K1]);
    await expect(tokens.verify(token, NOW)).resolves.toBeUndefined();
  });

  it('remembers a verified token but still refuses it once expired', async () => {
    const tokens = service([K1]);
    const { token } = await tokens.sign('user-1', 'session-1', NOW);
    expect((await tokens.verify(token, NOW))?.sub).toBe('user-1');
    expect((await tokens.verify(token, NOW + 1000))?.sub).toBe('user-1');
    expect(await tokens.verify(token, NOW + TTL * 1000)).toBeUndefined();
    // A remembered token does not vouch for a tampered copy of it.
    const [header, payload, signature] = token.split('.');
    const otherUser = b64(JSON.stringify({ ...decode(payload), sub: 'user-2' }));
    expect(await tokens.verify(`${header}.${otherUser}.${signature}`, NOW)).toBeUndefined();
    expect(await tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`, NOW)).toBeUndefined();
  });

  it('does not remember a refused token as valid later', async () => {
    const tokens = service([K1]);
    const iat = Math.floor(NOW / 1000);
    const forged = handMade(
      { alg: 'HS256', typ: 'JWT', kid: 'k1' },
      { sub: 'u', sid: 's', iat, exp: iat + TTL },
      'x'.repeat(40),
    );
    expect(await tokens.verify(forged, NOW)).toBeUndefined();
    expect(await tokens.verify(forged, NOW)).toBeUndefined();
  });
});
