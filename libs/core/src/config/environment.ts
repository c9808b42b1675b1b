import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';
import { isInstant } from '../validation/date-validators';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Only plain decimal digits count as a number ("0x10", "1e3", " " do not).
const toInt = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** JWT secrets look like `kid:secret[,kid:secret…]`; the first one signs, all verify. */
export const JWT_SECRETS_PATTERN = /^[A-Za-z0-9_-]{1,32}:[^,:]{32,}(,[A-Za-z0-9_-]{1,32}:[^,:]{32,})*$/;
const POSTGRES_URL_PATTERN = /^postgres(ql)?:\/\/.+/;
const REDIS_URL_PATTERN = /^rediss?:\/\/.+/;

/**
 * The process environment as the application accepts it. Validated once at boot
 * (see `loadAppConfig`); nothing else in the code base reads `process.env`.
 * class-validator checks a property's rules bottom-up: type checks sit right above
 * the property so that, with stopAtFirstError, a non-number is reported as such.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  /**
   * Address the API listens on. Unset: 127.0.0.1 (this machine only) outside production,
   * 0.0.0.0 (every IPv4 interface) in production, where a proxy or container network is in front.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'listenHost',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && (isIP(value) !== 0 || value === 'localhost'),
      defaultMessage: () => 'HOST must be an IP address to listen on (127.0.0.1, 0.0.0.0, ::, …) or localhost',
    },
  })
  HOST?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * Set: logs at LOG_LEVEL are appended to this file (JSON lines) and the standard output
   * shows only warnings and errors. `npm start` sets it per process under DATA_DIR/logs.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  /** Owner connection: runs migrations and creates the application role. */
  @Transform(emptyToUndefined)
  @ValidateIf(
    (env: EnvironmentVariables) =>
      (env.NODE_ENV === 'production' && env.DATABASE_APP_URL === undefined) || env.DATABASE_URL !== undefined,
  )
  @Matches(POSTGRES_URL_PATTERN, {
    message:
      'DATABASE_URL must be a postgres:// connection string (required in production unless DATABASE_APP_URL is set)',
  })
  DATABASE_URL?: string;

  /** Runtime connection (a role without superuser, ownership or BYPASSRLS). Derived from DATABASE_URL when absent. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(POSTGRES_URL_PATTERN, { message: 'DATABASE_APP_URL must be a postgres:// connection string' })
  DATABASE_APP_URL?: string;

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_APP_ROLE must be a lower-case PostgreSQL identifier' })
  DATABASE_APP_ROLE = 'chanjiao_app';

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' && env.DATABASE_APP_URL === undefined)
  @IsString()
  @MinLength(12, { message: 'DATABASE_APP_PASSWORD must be at least 12 characters' })
  DATABASE_APP_PASSWORD?: string;

  @Transform(toInt)
  @Min(1)
  @Max(200)
  @IsInt()
  DATABASE_POOL_SIZE = 10;

  @Transform(toInt)
  @Min(1)
  @Max(65535)
  @IsInt()
  EMBEDDED_PG_PORT = 54329;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(REDIS_URL_PATTERN, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * Redis Cluster seed nodes instead of REDIS_URL: comma-separated `host:port` or
   * `redis[s]://[user:password@]host:port` (the first entry's credentials and TLS apply to all).
   */
  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.REDIS_CLUSTER_NODES !== undefined)
  @ValidateBy({
    name: 'redisClusterNodes',
    validator: {
      validate: (value: unknown, args) =>
        redisClusterNodesProblem(value, args?.object as EnvironmentVariables) === null,
      defaultMessage: (args) =>
        `REDIS_CLUSTER_NODES ${redisClusterNodesProblem(args?.value, args?.object as EnvironmentVariables)}`,
    },
  })
  REDIS_CLUSTER_NODES?: string;

  /** Key prefix of BullMQ on Redis (lets several deployments or test runs share one Redis). */
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1-32 letters, digits, _ or -' })
  QUEUE_PREFIX = 'chanjiao';

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.JWT_SECRETS !== undefined)
  @Matches(JWT_SECRETS_PATTERN, {
    message: 'JWT_SECRETS must be "kid:secret[,kid:secret…]" with secrets of at least 32 characters',
  })
  JWT_SECRETS?: string;

  @Transform(toInt)
  @Min(60)
  @Max(86400)
  @IsInt()
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @Min(3600)
  @IsInt()
  REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.PLATFORM_ADMIN_EMAIL !== undefined)
  @IsEmail({}, { message: 'PLATFORM_ADMIN_EMAIL must be an email address' })
  PLATFORM_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.PLATFORM_ADMIN_PASSWORD !== undefined)
  @IsString()
  @MinLength(10, { message: 'PLATFORM_ADMIN_PASSWORD must be at least 10 characters' })
  PLATFORM_ADMIN_PASSWORD?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORAGE_DIR?: string;

  /**
   * Which proxies' X-Forwarded-For to believe for the client IP (rate limits, audit):
   * `false` (default: the socket address), `true`, a hop count, or addresses/CIDRs.
   */
  @IsString()
  TRUST_PROXY = 'false';

  /** Comma-separated origins, or `*`. Empty disables CORS. */
  @IsString()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @Min(1024)
  @Max(100 * 1024 * 1024)
  @IsInt()
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInt)
  @Min(1)
  @Max(100)
  @IsInt()
  WORKER_CONCURRENCY = 4;

  @Transform(toInt)
  @Min(100)
  @Max(600_000)
  @IsInt()
  SHUTDOWN_TIMEOUT_MS = 25_000;

  @Transform(toInt)
  @Min(10)
  @Max(60_000)
  @IsInt()
  OUTBOX_POLL_INTERVAL_MS = 500;

  /** Finished outbox rows (completed or failed for good) are deleted this many days after they finished. */
  @Transform(toInt)
  @Min(1)
  @Max(3650)
  @IsInt()
  OUTBOX_RETENTION_DAYS = 30;

  /** A dispatched, unfinished job that BullMQ no longer has is dispatched again this long after its dispatch. */
  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  OUTBOX_RECONCILE_GRACE_SECONDS = 300;

  /** How often each worker prunes and reconciles the outbox. */
  @Transform(toInt)
  @Min(1000)
  @Max(3_600_000)
  @IsInt()
  OUTBOX_MAINTENANCE_INTERVAL_MS = 60_000;

  /** How long a worker holds a job before it counts as stalled (crashed worker → retry). */
  @Transform(toInt)
  @Min(1000)
  @IsInt()
  WORKER_LOCK_DURATION_MS = 30_000;

  @Transform(toInt)
  @Min(500)
  @IsInt()
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /** argon2id memory cost in KiB (OWASP's baseline: 19 MiB with 2 iterations). */
  @Transform(toInt)
  @Min(1024)
  @Max(1024 * 1024)
  @IsInt()
  PASSWORD_HASH_MEMORY_KIB = 19456;

  @Transform(toInt)
  @Min(1)
  @Max(10)
  @IsInt()
  PASSWORD_HASH_ITERATIONS = 2;

  /** Requests per minute per client IP and route. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute per client IP on sign-in routes (login, refresh). */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  AUTH_RATE_LIMIT_PER_MINUTE = 30;

  /** Failed logins per account within 15 minutes before it is throttled. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Failed logins per client IP within 15 minutes before it is throttled. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  LOGIN_MAX_FAILURES_PER_IP = 50;

  /** Password of the demo users the demo seed creates (generated in embedded mode). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'DEMO_USER_PASSWORD must be at least 10 characters' })
  DEMO_USER_PASSWORD?: string;

  @IsIn(['true', 'false'])
  DEMO_MODE: 'true' | 'false' = 'false';

  /**
   * Key of the HMAC that stands in for ID numbers in training rosters (the numbers are
   * never stored). Required in production; generated into secrets.json otherwise.
   * Changing it makes earlier rosters' persons uncountable against new ones.
   */
  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.PERSON_ID_HASH_KEY !== undefined)
  @IsString()
  @MinLength(32, { message: 'PERSON_ID_HASH_KEY must be at least 32 characters' })
  PERSON_ID_HASH_KEY?: string;

  /**
   * Development and tests only: the business clock (China-time "today") starts at this
   * instant and runs on from there, e.g. to run the suite as on the first of a month.
   */
  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.CLOCK_START !== undefined)
  @ValidateBy({
    name: 'clockStart',
    validator: {
      validate: (value: unknown, args) =>
        isInstant(value) && (args?.object as EnvironmentVariables).NODE_ENV !== 'production',
      defaultMessage: () =>
        'CLOCK_START must be an ISO 8601 instant with an offset (e.g. 2027-01-01T00:30:00+08:00), and is refused in production',
    },
  })
  CLOCK_START?: string;
}

const CLUSTER_NODE_PATTERN = /^(rediss?:\/\/([^@/,\s]*@)?)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}\/?$/;

/** Why a REDIS_CLUSTER_NODES value is refused, or null when it is fine. */
function redisClusterNodesProblem(value: unknown, env: EnvironmentVariables | undefined): string | null {
  if (typeof value !== 'string') return 'must be a comma-separated list of host:port or redis:// URLs';
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !CLUSTER_NODE_PATTERN.test(entry));
  if (bad !== undefined) return `must be a comma-separated list of host:port or redis:// URLs ("${bad}" is not)`;
  const port = entries.map((entry) => Number(/:(\d+)\/?$/.exec(entry)?.[1])).find((p) => p < 1 || p > 65535);
  if (port !== undefined) return `names port ${port}, outside 1-65535`;
  if (env?.REDIS_URL !== undefined) return 'and REDIS_URL cannot both be set: choose one Redis';
  return null;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Validates raw environment variables; throws one line per problem, naming the variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  // An empty variable means "not set": the default applies.
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  // One problem per variable: the first rule it breaks.
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false, stopAtFirstError: true });
  if (errors.length > 0) {
    const problems = errors.flatMap((error) =>
      Object.values(error.constraints ?? { invalid: `${error.property} is invalid` }).map((message) =>
        message.startsWith(error.property) ? message : `${error.property}: ${message}`,
      ),
    );
    throw new ConfigValidationError(problems);
  }
  return env;
}
