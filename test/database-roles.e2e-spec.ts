import { Client } from 'pg';
import { forConsortium, loadAppConfig, systemContext, TransactionService, withCredentials } from '@chanjiao/core';
import { Consortium } from '@chanjiao/consortia';
import { buildApiApp } from '../apps/api/src/bootstrap';
import {
  createTestDatabase,
  createTwoConsortia,
  insertConsortium,
  startTestStack,
  TEST_APP_PASSWORD,
  TestDatabase,
  testEnvironment,
  TestStack,
} from '@chanjiao/testing';

/** Row-level security is only as good as the role the application connects as. */
describe('database role and row-level security', () => {
  describe('as the application role', () => {
    let stack: TestStack;
    let app: Client;
    let consortiumA: string;
    let consortiumB: string;

    beforeAll(async () => {
      stack = await startTestStack({ worker: false, env: { DATABASE_POOL_SIZE: '1' } });
      consortiumA = (await insertConsortium(stack.db.ownerUrl, { name: '甲联合体' })).id;
      consortiumB = (await insertConsortium(stack.db.ownerUrl, { name: '乙联合体' })).id;
      app = new Client({ connectionString: stack.config.database.appUrl });
      await app.connect();
    });

    afterAll(async () => {
      await app?.end();
      await stack?.close();
    });

    it('sees no tenant rows without a tenant setting, on EVERY tenant table', async () => {
      await createTwoConsortia(stack); // memberships, audit entries and outbox rows of two tenants
      const owner = new Client({ connectionString: stack.db.ownerUrl });
      await owner.connect();
      try {
        // A tenant table is any table with a consortium_id column, plus the consortium table itself.
        const tables = await owner.query<{ table_name: string; forced: boolean; enabled: boolean }>(
          `SELECT c.relname AS table_name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND (c.relname = 'consortium' OR EXISTS (
                SELECT 1 FROM information_schema.columns col
                 WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'consortium_id'))
            ORDER BY 1`,
        );
        expect(tables.rows.map((t) => t.table_name)).toEqual(
          expect.arrayContaining(['audit_log', 'consortium', 'consortium_membership', 'outbox_message']),
        );
        for (const table of tables.rows) {
          expect({ table: table.table_name, enabled: table.enabled, forced: table.forced }).toEqual({
            table: table.table_name,
            enabled: true,
            forced: true,
          });
          const stored = await owner.query(`SELECT count(*)::int AS n FROM "${table.table_name}"`);
          expect(stored.rows[0].n).toBeGreaterThan(0);
          const visible = await app.query(`SELECT count(*)::int AS n FROM "${table.table_name}"`);
          expect({ table: table.table_name, visible: visible.rows[0].n }).toEqual({
            table: table.table_name,
            visible: 0,
          });
        }
      } finally {
        await owner.end();
      }
    });

    it('cannot delete through the read-only visibility paths (own memberships, cross-consortium read)', async () => {
      const owner = new Client({ connectionString: stack.db.ownerUrl });
      await owner.connect();
      try {
        const [{ user_id: userId }] = (await owner.query('SELECT user_id FROM consortium_membership LIMIT 1')).rows;
        const before = (await owner.query('SELECT count(*)::int AS n FROM consortium_membership')).rows[0].n;
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.user_id', $1, true), set_config('app.cross_tenant', 'on', true)`, [
          userId,
        ]);
        expect((await app.query('SELECT count(*)::int AS n FROM consortium_membership')).rows[0].n).toBeGreaterThan(0);
        const deleted = await app.query('DELETE FROM consortium_membership');
        const deletedConsortia = await app.query('DELETE FROM consortium');
        await app.query('COMMIT');
        expect(deleted.rowCount).toBe(0);
        expect(deletedConsortia.rowCount).toBe(0);
        expect((await owner.query('SELECT count(*)::int AS n FROM consortium_membership')).rows[0].n).toBe(before);
      } finally {
        await owner.end();
      }
    });

    it('sees only the tenant named by the transaction setting', async () => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.consortium_id', $1, true)`, [consortiumA]);
      const rows = await app.query('SELECT id FROM consortium');
      await app.query('COMMIT');
      expect(rows.rows).toEqual([{ id: consortiumA }]);
      // The setting was transaction-local: gone after commit.
      expect((await app.query('SELECT * FROM consortium')).rowCount).toBe(0);
    });

    it('cannot write a row for another tenant', async () => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.consortium_id', $1, true)`, [consortiumA]);
      await expect(
        app.query(
          `INSERT INTO consortium (id, code, name, province, city) VALUES (gen_random_uuid(), 'X-1', '越权', '江苏省', '苏州市')`,
        ),
      ).rejects.toThrow(/row-level security/);
      await app.query('ROLLBACK');
      const updated = await app.query(`UPDATE consortium SET name = 'hijacked' WHERE id = $1`, [consortiumB]);
      expect(updated.rowCount).toBe(0);
    });

    it('never shows tenant A’s rows to tenant B through one pooled connection', async () => {
      const tx = stack.api.get(TransactionService);
      const ctx = systemContext();
      for (let round = 0; round < 5; round += 1) {
        const seenByA = await tx.run(forConsortium(ctx, consortiumA), (m) => m.find(Consortium));
        const seenByB = await tx.run(forConsortium(ctx, consortiumB), (m) => m.find(Consortium));
        const seenByNobody = await tx.run(ctx, (m) => m.find(Consortium));
        expect(seenByA.map((c) => c.id)).toEqual([consortiumA]);
        expect(seenByB.map((c) => c.id)).toEqual([consortiumB]);
        expect(seenByNobody).toEqual([]);
      }
    });

    it('answers an unknown consortium with 404 and the context’s error code', async () => {
      const missing = await stack.admin.get('/api/v1/consortia/0b5c8f3e-1d2a-4c6b-9e7f-8a9b0c1d2e3f');
      expect(missing.status).toBe(404);
      expect(missing.body.details.code).toBe('not_found');
    });
  });

  describe('boot refuses a role that could bypass row-level security', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase();
    });

    afterAll(() => db?.drop());

    async function bootWith(appUrl: string): Promise<unknown> {
      const config = loadAppConfig(testEnvironment(db, 'postgres', { DATABASE_APP_URL: appUrl }));
      const app = await buildApiApp(config);
      try {
        await app.init();
        return undefined;
      } catch (error) {
        return error;
      } finally {
        await app.close().catch(() => undefined);
      }
    }

    it('refuses a superuser', async () => {
      const error = await bootWith(db.ownerUrl);
      expect(String(error)).toMatch(/Refusing to start: .*is a superuser/);
    });

    it('refuses a role that owns application tables', async () => {
      const owner = new Client({ connectionString: db.ownerUrl });
      await owner.connect();
      const role = `owner_${db.name}`.slice(0, 60);
      try {
        await owner.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${TEST_APP_PASSWORD}' NOSUPERUSER`);
        await owner.query(`ALTER TABLE consortium OWNER TO "${role}"`);
        const error = await bootWith(withCredentials(db.ownerUrl, role, TEST_APP_PASSWORD));
        expect(String(error)).toMatch(/owns application tables \(consortium\)/);
      } finally {
        await owner.query(`ALTER TABLE consortium OWNER TO CURRENT_USER`);
        await owner.query(`DROP OWNED BY "${role}"`);
        await owner.query(`DROP ROLE "${role}"`);
        await owner.end();
      }
    });

    it('refuses a BYPASSRLS role', async () => {
      const owner = new Client({ connectionString: db.ownerUrl });
      await owner.connect();
      const role = `bypass_${db.name}`.slice(0, 60);
      try {
        await owner.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${TEST_APP_PASSWORD}' NOSUPERUSER BYPASSRLS`);
        await owner.query(`GRANT CONNECT ON DATABASE "${db.name}" TO "${role}"`);
        const error = await bootWith(withCredentials(db.ownerUrl, role, TEST_APP_PASSWORD));
        expect(String(error)).toMatch(/has BYPASSRLS/);
      } finally {
        await owner.query(`DROP OWNED BY "${role}"`);
        await owner.query(`DROP ROLE "${role}"`);
        await owner.end();
      }
    });
  });
});
