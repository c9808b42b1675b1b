import { Client } from 'pg';
import { insertConsortium, startTestStack, TestResponse, TestStack } from '@chanjiao/testing';

/**
 * Sign-in cannot starve the API: 200 concurrent failed sign-ins across 100 accounts,
 * with a real argon2 cost, while other routes keep answering; the throttling counts
 * stay exact afterwards. Every sign-in counts its attempt in a short transaction and
 * verifies the hash holding no pooled connection (the pool here has 5), and the
 * attempts from one address queue in memory, not on pooled connections.
 */

const ACCOUNTS = 100;
const ATTEMPTS_PER_ACCOUNT = 2;
const BURST = ACCOUNTS * ATTEMPTS_PER_ACCOUNT;

interface Account {
  email: string;
  password: string;
}

interface Probe {
  kind: 'health' | 'read';
  status: number;
  /** Sign-ins of the burst not yet answered when this probe's answer arrived. */
  loginsOutstanding: number;
}

describe('200 concurrent failed sign-ins', () => {
  let stack: TestStack;
  let accounts: Account[];
  let untouched: Account;
  let consortiumId: string;
  const probes: Probe[] = [];
  let burst: TestResponse[];

  const login = (email: string, password: string) =>
    stack.http.post('/api/v1/auth/login', { body: { email, password } });

  beforeAll(async () => {
    stack = await startTestStack({
      worker: false,
      env: {
        DATABASE_POOL_SIZE: '5',
        // A real hash cost (the suite's default is the cheapest possible).
        PASSWORD_HASH_MEMORY_KIB: '19456',
        PASSWORD_HASH_ITERATIONS: '2',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: String(ATTEMPTS_PER_ACCOUNT),
        // The burst's 200 failures plus one leave the address at its limit.
        LOGIN_MAX_FAILURES_PER_IP: String(BURST + 1),
      },
    });
    consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    // One account through the API (a real hash at the real cost); the burst's accounts share its
    // hash, written directly: hashing 100 passwords first would only slow the test down.
    const stamp = Date.now().toString(36);
    const untouchedEmail = `burst-untouched-${stamp}@test.chanjiao.cn`;
    const created = await stack.admin.post('/api/v1/users', {
      body: { email: untouchedEmail, displayName: '并发登录对照' },
    });
    if (created.status !== 201) throw new Error(`creating the untouched account answered ${created.status}`);
    untouched = { email: untouchedEmail, password: created.body.initialPassword as string };
    const owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ email: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, must_change_password)
         SELECT 'burst-' || i || '-' || $2 || '@test.chanjiao.cn', '并发登录' || i, password_hash, true
           FROM app_user, generate_series(0, $3 - 1) AS i
          WHERE email = $1
         RETURNING email`,
        [untouched.email, stamp, ACCOUNTS],
      );
      accounts = rows.map((row) => ({ email: row.email, password: untouched.password }));
    } finally {
      await owner.end();
    }

    let outstanding = BURST;
    const attempts = accounts.flatMap((account) =>
      Array.from({ length: ATTEMPTS_PER_ACCOUNT }, (_, i) =>
        login(account.email, `Wrong-Password-${i}`).finally(() => {
          outstanding -= 1;
        }),
      ),
    );
    // Other routes, one request after another, for as long as the burst lasts.
    const probe = async (kind: Probe['kind'], send: () => Promise<TestResponse>) => {
      while (outstanding > 0) {
        const response = await send();
        probes.push({ kind, status: response.status, loginsOutstanding: outstanding });
      }
    };
    const [responses] = await Promise.all([
      Promise.all(attempts),
      probe('health', () => stack.http.get('/health/live')),
      probe('read', () => stack.admin.get(`/api/v1/consortia/${consortiumId}`)),
    ]);
    burst = responses;
  }, 300_000);

  afterAll(() => stack?.close());

  it('answers every sign-in of the burst 401 (none 429, none 5xx)', () => {
    expect(burst).toHaveLength(BURST);
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401)).toEqual([]);
    expect(new Set(burst.map((r) => r.body.details.code))).toEqual(new Set(['invalid_credentials']));
  });

  it('keeps /health/live and an authenticated database read answering while sign-ins are in flight', () => {
    expect(probes.filter((p) => p.status !== 200)).toEqual([]);
    // Answered while at least half of the burst was still waiting for its answer: a read
    // queued behind sign-ins holding pooled connections would come after nearly all of them.
    const early = (kind: Probe['kind']) =>
      probes.filter((p) => p.kind === kind && p.loginsOutstanding >= BURST / 2).length;
    expect(early('health')).toBeGreaterThan(0);
    expect(early('read')).toBeGreaterThan(0);
  });

  it('counted exactly one failure per attempt', async () => {
    const client = new Client({ connectionString: stack.db.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ failures: number; accounts: number; most: number }>(
        `SELECT count(*)::int AS failures, count(DISTINCT email)::int AS accounts,
                max(n)::int AS most
           FROM login_failure
           JOIN (SELECT email, count(*) AS n FROM login_failure GROUP BY email) per USING (email)`,
      );
      expect(rows[0]).toEqual({ failures: BURST, accounts: ACCOUNTS, most: ATTEMPTS_PER_ACCOUNT });
    } finally {
      await client.end();
    }
  });

  it('then answers 429 for an account past its limit, even with the right password', async () => {
    const blocked = await login(accounts[0].email, accounts[0].password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({
      statusCode: 429,
      details: { code: 'too_many_attempts', retryAfterSeconds: expect.any(Number) },
    });
  });

  it('signs in an account the burst did not touch', async () => {
    const response = await login(untouched.email, untouched.password);
    expect(response.status).toBe(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
  });

  it('and holds the per-address limit: one more failure, then 429 for any account', async () => {
    const last = await login(`burst-extra-1-${Date.now()}@test.chanjiao.cn`, 'Wrong-Password-x');
    expect(last.status).toBe(401);
    const blocked = await login(`burst-extra-2-${Date.now()}@test.chanjiao.cn`, 'Wrong-Password-y');
    expect(blocked.status).toBe(429);
    expect(blocked.body.details.code).toBe('too_many_attempts');
    expect((await login(untouched.email, untouched.password)).status).toBe(429);
  });
});
