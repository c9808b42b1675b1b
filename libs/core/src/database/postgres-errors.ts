/** The fields of a PostgreSQL error the application reads (pg's `DatabaseError`). */
export interface PostgresError {
  /** SQLSTATE, e.g. `23505`. */
  code: string;
  message: string;
  detail?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The PostgreSQL error behind `error` — TypeORM's `QueryFailedError` (its
 * `driverError`) or pg's own `DatabaseError` — or undefined for anything else.
 */
export function postgresErrorOf(error: unknown): PostgresError | undefined {
  const candidate =
    (error as { driverError?: Partial<PostgresError> & { severity?: unknown } } | undefined)?.driverError ??
    (error as (Partial<PostgresError> & { severity?: unknown }) | undefined);
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  if (typeof candidate.code !== 'string' || !SQLSTATE.test(candidate.code)) return undefined;
  // Node's own errors have codes too (ECONNRESET); only the server's errors carry a severity.
  if (typeof candidate.severity !== 'string') return undefined;
  return candidate as PostgresError;
}

/** The PostgreSQL unique-violation a concurrent duplicate produces (SQLSTATE 23505), optionally on one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError =
    (error as { driverError?: { code?: string; constraint?: string } })?.driverError ??
    (error as { code?: string; constraint?: string });
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/** A serialization failure (40001) or deadlock (40P01): the transaction may succeed if run again. */
export function isTransactionConflict(error: unknown): boolean {
  const code = postgresErrorOf(error)?.code;
  return code === '40001' || code === '40P01';
}
