import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import {
  forConsortium,
  loadAppConfig,
  OutboxMessage,
  ownerDataSource,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { Consortium } from '@chanjiao/consortia';
import { Membership, UsersService } from '@chanjiao/identity';
import {
  addPerson,
  createTestDatabase,
  createTwoConsortia,
  startTestStack,
  TestDatabase,
  testEnvironment,
  TestPerson,
  TestStack,
  TwoConsortia,
} from '@chanjiao/testing';
import { MIGRATIONS } from '../migrations';
import { TenancyFailsClosed1764633600000 } from '../migrations/1764633600000-tenancy-fails-closed';

/** A tenant table and the column naming its tenant (`consortium` is keyed by its id). */
interface TenantTable {
  table: string;
  tenantColumn: string;
}

/** Every table with a consortium_id column, plus `consortium`: new tables are covered as they come. */
async function tenantTables(owner: Client): Promise<TenantTable[]> {
  const found = await owner.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'consortium_id'
        AND table_name IN (SELECT table_name FROM information_schema.tables
                            WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
      ORDER BY table_name`,
  );
  return [
    { table: 'consortium', tenantColumn: 'id' },
    ...found.rows.map((r) => ({ table: r.table_name, tenantColumn: 'consortium_id' })),
  ];
}

/** What the application role sees of `table` inside a transaction with `settings`, grouped by tenant. */
async function visibleByTenant(
  app: Client,
  { table, tenantColumn }: TenantTable,
  settings: Record<string, string>,
): Promise<Array<{ tenant: string | null; n: number }>> {
  await app.query('BEGIN');
  try {
    for (const [name, value] of Object.entries(settings)) {
      await app.query('SELECT set_config($1, $2, true)', [name, value]);
    }
    // No filter on purpose: the query a service forgot to scope.
    const rows = await app.query<{ tenant: string | null; n: number }>(
      `SELECT "${tenantColumn}"::text AS tenant, count(*)::int AS n FROM "${table}" GROUP BY 1 ORDER BY 1`,
    );
    return rows.rows;
  } finally {
    await app.query('ROLLBACK');
  }
}

/**
 * Row-level security fails closed: once a transaction names its tenant, nothing else
 * it carries (the acting user, the cross-consortium switch, queue access) shows it rows
 * of another consortium. The person tested is a member of both consortia, so every
 * "a user's own rows" widening has rows of the other tenant to leak.
 */
describe('row-level security inside a tenant transaction (a member of two consortia)', () => {
  let stack: TestStack;
  let fixture: TwoConsortia;
  let both: TestPerson;
  let owner: Client;
  let app: Client;
  let a: string;
  let b: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    fixture = await createTwoConsortia(stack);
    a = fixture.a.id;
    b = fixture.b.id;
    both = await addPerson(stack.admin, a, 'observer');
    const inB = await stack.admin.post(`/api/v1/consortia/${b}/users`, {
      body: { email: both.email, displayName: '两边的人', role: 'secretariat' },
    });
    expect(inB.status).toBe(201);
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    // A platform-level outbox row (no consortium) besides the two tenants' own.
    await owner.query(
      `INSERT INTO outbox_message (id, consortium_id, queue, job_name, payload) VALUES ($1, NULL, 'identity', 'identity.seed-demo-users', '{}')`,
      [randomUUID()],
    );
    app = new Client({ connectionString: stack.config.database.appUrl });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await stack?.close();
  });

  const SETTINGS: Array<[string, () => Record<string, string>]> = [
    ['the acting user', () => ({ 'app.consortium_id': a, 'app.user_id': both.userId })],
    [
      'the acting user, the cross-consortium switch and queue access',
      () => ({
        'app.consortium_id': a,
        'app.user_id': both.userId,
        'app.cross_tenant': 'on',
        'app.queue_access': 'on',
      }),
    ],
  ];

  it.each(SETTINGS)(
    'with %s set, an unfiltered query sees only the tenant’s rows, on EVERY tenant table',
    async (_label, settings) => {
      const tables = await tenantTables(owner);
      expect(tables.map((t) => t.table)).toEqual(
        expect.arrayContaining(['audit_log', 'consortium', 'consortium_membership', 'organization', 'outbox_message']),
      );
      for (const tenantTable of tables) {
        const { table, tenantColumn } = tenantTable;
        const stored = await owner.query<{ own: number; others: number }>(
          `SELECT count(*) FILTER (WHERE "${tenantColumn}" = $1)::int AS own,
                count(*) FILTER (WHERE "${tenantColumn}" IS DISTINCT FROM $1)::int AS others
           FROM "${table}"`,
          [a],
        );
        const { own, others } = stored.rows[0];
        // Both kinds of rows must exist, or the check proves nothing: createTwoConsortia makes them.
        expect({ table, own: own > 0, others: others > 0 }).toEqual({ table, own: true, others: true });
        expect({ table, visible: await visibleByTenant(app, tenantTable, settings()) }).toEqual({
          table,
          visible: [{ tenant: a, n: own }],
        });
      }
    },
  );

  it('no permissive policy widens by app_current_user_id() (it would widen inside a tenant too)', async () => {
    const policies = await owner.query<{ table: string; policy: string; qual: string | null }>(
      `SELECT tablename AS table, policyname AS policy, qual FROM pg_policies
        WHERE schemaname = 'public' AND permissive = 'PERMISSIVE'`,
    );
    expect(policies.rows.length).toBeGreaterThan(0);
    expect(policies.rows.filter((p) => p.qual?.includes('app_current_user_id()'))).toEqual([]);
  });

  it('outside a tenant, the user still sees both: /auth/me, the consortium list, the guard, job status', async () => {
    const me = await both.http.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(
      me.body.memberships.map((m: { consortiumId: string; role: string }) => [m.consortiumId, m.role]).sort(),
    ).toEqual(
      [
        [a, 'observer'],
        [b, 'secretariat'],
      ].sort(),
    );

    const listed = await both.http.get('/api/v1/consortia');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id).sort()).toEqual([a, b].sort());

    // The guard resolves the membership of each consortium asked about.
    expect((await both.http.get(`/api/v1/consortia/${a}`)).body.id).toBe(a);
    expect((await both.http.get(`/api/v1/consortia/${b}`)).body.id).toBe(b);
    const usersOfB = await both.http.get(`/api/v1/consortia/${b}/users?limit=100`);
    expect(usersOfB.status).toBe(200);
    expect(usersOfB.body.items.map((u: { userId: string }) => u.userId)).toEqual(
      expect.arrayContaining([both.userId, fixture.b.secretariat.userId]),
    );
    expect(usersOfB.body.items.map((u: { userId: string }) => u.userId)).not.toContain(fixture.a.secretariat.userId);

    // A job of B: the status reader reads the outbox with queue access, outside any tenant.
    expect((await both.http.get(`/api/v1/jobs/${fixture.b.jobId}`)).status).toBe(200);
  });

  it('inside consortium A’s transaction the services see only A, even with queue access', async () => {
    const tx = stack.api.get(TransactionService);
    const ctx: RequestContext = {
      requestId: `test-${randomUUID()}`,
      actor: { userId: both.userId, platformAdmin: false },
    };
    const inA = forConsortium(ctx, a);

    expect((await tx.run(inA, (m) => m.find(Consortium))).map((c) => c.id)).toEqual([a]);
    const memberships = await tx.run(inA, (m) => m.find(Membership));
    expect(memberships.length).toBeGreaterThan(0);
    expect(new Set(memberships.map((ms) => ms.consortiumId))).toEqual(new Set([a]));
    const outbox = await tx.runWithQueueAccess(inA, (m) => m.find(OutboxMessage));
    expect(outbox.map((o) => o.id)).toContain(fixture.a.jobId);
    expect(new Set(outbox.map((o) => o.consortiumId))).toEqual(new Set([a]));

    // Queue access inside A writes A's jobs only: not B's, not platform-level ones.
    for (const consortiumId of [b, null]) {
      await expect(
        tx.runWithQueueAccess(inA, (m) =>
          m.insert(OutboxMessage, {
            id: randomUUID(),
            consortiumId,
            queue: 'identity',
            jobName: 'identity.seed-demo-users',
            payload: {},
          }),
        ),
      ).rejects.toThrow(/row-level security/);
    }

    // The reads that need the user's own rows refuse to run inside a tenant rather than see one.
    const users = stack.api.get(UsersService);
    await expect(tx.run(inA, () => users.myMemberships(inA))).rejects.toThrow(/Nested transaction/);
  });

  describe('the migration', () => {
    let db: TestDatabase;
    let dataSource: DataSource;
    let appUrl: string;

    beforeAll(async () => {
      db = await createTestDatabase();
      const config = loadAppConfig(testEnvironment(db, 'postgres'));
      appUrl = config.database.appUrl;
      dataSource = ownerDataSource(config, MIGRATIONS);
      await dataSource.initialize();
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    /** Memberships a member of both consortia sees inside A, with only the user set besides. */
    async function membershipTenantsSeenInA(): Promise<string[]> {
      const appDb = new Client({ connectionString: appUrl });
      await appDb.connect();
      try {
        const [cA, cB, user] = [randomUUID(), randomUUID(), randomUUID()];
        await dataSource.query(
          `INSERT INTO consortium (id, code, name, province, city) VALUES ($1, $3, '甲', '江苏省', '苏州市'), ($2, $4, '乙', '江苏省', '无锡市')`,
          [cA, cB, `A-${cA.slice(0, 8)}`, `B-${cB.slice(0, 8)}`],
        );
        await dataSource.query(
          `INSERT INTO app_user (id, email, display_name, password_hash) VALUES ($1, $2, '两边的人', 'x')`,
          [user, `${user}@test.chanjiao.cn`],
        );
        await dataSource.query(
          `INSERT INTO consortium_membership (consortium_id, user_id, role) VALUES ($1, $3, 'observer'), ($2, $3, 'observer')`,
          [cA, cB, user],
        );
        const seen = await visibleByTenant(
          appDb,
          { table: 'consortium_membership', tenantColumn: 'consortium_id' },
          { 'app.consortium_id': cA, 'app.user_id': user },
        );
        return seen.map((s) => (s.tenant === cA ? 'A' : s.tenant === cB ? 'B' : String(s.tenant))).sort();
      } finally {
        await appDb.end();
      }
    }

    it('down() restores the widening (so the checks above fail without it) and up() closes it again', async () => {
      const migration = new TenancyFailsClosed1764633600000();
      // The owner data source has one connection: each step gets it and gives it back.
      const step = async (work: (runner: QueryRunner) => Promise<void>) => {
        const runner = dataSource.createQueryRunner();
        try {
          await work(runner);
        } finally {
          await runner.release();
        }
      };
      expect(await membershipTenantsSeenInA()).toEqual(['A']);
      await step((runner) => migration.down(runner));
      expect(await membershipTenantsSeenInA()).toEqual(['A', 'B']);
      await step((runner) => migration.up(runner));
      expect(await membershipTenantsSeenInA()).toEqual(['A']);
    });
  });
});
