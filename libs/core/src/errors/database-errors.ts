import { PostgresError, postgresErrorOf } from '../database/postgres-errors';

/** How the error filter answers a PostgreSQL error that no service turned into a typed one. */
export interface DatabaseErrorAnswer {
  status: 400 | 409 | 422 | 503;
  message: string;
  details: { code: string; sqlstate: string; constraint?: string; fields?: string[] };
  retryAfterSeconds?: number;
}

/** Class 22 (data exception): a value PostgreSQL cannot take as sent. */
const DATA_MESSAGES: Record<string, string> = {
  '22001': 'A text value is longer than its field allows',
  '22003': 'A number is out of range for its field',
  '22007': 'A date or time is not valid',
  '22008': 'A date or time is out of range',
  '22021': 'A text value holds a character that cannot be stored (such as NUL)',
  '22P05': 'A text value holds a character that cannot be stored',
  '22P02': 'A value does not have the expected format',
  '22025': 'A search pattern is not valid',
  '2201B': 'A search pattern is not valid',
  '22004': 'A required value is missing',
};

/** Operational conditions of the database: the request may pass when tried again. */
const UNAVAILABLE = /^(08|53|57P0[1-3]|57014|55P03)/;

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The request's fields a constraint names, camelCased, without the tenant column (never
 * a caller's field) or expressions: the key columns of `detail` (`Key (consortium_id,
 * name)=(…) already exists.`), else the error's column, else the columns in a name
 * PostgreSQL gives constraints (`<table>_<columns>_key|fkey|check|excl`) — on tables
 * under row-level security PostgreSQL leaves the key out of `detail`.
 */
function fieldsOf(error: PostgresError): string[] {
  const key = /^Key \(([^)]*)\)/.exec(error.detail ?? '');
  const columns = key ? key[1].split(',').map((c) => c.trim()) : error.column ? [error.column] : namedColumns(error);
  return columns.filter((c) => c !== 'consortium_id' && /^[a-z0-9_]+$/.test(c)).map(camelCase);
}

function namedColumns({ constraint, table }: PostgresError): string[] {
  const named = /^([a-z0-9_]+)_(key|fkey|check|excl)$/.exec(constraint ?? '');
  if (!named || !table || !named[1].startsWith(`${table}_`)) return [];
  // Columns joined by "_" cannot be told apart, except the tenant column every key leads with.
  return [named[1].slice(table.length + 1).replace(/^consortium_id_/, '')];
}

const listed = (fields: string[]) => fields.join(', ');

/**
 * Maps what slips past the validators and services to the one error body instead of a
 * 500: data exceptions (class 22) to 400, integrity violations (class 23) to 409 or 422
 * naming the constraint and fields, transaction conflicts left after the retry
 * (40001/40P01) and an unavailable database to 503. Never the SQL, its parameters or the
 * server's message (which can quote stored values). Undefined for anything else.
 */
export function answerDatabaseError(exception: unknown): DatabaseErrorAnswer | undefined {
  const error = postgresErrorOf(exception);
  if (!error) return undefined;
  const sqlstate = error.code;
  const constraint = error.constraint || undefined;
  const fields = fieldsOf(error);
  const named = fields.length > 0 ? { fields } : {};

  if (sqlstate.startsWith('22')) {
    return {
      status: 400,
      message: DATA_MESSAGES[sqlstate] ?? 'A value is not valid for its field',
      details: { code: 'invalid_value', sqlstate, ...named },
    };
  }
  if (sqlstate.startsWith('23')) {
    const base = { sqlstate, ...(constraint ? { constraint } : {}), ...named };
    switch (sqlstate) {
      case '23505':
        return {
          status: 409,
          message: fields.length
            ? `A record with the same ${listed(fields)} already exists`
            : 'A record with the same values already exists',
          details: { code: 'already_exists', ...base },
        };
      case '23503':
      case '23001':
        return /still referenced/.test(error.detail ?? '') || sqlstate === '23001'
          ? {
              status: 409,
              message: 'The record is still referred to by other records',
              details: { code: 'still_referenced', ...base },
            }
          : {
              status: 422,
              message: fields.length
                ? `${listed(fields)}: no such record in this consortium`
                : 'A referenced record does not exist in this consortium',
              details: { code: 'unknown_reference', ...base },
            };
      case '23502':
        return {
          status: 422,
          message: fields.length ? `${listed(fields)} is required` : 'A required value is missing',
          details: { code: 'required', ...base },
        };
      case '23P01':
        return {
          status: 409,
          message: 'The record overlaps an existing one',
          details: { code: 'conflict', ...base },
        };
      default: // 23514 check_violation and the rest of the class
        return {
          status: 422,
          message: fields.length
            ? `${listed(fields)} breaks a rule of the record${constraint ? ` (${constraint})` : ''}`
            : `The values break a rule of the record${constraint ? ` (${constraint})` : ''}`,
          details: { code: 'constraint_violated', ...base },
        };
    }
  }
  if (sqlstate === '40001' || sqlstate === '40P01') {
    return {
      status: 503,
      message: 'The request collided with concurrent changes, also when run again; try again',
      details: { code: 'transaction_conflict', sqlstate },
      retryAfterSeconds: 1,
    };
  }
  if (UNAVAILABLE.test(sqlstate)) {
    return {
      status: 503,
      message: 'The database is busy or unavailable; try again shortly',
      details: { code: 'database_unavailable', sqlstate },
      retryAfterSeconds: 5,
    };
  }
  return undefined;
}
