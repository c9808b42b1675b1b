import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvironmentVariables, validateEnvironment } from './environment';

export type QueueBackendKind = 'redis' | 'postgres';

/** Seed nodes of a Redis Cluster and the credentials every node takes. */
export interface RedisClusterConfig {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
  tls: boolean;
}

export interface JwtKey {
  kid: string;
  secret: string;
}

/** The typed, validated configuration every module receives (never `process.env`). */
export interface AppConfig {
  nodeEnv: EnvironmentVariables['NODE_ENV'];
  isProduction: boolean;
  demoMode: boolean;
  http: {
    port: number;
    /** Address the API listens on (HOST; 127.0.0.1 outside production, 0.0.0.0 in production). */
    host: string;
    corsOrigins: string[] | '*' | false;
    bodyLimitBytes: number;
    trustProxy: boolean | number | string[];
  };
  log: LogSettings;
  database: {
    /** Owner connection (migrations); undefined when only the runtime URL was given. */
    ownerUrl?: string;
    /** Connection the API and worker use: the application role, subject to RLS. */
    appUrl: string;
    appRole: string;
    appPassword?: string;
    poolSize: number;
    /** Port of the embedded PostgreSQL `npm start` runs when no DATABASE_URL is given. */
    embeddedPort: number;
  };
  queue: {
    backend: QueueBackendKind;
    redisUrl?: string;
    /** Set (REDIS_CLUSTER_NODES): BullMQ runs on this Redis Cluster, queue keys hash-tagged per queue. */
    redisCluster?: RedisClusterConfig;
    prefix: string;
    concurrency: number;
    outboxPollIntervalMs: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
    /** Finished outbox rows are pruned this many days after they finished. */
    outboxRetentionDays: number;
    /** A dispatched job BullMQ lost is dispatched again once it has been dispatched this long. */
    reconcileGraceSeconds: number;
    /** How often each worker prunes and reconciles the outbox. */
    maintenanceIntervalMs: number;
  };
  auth: {
    jwtKeys: JwtKey[];
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    passwordHashing: { memoryKib: number; iterations: number };
  };
  platformAdmin: { email?: string; password?: string };
  rateLimit: { perMinute: number; authPerMinute: number; loginFailuresPerAccount: number; loginFailuresPerIp: number };
  demo: { userPassword?: string };
  /** HMAC key for ID numbers in training rosters (PERSON_ID_HASH_KEY). */
  personIdHashKey: string;
  paths: { dataDir: string; storageDir: string };
  shutdownTimeoutMs: number;
  /** Where the business clock starts (development and tests only); undefined: real time. */
  clockStart?: Date;
}

export interface LogSettings {
  level: EnvironmentVariables['LOG_LEVEL'];
  /** Absolute path: full logs go here, the standard output keeps warnings and errors. */
  file?: string;
}

export interface LocalSecrets {
  jwtSecrets: string;
  databaseAppPassword: string;
  embeddedPostgresPassword: string;
  platformAdminPassword: string;
  demoUserPassword: string;
  /** Added later: filled in (and written back) when an older secrets.json lacks it. */
  personIdHashKey?: string;
}

/**
 * Outside production, secrets the operator did not set are generated once and kept
 * under the data directory, so restarts keep sessions and the embedded database works.
 */
export function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
    if (!kept.personIdHashKey) {
      kept.personIdHashKey = randomBytes(32).toString('base64url');
      writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
    }
    return kept;
  }
  const secrets: LocalSecrets = {
    jwtSecrets: `k1:${randomBytes(32).toString('base64url')}`,
    databaseAppPassword: randomBytes(18).toString('base64url'),
    embeddedPostgresPassword: randomBytes(18).toString('base64url'),
    platformAdminPassword: `Demo-${randomBytes(9).toString('base64url')}`,
    demoUserPassword: `Demo-${randomBytes(9).toString('base64url')}`,
    personIdHashKey: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function parseJwtSecrets(value: string): JwtKey[] {
  return value.split(',').map((pair) => {
    const index = pair.indexOf(':');
    return { kid: pair.slice(0, index), secret: pair.slice(index + 1) };
  });
}

/** Replaces the credentials of a connection string (used to derive the runtime role's URL). */
export function withCredentials(url: string, user: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = password ? encodeURIComponent(password) : '';
  return parsed.toString();
}

/** REDIS_CLUSTER_NODES (validated) as seed nodes; the first entry's credentials and TLS apply to all. */
export function parseRedisClusterNodes(value: string): RedisClusterConfig {
  const urls = value.split(',').map((entry) => {
    const trimmed = entry.trim();
    return new URL(/^rediss?:\/\//.test(trimmed) ? trimmed : `redis://${trimmed}`);
  });
  const [first] = urls;
  return {
    nodes: urls.map((url) => ({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) })),
    username: first.username ? decodeURIComponent(first.username) : undefined,
    password: first.password ? decodeURIComponent(first.password) : undefined,
    tls: first.protocol === 'rediss:',
  };
}

export function parseTrustProxy(value: string): boolean | number | string[] {
  const trimmed = value.trim();
  if (trimmed === 'false' || trimmed === '') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function parseCorsOrigins(value: string): string[] | '*' | false {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  if (trimmed === '*') return '*';
  return trimmed
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/** Validates the environment and maps it to the typed configuration. Throws `ConfigValidationError`. */
export function loadAppConfig(raw: Record<string, string | undefined> = process.env): AppConfig {
  const env = validateEnvironment(raw);
  const isProduction = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR);
  const local = isProduction ? undefined : () => readOrCreateLocalSecrets(dataDir);

  const appPassword = env.DATABASE_APP_PASSWORD ?? local?.().databaseAppPassword;
  const ownerUrl = env.DATABASE_URL;
  const appUrl =
    env.DATABASE_APP_URL ?? (ownerUrl ? withCredentials(ownerUrl, env.DATABASE_APP_ROLE, appPassword) : '');
  const jwtSecrets = env.JWT_SECRETS ?? local?.().jwtSecrets ?? '';

  return {
    nodeEnv: env.NODE_ENV,
    isProduction,
    demoMode: env.DEMO_MODE === 'true',
    http: {
      port: env.PORT,
      host: env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
      corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
    },
    log: { level: env.LOG_LEVEL, file: env.LOG_FILE ? resolve(env.LOG_FILE) : undefined },
    database: {
      ownerUrl,
      appUrl,
      appRole: env.DATABASE_APP_ROLE,
      appPassword,
      poolSize: env.DATABASE_POOL_SIZE,
      embeddedPort: env.EMBEDDED_PG_PORT,
    },
    queue: {
      backend: env.REDIS_URL || env.REDIS_CLUSTER_NODES ? 'redis' : 'postgres',
      redisUrl: env.REDIS_URL,
      redisCluster: env.REDIS_CLUSTER_NODES ? parseRedisClusterNodes(env.REDIS_CLUSTER_NODES) : undefined,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
      outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
      reconcileGraceSeconds: env.OUTBOX_RECONCILE_GRACE_SECONDS,
      maintenanceIntervalMs: env.OUTBOX_MAINTENANCE_INTERVAL_MS,
    },
    auth: {
      jwtKeys: parseJwtSecrets(jwtSecrets),
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      passwordHashing: { memoryKib: env.PASSWORD_HASH_MEMORY_KIB, iterations: env.PASSWORD_HASH_ITERATIONS },
    },
    platformAdmin: { email: env.PLATFORM_ADMIN_EMAIL, password: env.PLATFORM_ADMIN_PASSWORD },
    rateLimit: {
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      authPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
      loginFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      loginFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
    },
    demo: { userPassword: env.DEMO_USER_PASSWORD },
    personIdHashKey: env.PERSON_ID_HASH_KEY ?? local?.().personIdHashKey ?? '',
    paths: { dataDir, storageDir: resolve(env.STORAGE_DIR ?? join(dataDir, 'storage')) },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    clockStart: env.CLOCK_START ? new Date(env.CLOCK_START) : undefined,
  };
}
