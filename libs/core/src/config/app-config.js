"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readOrCreateLocalSecrets = readOrCreateLocalSecrets;
exports.parseJwtSecrets = parseJwtSecrets;
exports.withCredentials = withCredentials;
exports.parseCorsOrigins = parseCorsOrigins;
exports.loadAppConfig = loadAppConfig;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const environment_1 = require("./environment");
/**
 * Outside production, secrets the operator did not set are generated once and kept
 * under the data directory, so restarts keep sessions and the embedded database works.
 */
function readOrCreateLocalSecrets(dataDir) {
    const file = (0, node_path_1.join)(dataDir, 'secrets.json');
    if ((0, node_fs_1.existsSync)(file)) {
        return JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
    }
    const secrets = {
        jwtSecrets: `k1:${(0, node_crypto_1.randomBytes)(32).toString('base64url')}`,
        databaseAppPassword: (0, node_crypto_1.randomBytes)(18).toString('base64url'),
        embeddedPostgresPassword: (0, node_crypto_1.randomBytes)(18).toString('base64url'),
        platformAdminPassword: `Demo-${(0, node_crypto_1.randomBytes)(9).toString('base64url')}`,
    };
    (0, node_fs_1.mkdirSync)(dataDir, { recursive: true });
    (0, node_fs_1.writeFileSync)(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
}
function parseJwtSecrets(value) {
    return value.split(',').map((pair) => {
        const index = pair.indexOf(':');
        return { kid: pair.slice(0, index), secret: pair.slice(index + 1) };
    });
}
/** Replaces the credentials of a connection string (used to derive the runtime role's URL). */
function withCredentials(url, user, password) {
    const parsed = new URL(url);
    parsed.username = encodeURIComponent(user);
    parsed.password = password ? encodeURIComponent(password) : '';
    return parsed.toString();
}
function parseCorsOrigins(value) {
    const trimmed = value.trim();
    if (trimmed === '')
        return false;
    if (trimmed === '*')
        return '*';
    return trimmed
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
}
/** Validates the environment and maps it to the typed configuration. Throws `ConfigValidationError`. */
function loadAppConfig(raw = process.env) {
    const env = (0, environment_1.validateEnvironment)(raw);
    const isProduction = env.NODE_ENV === 'production';
    const dataDir = (0, node_path_1.resolve)(env.DATA_DIR);
    const local = isProduction ? undefined : () => readOrCreateLocalSecrets(dataDir);
    const appPassword = env.DATABASE_APP_PASSWORD ?? local?.().databaseAppPassword;
    const ownerUrl = env.DATABASE_URL;
    const appUrl = env.DATABASE_APP_URL ?? (ownerUrl ? withCredentials(ownerUrl, env.DATABASE_APP_ROLE, appPassword) : '');
    const jwtSecrets = env.JWT_SECRETS ?? local?.().jwtSecrets ?? '';
    return {
        nodeEnv: env.NODE_ENV,
        isProduction,
        demoMode: env.DEMO_MODE === 'true',
        http: {
            port: env.PORT,
            corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
            bodyLimitBytes: env.BODY_LIMIT_BYTES,
        },
        log: { level: env.LOG_LEVEL },
        database: {
            ownerUrl,
            appUrl,
            appRole: env.DATABASE_APP_ROLE,
            appPassword,
            poolSize: env.DATABASE_POOL_SIZE,
        },
        queue: {
            backend: env.REDIS_URL ? 'redis' : 'postgres',
            redisUrl: env.REDIS_URL,
            concurrency: env.WORKER_CONCURRENCY,
            outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
            lockDurationMs: env.WORKER_LOCK_DURATION_MS,
            stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
        },
        auth: {
            jwtKeys: parseJwtSecrets(jwtSecrets),
            accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
            refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
        },
        platformAdmin: { email: env.PLATFORM_ADMIN_EMAIL, password: env.PLATFORM_ADMIN_PASSWORD },
        paths: { dataDir, storageDir: (0, node_path_1.resolve)(env.STORAGE_DIR ?? (0, node_path_1.join)(dataDir, 'storage')) },
        shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    };
}
//# sourceMappingURL=app-config.js.map