"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigValidationError = exports.EnvironmentVariables = exports.JWT_SECRETS_PATTERN = exports.LOG_LEVELS = exports.NODE_ENVS = void 0;
exports.validateEnvironment = validateEnvironment;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
exports.NODE_ENVS = ['development', 'test', 'production'];
exports.LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const toInt = ({ value }) => value === undefined || value === '' ? undefined : Number(value);
const emptyToUndefined = ({ value }) => (value === '' ? undefined : value);
/** JWT secrets look like `kid:secret[,kid:secret…]`; the first one signs, all verify. */
exports.JWT_SECRETS_PATTERN = /^[A-Za-z0-9_-]{1,32}:[^,:]{32,}(,[A-Za-z0-9_-]{1,32}:[^,:]{32,})*$/;
const POSTGRES_URL_PATTERN = /^postgres(ql)?:\/\/.+/;
const REDIS_URL_PATTERN = /^rediss?:\/\/.+/;
/**
 * The process environment as the application accepts it. Validated once at boot
 * (see `loadAppConfig`); nothing else in the code base reads `process.env`.
 */
class EnvironmentVariables {
    NODE_ENV = 'development';
    PORT = 3000;
    LOG_LEVEL = 'info';
    /** Owner connection: runs migrations and creates the application role. */
    DATABASE_URL;
    /** Runtime connection (a role without superuser, ownership or BYPASSRLS). Derived from DATABASE_URL when absent. */
    DATABASE_APP_URL;
    DATABASE_APP_ROLE = 'chanjiao_app';
    DATABASE_APP_PASSWORD;
    DATABASE_POOL_SIZE = 10;
    EMBEDDED_PG_PORT = 54329;
    REDIS_URL;
    JWT_SECRETS;
    JWT_ACCESS_TTL_SECONDS = 900;
    REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;
    PLATFORM_ADMIN_EMAIL;
    PLATFORM_ADMIN_PASSWORD;
    DATA_DIR = '.data';
    STORAGE_DIR;
    /** Comma-separated origins, or `*`. Empty disables CORS. */
    CORS_ORIGINS = '';
    BODY_LIMIT_BYTES = 1024 * 1024;
    WORKER_CONCURRENCY = 4;
    SHUTDOWN_TIMEOUT_MS = 25_000;
    OUTBOX_POLL_INTERVAL_MS = 500;
    /** How long a worker holds a job before it counts as stalled (crashed worker → retry). */
    WORKER_LOCK_DURATION_MS = 30_000;
    WORKER_STALLED_INTERVAL_MS = 30_000;
    DEMO_MODE = 'false';
}
exports.EnvironmentVariables = EnvironmentVariables;
__decorate([
    (0, class_validator_1.IsIn)(exports.NODE_ENVS),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "NODE_ENV", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "PORT", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.LOG_LEVELS),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "LOG_LEVEL", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.ValidateIf)((env) => env.NODE_ENV === 'production' || env.DATABASE_URL !== undefined),
    (0, class_validator_1.Matches)(POSTGRES_URL_PATTERN, { message: 'DATABASE_URL must be a postgres:// connection string' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATABASE_URL", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(POSTGRES_URL_PATTERN, { message: 'DATABASE_APP_URL must be a postgres:// connection string' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATABASE_APP_URL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_APP_ROLE must be a lower-case PostgreSQL identifier' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DATABASE_APP_ROLE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.ValidateIf)((env) => env.NODE_ENV === 'production' && env.DATABASE_APP_URL === undefined),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(12, { message: 'DATABASE_APP_PASSWORD must be at least 12 characters' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATABASE_APP_PASSWORD", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(200),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DATABASE_POOL_SIZE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "EMBEDDED_PG_PORT", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(REDIS_URL_PATTERN, { message: 'REDIS_URL must be a redis:// or rediss:// URL' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "REDIS_URL", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.ValidateIf)((env) => env.NODE_ENV === 'production' || env.JWT_SECRETS !== undefined),
    (0, class_validator_1.Matches)(exports.JWT_SECRETS_PATTERN, {
        message: 'JWT_SECRETS must be "kid:secret[,kid:secret…]" with secrets of at least 32 characters',
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_SECRETS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(60),
    (0, class_validator_1.Max)(86400),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "JWT_ACCESS_TTL_SECONDS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(3600),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFRESH_TOKEN_TTL_SECONDS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.ValidateIf)((env) => env.NODE_ENV === 'production' || env.PLATFORM_ADMIN_EMAIL !== undefined),
    (0, class_validator_1.IsEmail)({}, { message: 'PLATFORM_ADMIN_EMAIL must be an email address' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "PLATFORM_ADMIN_EMAIL", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.ValidateIf)((env) => env.NODE_ENV === 'production' || env.PLATFORM_ADMIN_PASSWORD !== undefined),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(10, { message: 'PLATFORM_ADMIN_PASSWORD must be at least 10 characters' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "PLATFORM_ADMIN_PASSWORD", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DATA_DIR", void 0);
__decorate([
    (0, class_transformer_1.Transform)(emptyToUndefined),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "STORAGE_DIR", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "CORS_ORIGINS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1024),
    (0, class_validator_1.Max)(100 * 1024 * 1024),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "BODY_LIMIT_BYTES", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WORKER_CONCURRENCY", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "SHUTDOWN_TIMEOUT_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(10),
    (0, class_validator_1.Max)(60_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "OUTBOX_POLL_INTERVAL_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WORKER_LOCK_DURATION_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(500),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WORKER_STALLED_INTERVAL_MS", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['true', 'false']),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DEMO_MODE", void 0);
class ConfigValidationError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'ConfigValidationError';
    }
}
exports.ConfigValidationError = ConfigValidationError;
/** Validates raw environment variables; throws one line per problem, naming the variable. */
function validateEnvironment(raw) {
    const env = (0, class_transformer_1.plainToInstance)(EnvironmentVariables, { ...raw }, { exposeDefaultValues: true });
    const errors = (0, class_validator_1.validateSync)(env, { skipMissingProperties: false, whitelist: false });
    if (errors.length > 0) {
        const problems = errors.flatMap((error) => Object.values(error.constraints ?? { invalid: `${error.property} is invalid` }).map((message) => message.startsWith(error.property) ? message : `${error.property}: ${message}`));
        throw new ConfigValidationError(problems);
    }
    return env;
}
//# sourceMappingURL=environment.js.map