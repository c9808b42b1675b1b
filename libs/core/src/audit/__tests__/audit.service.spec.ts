import { EntityManager } from 'typeorm';
import { RequestContext } from '../../context/request-context';
import { TransactionService } from '../../database/transaction.service';
import { AuditRecord, AuditService } from '../audit.service';

const TENANT = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const OTHER = '0b5c8f3e-1d2a-4c6b-9e7f-8a9b0c1d2e3f';
const USER = 'a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d';

const ctx: RequestContext = {
  requestId: 'req-1',
  consortiumId: TENANT,
  actor: { userId: USER, platformAdmin: false },
  ip: '203.0.113.7',
};

/** An AuditService whose transaction hands `work` a manager that records its statements. */
function auditWithFakeDatabase() {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const manager = {
    query: (sql: string, parameters: unknown[]) => {
      statements.push({ sql, parameters });
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const tx = { run: (_ctx: RequestContext, work: (m: EntityManager) => unknown) => work(manager) };
  return { audit: new AuditService(tx as unknown as TransactionService), statements };
}

describe('AuditService.recordMany', () => {
  it('writes nothing for no entries', async () => {
    const { audit, statements } = auditWithFakeDatabase();
    await audit.recordMany(ctx, []);
    expect(statements).toEqual([]);
  });

  it.each<[string, AuditRecord[], unknown[][]]>([
    [
      'one entry, as record would',
      [
        {
          action: 'talent.demand_posting.expired',
          entityType: 'talent_demand_posting',
          entityId: 'p1',
          changes: { a: 1 },
        },
      ],
      [[TENANT], ['talent.demand_posting.expired'], ['talent_demand_posting'], ['p1'], ['{"a":1}']],
    ],
    [
      'many entries in their order, defaults filled in per entry',
      [
        { action: 'x.y.one', entityType: 'y', entityId: 'e1', changes: { status: { from: 'a', to: 'b' } } },
        { action: 'x.y.two', entityType: 'y' },
        { action: 'x.z.three', entityType: 'z', entityId: null, consortiumId: OTHER },
        { action: 'platform.thing.done', entityType: 'thing', entityId: 't1', consortiumId: null },
      ],
      [
        [TENANT, TENANT, OTHER, null],
        ['x.y.one', 'x.y.two', 'x.z.three', 'platform.thing.done'],
        ['y', 'y', 'z', 'thing'],
        ['e1', null, null, 't1'],
        ['{"status":{"from":"a","to":"b"}}', '{}', '{}', '{}'],
      ],
    ],
  ])('writes %s in one INSERT, a column an array', async (_label, entries, columns) => {
    const { audit, statements } = auditWithFakeDatabase();
    await audit.recordMany(ctx, entries);
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).toMatch(/^INSERT INTO audit_log .* FROM unnest\(/s);
    expect(statements[0].parameters).toEqual([...columns, USER, 'req-1', '203.0.113.7']);
  });

  it('takes the actor, request and address from the context, null when it has none', async () => {
    const { audit, statements } = auditWithFakeDatabase();
    await audit.recordMany({ requestId: 'system-1' }, [{ action: 'a.b.c', entityType: 'b', entityId: '1' }]);
    expect(statements[0].parameters).toEqual([[null], ['a.b.c'], ['b'], ['1'], ['{}'], null, 'system-1', null]);
  });

  it('keeps the statement the same size however many entries there are', async () => {
    const { audit, statements } = auditWithFakeDatabase();
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ action: 'a.b.c', entityType: 'b', entityId: `${i}` }));
    await audit.recordMany(ctx, entries.slice(0, 2));
    await audit.recordMany(ctx, entries);
    expect(statements).toHaveLength(2);
    expect(statements[1].sql).toBe(statements[0].sql);
    expect(statements[1].parameters).toHaveLength(8);
    expect((statements[1].parameters[3] as string[]).at(-1)).toBe('19999');
  });
});
