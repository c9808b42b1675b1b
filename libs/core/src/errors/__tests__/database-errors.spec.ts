import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../all-exceptions.filter';
import { answerDatabaseError } from '../database-errors';

/** A PostgreSQL error as pg raises it, wrapped by TypeORM as services see it. */
function pgError(fields: { code: string; message?: string } & Partial<DatabaseError>): QueryFailedError {
  const error = new DatabaseError(fields.message ?? 'server message quoting "a stored value"', 100, 'error');
  Object.assign(error, { severity: 'ERROR', ...fields });
  return new QueryFailedError('UPDATE secret_table SET x = $1', ['secret parameter'], error);
}

describe('answerDatabaseError', () => {
  it.each<[string, QueryFailedError, number, Record<string, unknown>, RegExp]>([
    [
      '22003 numeric_value_out_of_range',
      pgError({ code: '22003', message: 'value "3000000000" is out of range for type integer' }),
      400,
      { code: 'invalid_value', sqlstate: '22003' },
      /number is out of range/,
    ],
    [
      '22P02 invalid_text_representation',
      pgError({ code: '22P02' }),
      400,
      { code: 'invalid_value', sqlstate: '22P02' },
      /format/,
    ],
    [
      '22007 invalid_datetime_format',
      pgError({ code: '22007' }),
      400,
      { code: 'invalid_value', sqlstate: '22007' },
      /date or time/,
    ],
    [
      '22008 datetime_field_overflow',
      pgError({ code: '22008' }),
      400,
      { code: 'invalid_value', sqlstate: '22008' },
      /date or time/,
    ],
    [
      '22021 character_not_in_repertoire',
      pgError({ code: '22021' }),
      400,
      { code: 'invalid_value', sqlstate: '22021' },
      /NUL/,
    ],
    [
      '22P05 untranslatable_character',
      pgError({ code: '22P05' }),
      400,
      { code: 'invalid_value', sqlstate: '22P05' },
      /character/,
    ],
    [
      '22001 string_data_right_truncation',
      pgError({ code: '22001' }),
      400,
      { code: 'invalid_value', sqlstate: '22001' },
      /longer/,
    ],
    [
      'another data exception (22012)',
      pgError({ code: '22012' }),
      400,
      { code: 'invalid_value', sqlstate: '22012' },
      /not valid/,
    ],
    [
      '23505 unique, fields from the key without the tenant column',
      pgError({
        code: '23505',
        constraint: 'organization_name_key',
        table: 'organization',
        detail: 'Key (consortium_id, name)=(6f1c…, 苏州汇川技术有限公司) already exists.',
      }),
      409,
      { code: 'already_exists', sqlstate: '23505', constraint: 'organization_name_key', fields: ['name'] },
      /same name already exists/,
    ],
    [
      '23505 unique under row-level security (no key in detail): fields from the constraint name',
      pgError({ code: '23505', constraint: 'organization_credit_code_key', table: 'organization' }),
      409,
      { code: 'already_exists', sqlstate: '23505', constraint: 'organization_credit_code_key', fields: ['creditCode'] },
      /same creditCode already exists/,
    ],
    [
      '23503 under row-level security: fields from the constraint name',
      pgError({
        code: '23503',
        constraint: 'council_seat_consortium_id_organization_id_fkey',
        table: 'council_seat',
        detail: 'Key is not present in table "organization".',
      }),
      422,
      {
        code: 'unknown_reference',
        sqlstate: '23503',
        constraint: 'council_seat_consortium_id_organization_id_fkey',
        fields: ['organizationId'],
      },
      /organizationId: no such record/,
    ],
    [
      'a constraint named by hand (no fields to tell)',
      pgError({ code: '23505', constraint: 'consortium_membership_user', table: 'consortium_membership' }),
      409,
      { code: 'already_exists', sqlstate: '23505', constraint: 'consortium_membership_user' },
      /same values already exists/,
    ],
    [
      '23505 unique on an expression',
      pgError({
        code: '23505',
        constraint: 'app_user_email_key',
        detail: 'Key (lower(email))=(a@b.cn) already exists.',
      }),
      409,
      { code: 'already_exists', sqlstate: '23505', constraint: 'app_user_email_key' },
      /same values already exists/,
    ],
    [
      '23503 a reference to nothing',
      pgError({
        code: '23503',
        constraint: 'council_seat_consortium_id_organization_id_fkey',
        table: 'council_seat',
        detail: 'Key (consortium_id, organization_id)=(…, …) is not present in table "organization".',
      }),
      422,
      {
        code: 'unknown_reference',
        sqlstate: '23503',
        constraint: 'council_seat_consortium_id_organization_id_fkey',
        fields: ['organizationId'],
      },
      /organizationId: no such record/,
    ],
    [
      '23503 a record still referenced',
      pgError({
        code: '23503',
        constraint: 'council_seat_consortium_id_organization_id_fkey',
        table: 'council_seat',
        detail: 'Key (consortium_id, id)=(…, …) is still referenced from table "council_seat".',
      }),
      409,
      {
        code: 'still_referenced',
        sqlstate: '23503',
        constraint: 'council_seat_consortium_id_organization_id_fkey',
        fields: ['id'],
      },
      /still referred to/,
    ],
    [
      '23502 not null, naming the column',
      pgError({ code: '23502', table: 'organization', column: 'membership_changed_on' }),
      422,
      { code: 'required', sqlstate: '23502', fields: ['membershipChangedOn'] },
      /membershipChangedOn is required/,
    ],
    [
      '23514 a column check PostgreSQL named',
      pgError({ code: '23514', table: 'consortium', constraint: 'consortium_park_province_rank_check' }),
      422,
      {
        code: 'constraint_violated',
        sqlstate: '23514',
        constraint: 'consortium_park_province_rank_check',
        fields: ['parkProvinceRank'],
      },
      /parkProvinceRank breaks a rule/,
    ],
    [
      '23514 a table check',
      pgError({ code: '23514', table: 'council', constraint: 'council_check1' }),
      422,
      { code: 'constraint_violated', sqlstate: '23514', constraint: 'council_check1' },
      /break a rule of the record \(council_check1\)/,
    ],
    [
      '23P01 exclusion',
      pgError({ code: '23P01', constraint: 'seat_term_excl' }),
      409,
      { code: 'conflict', sqlstate: '23P01', constraint: 'seat_term_excl' },
      /overlaps/,
    ],
    [
      '40001 serialization failure (after the retry)',
      pgError({ code: '40001' }),
      503,
      { code: 'transaction_conflict', sqlstate: '40001' },
      /try again/,
    ],
    [
      '40P01 deadlock',
      pgError({ code: '40P01' }),
      503,
      { code: 'transaction_conflict', sqlstate: '40P01' },
      /try again/,
    ],
    [
      '53300 too many connections',
      pgError({ code: '53300' }),
      503,
      { code: 'database_unavailable', sqlstate: '53300' },
      /busy/,
    ],
    [
      '57014 statement timeout',
      pgError({ code: '57014' }),
      503,
      { code: 'database_unavailable', sqlstate: '57014' },
      /busy/,
    ],
  ])('%s', (_label, error, status, details, message) => {
    const answer = answerDatabaseError(error);
    expect(answer).toMatchObject({ status, details });
    expect(answer?.details).toEqual(details);
    expect(answer?.message).toMatch(message);
  });

  it('reads pg errors unwrapped too', () => {
    const error = Object.assign(new DatabaseError('x', 1, 'error'), { severity: 'ERROR', code: '22003' });
    expect(answerDatabaseError(error)?.status).toBe(400);
  });

  it.each<[string, unknown]>([
    ['a syntax error (a bug: stays a 500)', pgError({ code: '42601' })],
    ['an RLS refusal (a bug: stays a 500)', pgError({ code: '42501' })],
    ['a Node error with a code', Object.assign(new Error('x'), { code: 'ECONNRESET' })],
    ['a lookalike without severity', { code: '23505', message: 'x' }],
    ['a plain error', new Error('x')],
    ['undefined', undefined],
  ])('leaves %s alone', (_label, error) => {
    expect(answerDatabaseError(error)).toBeUndefined();
  });
});

describe('the filter on database errors', () => {
  const filter = new AllExceptionsFilter();

  it('answers the one body without the SQL, its parameters or the server message', () => {
    const error = pgError({
      code: '23505',
      constraint: 'organization_name_key',
      detail: 'Key (consortium_id, name)=(6f1c, 苏州汇川技术有限公司) already exists.',
    });
    const body = filter.toBody(error, 'req-1');
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'A record with the same name already exists',
      details: { code: 'already_exists', sqlstate: '23505', constraint: 'organization_name_key', fields: ['name'] },
      requestId: 'req-1',
    });
    const text = JSON.stringify(body);
    for (const secret of ['secret_table', 'secret parameter', 'a stored value', '苏州汇川技术有限公司', '6f1c']) {
      expect(text).not.toContain(secret);
    }
  });

  it.each<[string, unknown, number | undefined]>([
    ['a transaction conflict', pgError({ code: '40P01' }), 1],
    ['an unavailable database', pgError({ code: '57P03' }), 5],
    ['a data error', pgError({ code: '22003' }), undefined],
  ])('sets Retry-After for %s', (_label, error, seconds) => {
    expect(filter.retryAfterSeconds(error)).toBe(seconds);
  });
});
