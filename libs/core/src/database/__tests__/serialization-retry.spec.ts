import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { withSerializationRetry } from '../serialization-retry';

function pgError(code: string): QueryFailedError {
  const error = Object.assign(new DatabaseError('conflict', 1, 'error'), { severity: 'ERROR', code });
  return new QueryFailedError('UPDATE x', [], error);
}

/** An attempt that fails with the given errors, in order, then succeeds. */
function attempts(...failures: unknown[]) {
  const attempt = jest.fn(async () => {
    const failure = failures[attempt.mock.calls.length - 1];
    if (failure) throw failure;
    return 'done';
  });
  return attempt;
}

describe('withSerializationRetry', () => {
  it.each([
    ['a serialization failure', '40001'],
    ['a deadlock', '40P01'],
  ])('runs the transaction again once after %s', async (_label, code) => {
    const attempt = attempts(pgError(code));
    await expect(withSerializationRetry(attempt)).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('throws the second conflict (the filter answers 503)', async () => {
    const second = pgError('40P01');
    const attempt = attempts(pgError('40001'), second);
    await expect(withSerializationRetry(attempt)).rejects.toBe(second);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it.each<[string, unknown]>([
    ['a unique violation', pgError('23505')],
    ['a data error', pgError('22003')],
    ['a domain error', new Error('not allowed')],
  ])('does not retry %s', async (_label, error) => {
    const attempt = attempts(error);
    await expect(withSerializationRetry(attempt)).rejects.toBe(error);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('succeeds without retry when the first attempt does', async () => {
    const attempt = attempts();
    await expect(withSerializationRetry(attempt)).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
