import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, EnvironmentVariables, validateEnvironment } from '../environment';

const SECRET_32 = 'x'.repeat(32);

/** Runs validation and returns the problem lines (empty when valid). */
function problemsOf(raw: Record<string, string | undefined>): string[] {
  try {
    validateEnvironment(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
}

/** The variable a problem line starts with (every line must start with one). */
const variableOf = (line: string) => /^([A-Z][A-Z0-9_]*)\b/.exec(line)?.[1];

const PRODUCTION_COMPLETE = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://owner:owner-pw@db.example:5432/chanjiao',
  DATABASE_APP_PASSWORD: 'app-password-123',
  JWT_SECRETS: `k1:${SECRET_32}`,
  PLATFORM_ADMIN_EMAIL: 'admin@example.com',
  PLATFORM_ADMIN_PASSWORD: 'admin-password',
  PERSON_ID_HASH_KEY: SECRET_32,
};

describe('validateEnvironment', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'chanjiao-env-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies the defaults when nothing is set', () => {
    const env = validateEnvironment({ DATA_DIR: dataDir });
    expect(env).toBeInstanceOf(EnvironmentVariables);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      LOG_LEVEL: 'info',
      DATABASE_APP_ROLE: 'chanjiao_app',
      DATABASE_POOL_SIZE: 10,
      EMBEDDED_PG_PORT: 54329,
      QUEUE_PREFIX: 'chanjiao',
      JWT_ACCESS_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 30 * 86400,
      DATA_DIR: dataDir,
      CORS_ORIGINS: '',
      BODY_LIMIT_BYTES: 1024 * 1024,
      WORKER_CONCURRENCY: 4,
      SHUTDOWN_TIMEOUT_MS: 25_000,
      OUTBOX_POLL_INTERVAL_MS: 500,
      OUTBOX_RETENTION_DAYS: 30,
      OUTBOX_RECONCILE_GRACE_SECONDS: 300,
      OUTBOX_MAINTENANCE_INTERVAL_MS: 60_000,
      WORKER_LOCK_DURATION_MS: 30_000,
      WORKER_STALLED_INTERVAL_MS: 30_000,
      DEMO_MODE: 'false',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_APP_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.JWT_SECRETS).toBeUndefined();
  });

  it('defaults DATA_DIR to .data', () => {
    expect(validateEnvironment({}).DATA_DIR).toBe('.data');
  });

  it.each([
    ['PORT', '8080', 8080],
    ['PORT', '0', 0],
    ['PORT', '65535', 65535],
    ['DATABASE_POOL_SIZE', '25', 25],
    ['WORKER_CONCURRENCY', '1', 1],
    ['BODY_LIMIT_BYTES', '2048', 2048],
    ['JWT_ACCESS_TTL_SECONDS', '60', 60],
  ])('converts %s=%s to the integer %d', (name, value, expected) => {
    const env = validateEnvironment({ DATA_DIR: dataDir, [name]: value });
    expect(env[name as keyof EnvironmentVariables]).toBe(expected);
  });

  it.each([
    ['NODE_ENV', 'test'],
    ['NODE_ENV', 'production'],
    ['LOG_LEVEL', 'debug'],
    ['LOG_LEVEL', 'silent'],
    ['DATABASE_URL', 'postgresql://u:p@h:5432/db'],
    ['DATABASE_URL', 'postgres://h/db'],
    ['REDIS_URL', 'redis://localhost:6379'],
    ['REDIS_URL', 'rediss://cache.example:6380/0'],
    ['REDIS_CLUSTER_NODES', '127.0.0.1:7000,127.0.0.1:7001'],
    ['JWT_SECRETS', `k1:${SECRET_32}`],
    ['JWT_SECRETS', `k2:${'a'.repeat(40)},k1:${SECRET_32}`],
    ['DEMO_MODE', 'true'],
  ])('accepts %s=%s', (name, value) => {
    const raw =
      name === 'NODE_ENV' && value === 'production' ? { ...PRODUCTION_COMPLETE } : { DATA_DIR: dataDir, [name]: value };
    const env = validateEnvironment(raw);
    expect(env[name as keyof EnvironmentVariables]).toBe(value);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '1.5'],
    ['PORT', '-1'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_APP_URL', 'mysql://x'],
    ['REDIS_URL', 'http://x'],
    ['JWT_SECRETS', 'nocolon'],
    ['JWT_SECRETS', 'k1:short'],
    ['JWT_SECRETS', `k1:${SECRET_32},`],
    ['JWT_SECRETS', `bad kid:${SECRET_32}`],
    ['JWT_SECRETS', `k1:${SECRET_32},k2:short`],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['DEMO_MODE', 'yes'],
    ['QUEUE_PREFIX', 'has space'],
    ['DATABASE_APP_ROLE', 'Upper'],
    ['PLATFORM_ADMIN_EMAIL', 'not-an-email'],
    ['PLATFORM_ADMIN_PASSWORD', 'short'],
    ['DATABASE_POOL_SIZE', '0'],
    ['WORKER_CONCURRENCY', '101'],
    ['OUTBOX_RETENTION_DAYS', '0'],
    ['OUTBOX_RECONCILE_GRACE_SECONDS', '0'],
    ['OUTBOX_MAINTENANCE_INTERVAL_MS', '10'],
    ['REDIS_CLUSTER_NODES', 'redis-1'],
  ])('rejects %s=%s with problem lines that name only that variable', (name, value) => {
    const problems = problemsOf({ DATA_DIR: dataDir, [name]: value });
    expect(problems.length).toBeGreaterThan(0);
    for (const line of problems) expect(variableOf(line)).toBe(name);
  });

  it.each([
    ['NODE_ENV', 'staging', 'NODE_ENV must be one of the following values: development, test, production'],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of the following values: fatal, error, warn, info, debug, trace, silent',
    ],
    ['REDIS_URL', 'http://x', 'REDIS_URL must be a redis:// or rediss:// URL'],
    [
      'DATABASE_URL',
      'mysql://x',
      'DATABASE_URL must be a postgres:// connection string (required in production unless DATABASE_APP_URL is set)',
    ],
    [
      'JWT_SECRETS',
      'k1:short',
      'JWT_SECRETS must be "kid:secret[,kid:secret…]" with secrets of at least 32 characters',
    ],
    [
      'JWT_SECRETS',
      'malformed',
      'JWT_SECRETS must be "kid:secret[,kid:secret…]" with secrets of at least 32 characters',
    ],
    ['PORT', '1.5', 'PORT must be an integer number'],
  ])('reports %s=%s as exactly one line: %s', (name, value, message) => {
    expect(problemsOf({ DATA_DIR: dataDir, [name]: value })).toEqual([message]);
  });

  it('reports every bad variable at once, each line naming its variable', () => {
    const raw = {
      DATA_DIR: dataDir,
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'http://x',
      JWT_SECRETS: 'k1:short',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
    };
    const problems = problemsOf(raw);
    const named = problems.map(variableOf);
    expect(named).not.toContain(undefined);
    expect(new Set(named)).toEqual(
      new Set(['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRETS', 'LOG_LEVEL', 'NODE_ENV']),
    );
  });

  it('formats the error message with one indented line per problem', () => {
    let caught: unknown;
    try {
      validateEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'loud', REDIS_URL: 'http://x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const error = caught as ConfigValidationError;
    expect(error.name).toBe('ConfigValidationError');
    expect(error.message.split('\n')).toEqual(['Invalid configuration:', ...error.problems.map((p) => `  - ${p}`)]);
    expect(error.problems).toHaveLength(2);
  });

  describe('production requirements', () => {
    it('accepts a complete production environment', () => {
      expect(problemsOf(PRODUCTION_COMPLETE)).toEqual([]);
    });

    it.each([
      ['DATABASE_URL'],
      ['JWT_SECRETS'],
      ['PLATFORM_ADMIN_EMAIL'],
      ['PLATFORM_ADMIN_PASSWORD'],
      ['DATABASE_APP_PASSWORD'],
    ])('requires %s', (missing) => {
      const raw: Record<string, string | undefined> = { ...PRODUCTION_COMPLETE, [missing]: undefined };
      const problems = problemsOf(raw);
      expect(problems.length).toBeGreaterThan(0);
      expect(new Set(problems.map(variableOf))).toEqual(new Set([missing]));
    });

    it.each([
      ['DATABASE_URL'],
      ['JWT_SECRETS'],
      ['PLATFORM_ADMIN_EMAIL'],
      ['PLATFORM_ADMIN_PASSWORD'],
      ['DATABASE_APP_PASSWORD'],
    ])('treats an empty %s as unset (still required)', (name) => {
      const problems = problemsOf({ ...PRODUCTION_COMPLETE, [name]: '' });
      expect(new Set(problems.map(variableOf))).toEqual(new Set([name]));
    });

    it('names every missing variable when only NODE_ENV=production is set', () => {
      const problems = problemsOf({ NODE_ENV: 'production' });
      expect(new Set(problems.map(variableOf))).toEqual(
        new Set([
          'DATABASE_URL',
          'DATABASE_APP_PASSWORD',
          'JWT_SECRETS',
          'PLATFORM_ADMIN_EMAIL',
          'PLATFORM_ADMIN_PASSWORD',
          'PERSON_ID_HASH_KEY',
        ]),
      );
    });

    it.each([
      ['without DATABASE_URL', { DATABASE_URL: undefined }],
      ['without DATABASE_APP_PASSWORD', { DATABASE_APP_PASSWORD: undefined }],
      ['without either', { DATABASE_URL: undefined, DATABASE_APP_PASSWORD: undefined }],
      ['with empty DATABASE_URL and DATABASE_APP_PASSWORD', { DATABASE_URL: '', DATABASE_APP_PASSWORD: '' }],
    ])('accepts DATABASE_APP_URL %s', (_label, overrides) => {
      const raw = {
        ...PRODUCTION_COMPLETE,
        DATABASE_APP_URL: 'postgres://chanjiao_app:pw@db.example/chanjiao',
        ...overrides,
      };
      expect(problemsOf(raw)).toEqual([]);
    });

    it('does not let an empty DATABASE_APP_URL stand in for DATABASE_URL', () => {
      const problems = problemsOf({ ...PRODUCTION_COMPLETE, DATABASE_URL: undefined, DATABASE_APP_URL: '' });
      expect(problems.map(variableOf)).toEqual(['DATABASE_URL']);
    });

    it('still validates a DATABASE_URL given alongside DATABASE_APP_URL', () => {
      const problems = problemsOf({
        ...PRODUCTION_COMPLETE,
        DATABASE_URL: 'mysql://x',
        DATABASE_APP_URL: 'postgres://chanjiao_app:pw@db.example/chanjiao',
      });
      expect(problems.map(variableOf)).toEqual(['DATABASE_URL']);
    });

    it('requires DATABASE_APP_PASSWORD of at least 12 characters', () => {
      const problems = problemsOf({ ...PRODUCTION_COMPLETE, DATABASE_APP_PASSWORD: 'elevenchars' });
      expect(problems).toEqual(['DATABASE_APP_PASSWORD must be at least 12 characters']);
    });
  });

  describe('outside production', () => {
    it.each([['development'], ['test']])('NODE_ENV=%s requires none of the production variables', (nodeEnv) => {
      expect(problemsOf({ NODE_ENV: nodeEnv, DATA_DIR: dataDir })).toEqual([]);
    });
  });

  describe('empty string means unset', () => {
    it.each([
      ['NODE_ENV', 'development'],
      ['PORT', 3000],
      ['LOG_LEVEL', 'info'],
      ['DATABASE_APP_ROLE', 'chanjiao_app'],
      ['QUEUE_PREFIX', 'chanjiao'],
      ['DEMO_MODE', 'false'],
      ['DATA_DIR', '.data'],
      ['DATABASE_URL', undefined],
      ['REDIS_URL', undefined],
      ['JWT_SECRETS', undefined],
      ['PLATFORM_ADMIN_EMAIL', undefined],
    ])('%s="" gives %p', (name, expected) => {
      const env = validateEnvironment({ [name]: '' });
      expect(env[name as keyof EnvironmentVariables]).toBe(expected);
    });
  });
});

describe('numbers are plain decimal digits', () => {
  it.each([
    [' ', 3000],
    ['  8080 ', 8080],
  ])('PORT=%p gives %p', (value, expected) => {
    expect(validateEnvironment({ PORT: value }).PORT).toBe(expected);
  });

  it.each([['0x10'], ['1e3'], ['12abc']])('rejects PORT=%s with one line', (value) => {
    expect(() => validateEnvironment({ PORT: value })).toThrow(/PORT must be an integer number/);
    try {
      validateEnvironment({ PORT: value });
    } catch (error) {
      expect((error as ConfigValidationError).problems).toEqual(['PORT must be an integer number']);
    }
  });
});
