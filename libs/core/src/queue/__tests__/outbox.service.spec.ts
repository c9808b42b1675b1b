import { CoreErrorCode, CoreException } from '../../errors/domain.exception';
import { forConsortium, systemContext } from '../../context/request-context';
import { TransactionService } from '../../database/transaction.service';
import { JobName } from '../job-names';
import { followUpJobId, OutboxService, uuidV5 } from '../outbox.service';

const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  // Reference values from Python's uuid.uuid5.
  it.each([
    [NAMESPACE_DNS, 'python.org', '886313e1-3b8a-5372-9b90-0c9aee199e5d'],
    [NAMESPACE_URL, 'https://chanjiao.cn/', '8382a488-a09f-53c1-8e2f-88be343afe7e'],
    [NAMESPACE_DNS, '产教联合体', '99821bca-1342-5591-a9ee-5489c6ce4e3a'],
  ])('derives the RFC 4122 id of %s / %s', (namespace, name, expected) => {
    expect(uuidV5(namespace, name)).toBe(expected);
  });
});

describe('followUpJobId', () => {
  const parent = '1f0c9a52-6a8e-4d4b-9f0e-3c2b1a0d9e8f';

  it('is a version-5 uuid, the same on every call', () => {
    const id = followUpJobId(parent, JobName.SeedDemoUsers);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(followUpJobId(parent, JobName.SeedDemoUsers)).toBe(id);
  });

  it('differs by parent, job name and key', () => {
    const ids = [
      followUpJobId(parent, JobName.SeedDemoUsers),
      followUpJobId('2f0c9a52-6a8e-4d4b-9f0e-3c2b1a0d9e8f', JobName.SeedDemoUsers),
      followUpJobId(parent, JobName.SeedDemoConsortium),
      followUpJobId(parent, JobName.SeedDemoUsers, 'batch-1'),
      followUpJobId(parent, JobName.SeedDemoUsers, 'batch-2'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the parts apart: moving a separator between them gives another id', () => {
    // A plain "parent:name:key" join would make these two equal.
    expect(followUpJobId(parent, JobName.SeedDemoUsers, ':x')).not.toBe(
      followUpJobId(parent, `${JobName.SeedDemoUsers}:` as JobName, 'x'),
    );
  });
});

describe('OutboxService.enqueue', () => {
  /** Records transactions instead of opening them: the tenant check comes before any database work. */
  const transactions: string[] = [];
  const tx = {
    runWithQueueAccess: async (ctx: { consortiumId?: string }, work: (m: unknown) => Promise<unknown>) => {
      transactions.push(ctx.consortiumId ?? '(none)');
      const builder = {
        insert: () => builder,
        into: () => builder,
        values: () => builder,
        orIgnore: () => builder,
        execute: async () => ({}),
      };
      return work({ createQueryBuilder: () => builder });
    },
  } as unknown as TransactionService;
  const outbox = new OutboxService(tx);
  const a = '0a0a0a0a-0000-4000-8000-000000000001';
  const b = '0b0b0b0b-0000-4000-8000-000000000002';

  beforeEach(() => transactions.splice(0));

  it.each([
    ['enqueue', () => outbox.enqueue(forConsortium(systemContext(), a), JobName.SeedDemoUsers, { consortiumId: b })],
    [
      'enqueueFollowUp',
      () => outbox.enqueueFollowUp(forConsortium(systemContext(), a), a, JobName.SeedDemoUsers, { consortiumId: b }),
    ],
  ])('%s refuses a payload for another consortium than the context’s, writing nothing', async (_label, call) => {
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CoreException);
    expect((error as CoreException).code).toBe(CoreErrorCode.Forbidden);
    expect((error as Error).message).toBe(
      `A ${JobName.SeedDemoUsers} job for consortium ${b} cannot be enqueued in consortium ${a}'s context`,
    );
    expect(transactions).toEqual([]);
  });

  it('accepts the context’s own consortium, and any consortium from a context without a tenant', async () => {
    await outbox.enqueue(forConsortium(systemContext(), a), JobName.SeedDemoUsers, { consortiumId: a });
    await outbox.enqueue(systemContext(), JobName.SeedDemoUsers, { consortiumId: b });
    expect(transactions).toEqual([a, '(none)']);
  });

  it('returns the derived id for a follow-up', async () => {
    const parent = '3c3c3c3c-0000-4000-8000-000000000003';
    const job = await outbox.enqueueFollowUp(systemContext(), parent, JobName.SeedDemoUsers, { consortiumId: a });
    expect(job).toEqual({ jobId: followUpJobId(parent, JobName.SeedDemoUsers), name: JobName.SeedDemoUsers });
  });
});
