"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PinoLoggerService = exports.logScope = void 0;
exports.createRootLogger = createRootLogger;
const node_async_hooks_1 = require("node:async_hooks");
const pino_1 = __importDefault(require("pino"));
/** Carries the request id into every log line written while a request is handled. */
exports.logScope = new node_async_hooks_1.AsyncLocalStorage();
function createRootLogger(level, name) {
    return (0, pino_1.default)({
        name,
        level,
        base: { service: name },
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
        redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'], remove: true },
        mixin: () => {
            const scope = exports.logScope.getStore();
            return scope ? { requestId: scope.requestId } : {};
        },
    });
}
/** Nest's logger interface over pino, so framework and application logs share one JSON stream. */
class PinoLoggerService {
    root;
    constructor(root) {
        this.root = root;
    }
    write(level, message, rest) {
        const context = typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
        if (typeof message === 'object' && message !== null) {
            this.root[level]({ context, ...message, extra: rest.length ? rest : undefined });
            return;
        }
        if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n')) {
            this.root.error({ context, stack: rest[0] }, String(message));
            return;
        }
        this.root[level]({ context }, String(message));
    }
    log(message, ...rest) {
        this.write('info', message, rest);
    }
    error(message, ...rest) {
        this.write('error', message, rest);
    }
    warn(message, ...rest) {
        this.write('warn', message, rest);
    }
    debug(message, ...rest) {
        this.write('debug', message, rest);
    }
    verbose(message, ...rest) {
        this.write('trace', message, rest);
    }
}
exports.PinoLoggerService = PinoLoggerService;
//# sourceMappingURL=logger.js.map