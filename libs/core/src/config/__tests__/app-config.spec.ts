import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  loadAppConfig,
  parseCorsOrigins,
  parseJwtSecrets,
  readOrCreateLocalSecrets,
  withCredentials,
} from '../app-config';
import { ConfigValidationError, JWT_SECRETS_PATTERN } from '../environment';

const SECRET_32 = 's'.repeat(32);

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://owner:owner-pw@db.example:5432/chanjiao?sslmode=require',
  DATABASE_APP_PASSWORD: 'app-password-123',
  JWT_SECRETS: `k2:${'n'.repeat(40)},k1:${SECRET_32}`,
  PLATFORM_ADMIN_EMAIL: 'admin@example.com',
  PLATFORM_ADMIN_PASSWORD: 'admin-password',
  PERSON_ID_HASH_KEY: SECRET_32,
};

describe('app-config', () => {
  const tempDirs: string[] = [];
  /** A fresh data directory per test, so generated secrets never leak between tests. */
  const freshDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chanjiao-config-'));
    tempDirs.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('parseJwtSecrets', () => {
    it.each([
      ['k1:abc', [{ kid: 'k1', secret: 'abc' }]],
      [
        'new:secret-two,old:secret-one',
        [
          { kid: 'new', secret: 'secret-two' },
          { kid: 'old', secret: 'secret-one' },
        ],
      ],
      ['k_1-a:with=padding==', [{ kid: 'k_1-a', secret: 'with=padding==' }]],
    ])('parses %s (first key signs, order kept)', (value, expected) => {
      expect(parseJwtSecrets(value)).toEqual(expected);
    });
  });

  describe('parseCorsOrigins', () => {
    it.each([
      ['', false],
      ['   ', false],
      ['*', '*'],
      ['  *  ', '*'],
      ['https://a.example', ['https://a.example']],
      ['https://a.example, https://b.example', ['https://a.example', 'https://b.example']],
      [' https://a.example ,,https://b.example, ', ['https://a.example', 'https://b.example']],
    ])('parses %p to %p', (value, expected) => {
      expect(parseCorsOrigins(value)).toEqual(expected);
    });
  });

  describe('withCredentials', () => {
    it.each([
      [
        'postgres://owner:owner-pw@db.example:5432/chanjiao?sslmode=require',
        'chanjiao_app',
        'app-pw',
        'postgres://chanjiao_app:app-pw@db.example:5432/chanjiao?sslmode=require',
      ],
      ['postgresql://db/x', 'chanjiao_app', undefined, 'postgresql://chanjiao_app@db/x'],
      ['postgres://owner:pw@db/x', 'reader', '', 'postgres://reader@db/x'],
      ['postgres://owner:pw@db/x', 'chanjiao_app', 'p@ss:w/rd%', 'postgres://chanjiao_app:p%40ss%3Aw%2Frd%25@db/x'],
    ])('replaces the credentials of %s with %s/%p', (url, user, password, expected) => {
      expect(withCredentials(url, user, password)).toBe(expected);
    });

    it('round-trips special characters in the password', () => {
      const password = 'p@ss:w/rd%#?';
      const parsed = new URL(withCredentials('postgres://o:p@h:1/d', 'chanjiao_app', password));
      expect(decodeURIComponent(parsed.password)).toBe(password);
      expect(parsed.hostname).toBe('h');
      expect(parsed.pathname).toBe('/d');
    });
  });

  describe('readOrCreateLocalSecrets', () => {
    it('generates secrets once and returns the same ones on every later call', () => {
      const dataDir = join(freshDataDir(), 'nested', 'data');
      const first = readOrCreateLocalSecrets(dataDir);
      const file = join(dataDir, 'secrets.json');
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
      expect(readOrCreateLocalSecrets(dataDir)).toEqual(first);
      expect(readOrCreateLocalSecrets(dataDir)).toEqual(first);
    });

    it('generates secrets that pass the environment validation rules', () => {
      const secrets = readOrCreateLocalSecrets(freshDataDir());
      expect(secrets.jwtSecrets).toMatch(JWT_SECRETS_PATTERN);
      expect(secrets.jwtSecrets.startsWith('k1:')).toBe(true);
      expect(secrets.databaseAppPassword.length).toBeGreaterThanOrEqual(12);
      expect(secrets.embeddedPostgresPassword.length).toBeGreaterThanOrEqual(12);
      expect(secrets.platformAdminPassword.length).toBeGreaterThanOrEqual(10);
      expect(secrets.databaseAppPassword).not.toBe(secrets.embeddedPostgresPassword);
    });

    it('generates different secrets for different data directories', () => {
      expect(readOrCreateLocalSecrets(freshDataDir())).not.toEqual(readOrCreateLocalSecrets(freshDataDir()));
    });

    if (process.platform !== 'win32') {
      it('writes the secrets file readable by its owner only', () => {
        const dataDir = freshDataDir();
        readOrCreateLocalSecrets(dataDir);
        expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
      });
    }
  });

  describe('loadAppConfig', () => {
    it('maps the defaults outside production', () => {
      const dataDir = freshDataDir();
      const config = loadAppConfig({ DATA_DIR: dataDir });
      const local = readOrCreateLocalSecrets(dataDir);
      expect(config).toEqual({
        nodeEnv: 'development',
        isProduction: false,
        demoMode: false,
        http: { port: 3000, host: '127.0.0.1', corsOrigins: false, bodyLimitBytes: 1024 * 1024, trustProxy: false },
        log: { level: 'info', file: undefined },
        database: {
          ownerUrl: undefined,
          appUrl: '',
          appRole: 'chanjiao_app',
          appPassword: local.databaseAppPassword,
          poolSize: 10,
          embeddedPort: 54329,
        },
        queue: {
          backend: 'postgres',
          redisUrl: undefined,
          redisCluster: undefined,
          prefix: 'chanjiao',
          concurrency: 4,
          outboxPollIntervalMs: 500,
          lockDurationMs: 30_000,
          stalledIntervalMs: 30_000,
          outboxRetentionDays: 30,
          reconcileGraceSeconds: 300,
          maintenanceIntervalMs: 60_000,
        },
        auth: {
          jwtKeys: parseJwtSecrets(local.jwtSecrets),
          accessTtlSeconds: 900,
          refreshTtlSeconds: 30 * 86400,
          passwordHashing: { memoryKib: 19456, iterations: 2 },
        },
        platformAdmin: { email: undefined, password: undefined },
        rateLimit: { perMinute: 600, authPerMinute: 30, loginFailuresPerAccount: 5, loginFailuresPerIp: 50 },
        demo: { userPassword: undefined },
        personIdHashKey: local.personIdHashKey,
        paths: { dataDir: resolve(dataDir), storageDir: join(resolve(dataDir), 'storage') },
        shutdownTimeoutMs: 25_000,
      });
    });

    it('keeps generated secrets stable across loads of the same data directory', () => {
      const dataDir = freshDataDir();
      const first = loadAppConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://owner:pw@localhost:5432/chanjiao' });
      const second = loadAppConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://owner:pw@localhost:5432/chanjiao' });
      expect(second.auth.jwtKeys).toEqual(first.auth.jwtKeys);
      expect(second.database.appPassword).toBe(first.database.appPassword);
      expect(second.database.appUrl).toBe(first.database.appUrl);
      expect(first.auth.jwtKeys).toHaveLength(1);
      expect(first.auth.jwtKeys[0].kid).toBe('k1');
    });

    it('derives appUrl from DATABASE_URL with the application role and the generated password', () => {
      const dataDir = freshDataDir();
      const config = loadAppConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://owner:pw@localhost:5432/chanjiao' });
      const { databaseAppPassword } = readOrCreateLocalSecrets(dataDir);
      expect(config.database.ownerUrl).toBe('postgres://owner:pw@localhost:5432/chanjiao');
      expect(config.database.appUrl).toBe(`postgres://chanjiao_app:${databaseAppPassword}@localhost:5432/chanjiao`);
    });

    it.each([
      [
        'the default role and the configured password',
        {},
        'postgres://chanjiao_app:app-password-123@db.example:5432/chanjiao?sslmode=require',
      ],
      [
        'a custom DATABASE_APP_ROLE',
        { DATABASE_APP_ROLE: 'tenant_rw' },
        'postgres://tenant_rw:app-password-123@db.example:5432/chanjiao?sslmode=require',
      ],
      [
        'an explicit DATABASE_APP_URL, which wins',
        { DATABASE_APP_URL: 'postgres://runtime:rt-pw@replica.example/chanjiao' },
        'postgres://runtime:rt-pw@replica.example/chanjiao',
      ],
    ])('in production, appUrl uses %s', (_label, overrides, expected) => {
      const config = loadAppConfig({ ...PRODUCTION, ...overrides });
      expect(config.database.appUrl).toBe(expected);
      expect(config.database.ownerUrl).toBe(PRODUCTION.DATABASE_URL);
    });

    it('maps a production environment without touching the data directory', () => {
      const dataDir = join(freshDataDir(), 'never-created');
      const config = loadAppConfig({ ...PRODUCTION, DATA_DIR: dataDir });
      expect(existsSync(dataDir)).toBe(false);
      expect(config.isProduction).toBe(true);
      expect(config.nodeEnv).toBe('production');
      expect(config.database.appPassword).toBe('app-password-123');
      expect(config.auth.jwtKeys).toEqual([
        { kid: 'k2', secret: 'n'.repeat(40) },
        { kid: 'k1', secret: SECRET_32 },
      ]);
      expect(config.platformAdmin).toEqual({ email: 'admin@example.com', password: 'admin-password' });
    });

    it('accepts production with only DATABASE_APP_URL (no owner URL, no app password)', () => {
      const config = loadAppConfig({
        ...PRODUCTION,
        DATABASE_URL: undefined,
        DATABASE_APP_PASSWORD: '',
        DATABASE_APP_URL: 'postgres://runtime:rt-pw@db.example/chanjiao',
      });
      expect(config.database.ownerUrl).toBeUndefined();
      expect(config.database.appPassword).toBeUndefined();
      expect(config.database.appUrl).toBe('postgres://runtime:rt-pw@db.example/chanjiao');
    });

    it('prefers configured secrets over generated ones outside production', () => {
      const dataDir = freshDataDir();
      const config = loadAppConfig({
        DATA_DIR: dataDir,
        JWT_SECRETS: `mine:${SECRET_32}`,
        DATABASE_APP_PASSWORD: 'my-app-password',
        DATABASE_URL: 'postgres://o:p@h/d',
      });
      expect(config.auth.jwtKeys).toEqual([{ kid: 'mine', secret: SECRET_32 }]);
      expect(config.database.appPassword).toBe('my-app-password');
      expect(config.database.appUrl).toBe('postgres://chanjiao_app:my-app-password@h/d');
    });

    it.each([
      ['REDIS_URL unset', {}, 'postgres', undefined],
      ['REDIS_URL empty', { REDIS_URL: '' }, 'postgres', undefined],
      ['REDIS_URL=redis://…', { REDIS_URL: 'redis://cache:6379' }, 'redis', 'redis://cache:6379'],
      ['REDIS_URL=rediss://…', { REDIS_URL: 'rediss://cache:6380/1' }, 'redis', 'rediss://cache:6380/1'],
    ])('chooses the queue backend with %s', (_label, overrides, backend, redisUrl) => {
      const config = loadAppConfig({ DATA_DIR: freshDataDir(), ...overrides });
      expect(config.queue.backend).toBe(backend);
      expect(config.queue.redisUrl).toBe(redisUrl);
    });

    it.each([
      ['CORS_ORIGINS', '*', (c: ReturnType<typeof loadAppConfig>) => c.http.corsOrigins, '*'],
      [
        'CORS_ORIGINS',
        'https://a.example,https://b.example',
        (c: ReturnType<typeof loadAppConfig>) => c.http.corsOrigins,
        ['https://a.example', 'https://b.example'],
      ],
      ['DEMO_MODE', 'true', (c: ReturnType<typeof loadAppConfig>) => c.demoMode, true],
      ['PORT', '8080', (c: ReturnType<typeof loadAppConfig>) => c.http.port, 8080],
      ['LOG_LEVEL', 'warn', (c: ReturnType<typeof loadAppConfig>) => c.log.level, 'warn'],
      ['QUEUE_PREFIX', 'ci-run-7', (c: ReturnType<typeof loadAppConfig>) => c.queue.prefix, 'ci-run-7'],
      ['SHUTDOWN_TIMEOUT_MS', '1000', (c: ReturnType<typeof loadAppConfig>) => c.shutdownTimeoutMs, 1000],
      ['OUTBOX_RETENTION_DAYS', '7', (c: ReturnType<typeof loadAppConfig>) => c.queue.outboxRetentionDays, 7],
      [
        'OUTBOX_RECONCILE_GRACE_SECONDS',
        '60',
        (c: ReturnType<typeof loadAppConfig>) => c.queue.reconcileGraceSeconds,
        60,
      ],
      [
        'OUTBOX_MAINTENANCE_INTERVAL_MS',
        '5000',
        (c: ReturnType<typeof loadAppConfig>) => c.queue.maintenanceIntervalMs,
        5000,
      ],
    ])('maps %s=%s', (name, value, pick, expected) => {
      expect(pick(loadAppConfig({ DATA_DIR: freshDataDir(), [name]: value }))).toEqual(expected);
    });

    it.each([
      ['outside production, by default: this machine only', {}, '127.0.0.1'],
      ['in production, by default: every interface (a proxy or container network is in front)', PRODUCTION, '0.0.0.0'],
      ['as HOST says in production', { ...PRODUCTION, HOST: '10.0.0.5' }, '10.0.0.5'],
      ['as HOST says in development', { HOST: '::' }, '::'],
    ])('listens %s', (_label, raw, host) => {
      expect(loadAppConfig({ DATA_DIR: freshDataDir(), ...raw }).http.host).toBe(host);
    });

    it('resolves LOG_FILE to an absolute path, and leaves it unset by default', () => {
      const dataDir = freshDataDir();
      expect(loadAppConfig({ DATA_DIR: dataDir }).log).toEqual({ level: 'info', file: undefined });
      expect(loadAppConfig({ DATA_DIR: dataDir, LOG_FILE: 'logs/api.log', LOG_LEVEL: 'debug' }).log).toEqual({
        level: 'debug',
        file: resolve('logs/api.log'),
      });
    });

    it('resolves STORAGE_DIR when given', () => {
      const dataDir = freshDataDir();
      const storage = join(dataDir, 'elsewhere');
      expect(loadAppConfig({ DATA_DIR: dataDir, STORAGE_DIR: storage }).paths.storageDir).toBe(resolve(storage));
    });

    it.each([
      [{ PORT: 'abc' }, 'PORT'],
      [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
      [{ HOST: 'example.org' }, 'HOST'],
      [{ HOST: '0.0.0.0:3000' }, 'HOST'],
      [{ NODE_ENV: 'production' }, 'JWT_SECRETS'],
    ])('throws ConfigValidationError for %p (naming %s)', (raw, name) => {
      let caught: unknown;
      try {
        loadAppConfig({ DATA_DIR: freshDataDir(), ...raw });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigValidationError);
      expect((caught as ConfigValidationError).problems.some((p) => p.startsWith(name))).toBe(true);
    });
  });
});
