import { randomUUID } from 'node:crypto';
import {
  forConsortium,
  logScope,
  RequestContext,
  systemContext,
  TransactionService,
  withoutTenant,
} from '@chanjiao/core';
import { Consortium } from '@chanjiao/consortia';
import { addPerson, insertConsortium, startTestStack, TestStack } from '@chanjiao/testing';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction per request: the access guard's transaction (TransactionService.openForRequest)
 * is continued by the handler's first run for the same tenant and user, and ended before any
 * other transaction the request opens, so a request never holds two connections because of it.
 * Runs inside a request scope as the HTTP layer opens one for every request.
 */
describe('the request transaction', () => {
  let stack: TestStack;
  let tx: TransactionService;
  let consortiumId: string;
  let ctx: RequestContext;

  const txid = async (m: EntityManager) =>
    ((await m.query(`SELECT txid_current()::text AS id`)) as Array<{ id: string }>)[0].id;
  /** Connections of this database left idle inside a transaction (a waiting request transaction). */
  const idleInTransaction = async (m: EntityManager) =>
    (
      (await m.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`,
      )) as Array<{ n: number }>
    )[0].n;
  const inRequest = <T>(work: () => Promise<T>) => logScope.run({ requestId: ctx.requestId }, work);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    tx = stack.api.get(TransactionService);
    consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    const me = await stack.admin.get('/api/v1/auth/me');
    ctx = {
      requestId: `test-${randomUUID()}`,
      consortiumId,
      actor: { userId: me.body.user.id, platformAdmin: true },
    };
  });

  afterAll(() => stack?.close());

  it('is continued by the first run for the same tenant and user: one connection, one transaction', async () => {
    await inRequest(async () => {
      const opened = await tx.openForRequest(ctx, async (m) => ({
        id: await txid(m),
        settings: (await m.query(
          `SELECT current_setting('app.consortium_id') AS tenant, current_setting('app.user_id') AS actor`,
        )) as Array<{ tenant: string; actor: string }>,
      }));
      expect(opened.result.settings[0]).toEqual({ tenant: consortiumId, actor: ctx.actor?.userId });
      const inRun = await tx.run(forConsortium(ctx, consortiumId), async (m) => ({
        id: await txid(m),
        found: await m.findOneBy(Consortium, { id: consortiumId }),
      }));
      expect(inRun.id).toBe(opened.result.id);
      expect(inRun.found?.id).toBe(consortiumId);
      // Committed and released by that run: the next run is a transaction of its own.
      const next = await tx.run(ctx, txid);
      expect(next).not.toBe(opened.result.id);
      await opened.close(); // a no-op now
      expect(await tx.run(ctx, idleInTransaction)).toBe(0);
    });
  });

  it.each([
    ['another tenant’s transaction (withoutTenant)', (c: RequestContext) => withoutTenant(c)],
    ['a system context', () => systemContext()],
  ])('is ended before %s checks out its own connection', async (_label, other) => {
    await inRequest(async () => {
      const opened = await tx.openForRequest(ctx, txid);
      const seen = await tx.run(other(ctx), async (m) => ({ id: await txid(m), idle: await idleInTransaction(m) }));
      expect(seen.id).not.toBe(opened.result);
      expect(seen.idle).toBe(0);
      // Nothing left to continue: a later run for the request's tenant opens a new transaction.
      expect(await tx.run(ctx, txid)).not.toBe(opened.result);
    });
  });

  it('is ended before the audited cross-consortium path', async () => {
    await inRequest(async () => {
      const opened = await tx.openForRequest(ctx, txid);
      const seen = await tx.runAcrossConsortia(ctx, 'test', async (m) => ({
        id: await txid(m),
        idle: await idleInTransaction(m),
      }));
      expect(seen.id).not.toBe(opened.result);
      expect(seen.idle).toBe(0);
    });
  });

  it('rolls back at once when the check fails, holding nothing', async () => {
    await inRequest(async () => {
      await expect(
        tx.openForRequest(ctx, async () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await tx.run(ctx, idleInTransaction)).toBe(0);
    });
  });

  it('is released by close() when nothing continued it', async () => {
    await inRequest(async () => {
      const opened = await tx.openForRequest(ctx, txid);
      await opened.close();
      expect(await tx.run(ctx, idleInTransaction)).toBe(0);
      expect(await tx.run(ctx, txid)).not.toBe(opened.result);
    });
  });

  it('without a request scope, ends at once (nothing could continue it)', async () => {
    const opened = await tx.openForRequest(ctx, txid);
    expect(await tx.run(ctx, async (m) => ({ id: await txid(m), idle: await idleInTransaction(m) }))).toEqual({
      id: expect.not.stringMatching(`^${opened.result}$`),
      idle: 0,
    });
  });

  it('serves an authenticated tenant read through HTTP with one checkout and five statements', async () => {
    const secretariat = await addPerson(stack.admin, consortiumId, 'secretariat');
    // Warm: the first request of a session may differ (nothing should, but measure the steady state).
    expect((await secretariat.http.get(`/api/v1/consortia/${consortiumId}`)).status).toBe(200);
    const dataSource = stack.api.get(DataSource);
    const original = dataSource.createQueryRunner.bind(dataSource);
    const statements: string[] = [];
    let checkouts = 0;
    dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) => {
      checkouts += 1;
      const runner = original(...args);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    };
    try {
      const response = await secretariat.http.get(`/api/v1/consortia/${consortiumId}`);
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(consortiumId);
    } finally {
      dataSource.createQueryRunner = original;
    }
    expect(checkouts).toBe(1);
    expect(statements).toEqual([
      'START TRANSACTION',
      'SELECT set_config($1,',
      'SELECT u.status,',
      'SELECT "id",', // the consortium, by findOneOrThrow's by-key statement
      'COMMIT',
    ]);
  });
});
