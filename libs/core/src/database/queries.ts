import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/**
 * Raw SQL with its row type: every raw query names the shape of its rows, so no
 * `any` leaves a service. The type is a promise the SQL keeps (column aliases in
 * camelCase, dates printed with to_char where a string is wanted).
 */
export function queryRows<Row extends object>(
  m: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  return m.query(sql, params as unknown[]) as Promise<Row[]>;
}

/** The first row of a raw query, or undefined. */
export async function queryRow<Row extends object>(
  m: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row | undefined> {
  const [row] = await queryRows<Row>(m, sql, params);
  return row;
}

export type RowLock = 'update' | 'share';

/**
 * One entity by its tenant-scoped key, or the context's not-found error (404).
 * With `lock`, the row is locked FOR UPDATE / FOR SHARE until the transaction ends,
 * so a read-check-write on it cannot race another writer.
 */
export async function findOneOrThrow<E extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  notFound: () => Error,
  options: { lock?: RowLock } = {},
): Promise<E> {
  const found = await m.findOne(entity, {
    where,
    ...(options.lock ? { lock: { mode: options.lock === 'update' ? 'pessimistic_write' : 'pessimistic_read' } } : {}),
  });
  if (!found) throw notFound();
  return found;
}
