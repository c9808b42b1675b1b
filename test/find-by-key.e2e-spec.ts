import { DataSource, EntityMetadata } from 'typeorm';
import { findOneOrThrow, forConsortium, systemContext, TransactionService } from '@chanjiao/core';
import { createTwoConsortia, startTestStack, TestStack, TwoConsortia } from '@chanjiao/testing';

/**
 * `findOneOrThrow` reads by key with a statement built once per entity instead of TypeORM's
 * `findOne`: for every tenant entity, on the rows the two-consortia world creates, both must
 * give the same entity — same class, same property values and types.
 */
describe('findOneOrThrow by key', () => {
  let stack: TestStack;
  let world: TwoConsortia;
  let tx: TransactionService;
  let tenantEntities: EntityMetadata[];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    world = await createTwoConsortia(stack);
    tx = stack.api.get(TransactionService);
    tenantEntities = stack.api
      .get(DataSource)
      .entityMetadatas.filter(
        (m) =>
          m.tableType === 'regular' &&
          m.primaryColumns.length === 1 &&
          (m.tableName === 'consortium' || m.columns.some((c) => c.databaseName === 'consortium_id')),
      );
  });

  afterAll(() => stack?.close());

  const notFound = () => new Error('not found');

  it('gives what findOne gives, for every tenant entity, by id and by tenant and id, with and without a lock', async () => {
    const compared = new Set<string>();
    await tx.run(forConsortium(systemContext(), world.a.id), async (m) => {
      for (const metadata of tenantEntities) {
        const key = metadata.primaryColumns[0];
        const rows = (await m.query(`SELECT "${key.databaseName}" AS id FROM "${metadata.tableName}" LIMIT 3`)) as {
          id: string | number;
        }[];
        for (const { id } of rows) {
          const byId = { [key.propertyName]: id };
          const expected = await m.findOne(metadata.target, { where: byId });
          expect(await findOneOrThrow(m, metadata.target, byId, notFound)).toStrictEqual(expected);
          const tenant = metadata.columns.find((c) => c.databaseName === 'consortium_id');
          // Append-only tables (the audit log) cannot be locked by the application role.
          const [{ lockable }] = (await m.query(`SELECT has_table_privilege($1, 'UPDATE') AS lockable`, [
            metadata.tableName,
          ])) as { lockable: boolean }[];
          if (lockable) {
            expect(await findOneOrThrow(m, metadata.target, byId, notFound, { lock: 'update' })).toStrictEqual(
              expected,
            );
          }
          if (tenant && lockable) {
            const byTenantAndId = { [tenant.propertyName]: world.a.id, [key.propertyName]: id };
            expect(await findOneOrThrow(m, metadata.target, byTenantAndId, notFound, { lock: 'share' })).toStrictEqual(
              expected,
            );
          }
          compared.add(metadata.name);
        }
      }
    });
    // The world has rows in most tenant tables: the comparison is not vacuous.
    expect(compared.size).toBeGreaterThanOrEqual(Math.min(20, tenantEntities.length));
  });

  it('throws the caller’s not-found error for a missing key, and for another tenant’s row', async () => {
    const missing = '0b5c8f3e-1d2a-4c6b-9e7f-8a9b0c1d2e3f';
    const [consortium] = tenantEntities.filter((m) => m.tableName === 'consortium');
    await tx.run(forConsortium(systemContext(), world.a.id), async (m) => {
      await expect(findOneOrThrow(m, consortium.target, { id: missing }, notFound)).rejects.toThrow('not found');
      // Row-level security hides consortium B inside A's transaction.
      await expect(findOneOrThrow(m, consortium.target, { id: world.b.id }, notFound)).rejects.toThrow('not found');
    });
  });
});
