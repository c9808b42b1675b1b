import { createHash } from 'node:crypto';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { CursorPage, DEFAULT_PAGE_SIZE } from './cursor-page.dto';

/** One sort key of a keyset-paged list: a NOT NULL SQL expression and its direction. */
export interface KeysetOrder {
  expression: string;
  direction: 'ASC' | 'DESC';
}

export interface KeysetRequest {
  limit?: number;
  cursor?: string;
}

interface DecodedCursor {
  /** Which ordering the cursor belongs to: a cursor of another sort is refused. */
  s: string;
  /** The sort-key values of the last row of the previous page, as PostgreSQL printed them. */
  v: string[];
}

function signature(order: readonly KeysetOrder[]): string {
  return createHash('sha256')
    .update(order.map((key) => `${key.expression} ${key.direction}`).join(','))
    .digest('base64url')
    .slice(0, 10);
}

const INVALID_CURSOR = 'cursor must be a nextCursor value from a previous page of the same list and sort';

function invalidCursor(): CoreException {
  // Same detail shape as the validation pipe's, so clients handle one format.
  return new CoreException(CoreErrorCode.InvalidCursor, INVALID_CURSOR, {
    field: 'cursor',
    fields: [{ field: 'cursor', problems: [INVALID_CURSOR] }],
  });
}

function decodeCursor(cursor: string, order: readonly KeysetOrder[]): string[] {
  let decoded: DecodedCursor;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as DecodedCursor;
  } catch {
    throw invalidCursor();
  }
  const valid =
    decoded !== null &&
    typeof decoded === 'object' &&
    decoded.s === signature(order) &&
    Array.isArray(decoded.v) &&
    decoded.v.length === order.length &&
    decoded.v.every((value) => typeof value === 'string');
  if (!valid) throw invalidCursor();
  return decoded.v;
}

function encodeCursor(order: readonly KeysetOrder[], values: string[]): string {
  return Buffer.from(JSON.stringify({ s: signature(order), v: values } satisfies DecodedCursor)).toString('base64url');
}

/**
 * The one list convention, `{ items, nextCursor }`, as keyset pagination: the page
 * after a cursor is "rows sorted after the last row seen", so rows inserted or
 * deleted meanwhile never shift a page (no duplicates, no skipped rows, unlike
 * offsets). `order` must end with a unique key (the id) and every expression must
 * be NOT NULL. The cursor carries the last row's key values as PostgreSQL printed
 * them, so timestamps keep their microseconds. For queries without to-many joins.
 */
export async function keysetPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  order: readonly KeysetOrder[],
  request: KeysetRequest,
): Promise<CursorPage<E>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  if (request.cursor) {
    const after = decodeCursor(request.cursor, order);
    // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, with < for descending keys.
    qb.andWhere(
      new Brackets((outer) => {
        order.forEach((key, index) => {
          outer.orWhere(
            new Brackets((inner) => {
              for (let earlier = 0; earlier < index; earlier += 1) {
                inner.andWhere(`${order[earlier].expression} = :__keyset${earlier}`);
              }
              inner.andWhere(`${key.expression} ${key.direction === 'ASC' ? '>' : '<'} :__keyset${index}`);
            }),
          );
        });
      }),
      Object.fromEntries(after.map((value, index) => [`__keyset${index}`, value])),
    );
  }
  order.forEach((key, index) => {
    if (index === 0) qb.orderBy(key.expression, key.direction);
    else qb.addOrderBy(key.expression, key.direction);
    qb.addSelect(`(${key.expression})::text`, `__key${index}`);
  });
  qb.limit(limit + 1);
  const { entities, raw } = await qb.getRawAndEntities<Record<string, string>>();
  if (entities.length !== raw.length) {
    throw new Error('keysetPage needs a query without to-many joins (one raw row per entity)');
  }
  const items = entities.slice(0, limit);
  const last = raw[items.length - 1];
  return {
    items,
    nextCursor:
      entities.length > limit && last
        ? encodeCursor(
            order,
            order.map((_key, index) => last[`__key${index}`]),
          )
        : null,
  };
}

/** A list's `?sort=` value (`name`, `-createdAt`) as keyset order: the column, then the id as tie-breaker. */
export function sortOrder(
  sort: string,
  columns: Readonly<Record<string, string>>,
  idExpression: string,
): KeysetOrder[] {
  const descending = sort.startsWith('-');
  const column = columns[descending ? sort.slice(1) : sort];
  if (!column) throw new Error(`Unknown sort ${sort}`);
  const direction = descending ? 'DESC' : 'ASC';
  return [
    { expression: column, direction },
    { expression: idExpression, direction },
  ];
}
