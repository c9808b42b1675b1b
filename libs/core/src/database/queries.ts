import { EntityManager, EntityMetadata, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

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
  const found = (await findByKey(m, entity, where, options.lock)) ?? notFound;
  if (found === notFound) throw notFound();
  return found as E;
}

/**
 * The statement of a by-key read, built once per entity, key columns and lock: `findOne`
 * runs TypeORM's query builder on every call (aliases, property names rewritten into columns),
 * the larger part of a cheap read's CPU. Only for what that statement covers — plain columns,
 * no soft delete, no inheritance, no load listeners — and plain values; anything else, and
 * everything it reads, goes through `findOne`.
 */
const byKeyStatements = new WeakMap<EntityMetadata, Map<string, string | null>>();

function byKeyStatement(metadata: EntityMetadata, keys: string[], lock: RowLock | undefined): string | null {
  let statements = byKeyStatements.get(metadata);
  if (!statements) byKeyStatements.set(metadata, (statements = new Map()));
  const shape = `${keys.join(',')}|${lock ?? ''}`;
  let sql = statements.get(shape);
  if (sql === undefined) {
    const keyColumns = keys.map((key) => metadata.findColumnWithPropertyName(key));
    const plain =
      metadata.embeddeds.length === 0 &&
      !metadata.deleteDateColumn &&
      !metadata.discriminatorColumn &&
      metadata.childEntityMetadatas.length === 0 &&
      metadata.afterLoadListeners.length === 0 &&
      metadata.eagerRelations.length === 0 &&
      metadata.lazyRelations.length === 0 &&
      keyColumns.every((column) => column && !column.relationMetadata && !column.transformer);
    sql = plain
      ? `SELECT ${metadata.columns
          .filter((column) => column.isSelect && !column.isVirtual)
          .map((column) => `"${column.databaseName}"`)
          .join(', ')} FROM "${metadata.tableName}" WHERE ${keyColumns
          .map((column, i) => `"${column!.databaseName}" = $${i + 1}`)
          .join(' AND ')} LIMIT 1${lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : ''}`
      : null;
    statements.set(shape, sql);
  }
  return sql;
}

async function findByKey<E extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  lock: RowLock | undefined,
): Promise<E | null> {
  const metadata = m.connection.getMetadata(entity);
  const keys = Object.keys(where);
  const values = Object.values(where) as unknown[];
  const sql =
    keys.length > 0 &&
    m.connection.subscribers.length === 0 &&
    values.every((v) => typeof v === 'string' || typeof v === 'number')
      ? byKeyStatement(metadata, keys, lock)
      : null;
  if (sql === null) {
    return m.findOne(entity, {
      where,
      ...(lock ? { lock: { mode: lock === 'update' ? 'pessimistic_write' : 'pessimistic_read' } } : {}),
    });
  }
  const [row] = (await m.query(sql, values)) as Record<string, unknown>[];
  if (!row) return null;
  // Hydrated as TypeORM hydrates a row: the class's instance, each value through the driver.
  const found = metadata.create(m.queryRunner, { fromDeserializer: true }) as E;
  const driver = m.connection.driver;
  for (const column of metadata.columns) {
    if (!column.isSelect || column.isVirtual) continue;
    const value = row[column.databaseName];
    if (value !== undefined) column.setEntityValue(found, driver.prepareHydratedValue(value, column));
  }
  return found;
}
