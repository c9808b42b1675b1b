import { AsyncLocalStorage } from 'node:async_hooks';
import { LoggerService } from '@nestjs/common';
import pino, { Logger as PinoLogger } from 'pino';

/** Carries the request id into every log line written while a request is handled. */
export const logScope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * The application logger: JSON lines, request id mixed in from the async scope.
 * `forHttp: true` gives Fastify's logger, which binds the request id itself.
 */
export function createRootLogger(level: string, name: string, options: { forHttp?: boolean } = {}): PinoLogger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
      remove: true,
    },
    mixin: options.forHttp
      ? undefined
      : () => {
          const scope = logScope.getStore();
          return scope ? { requestId: scope.requestId } : {};
        },
  });
}

/** Nest's logger interface over pino, so framework and application logs share one JSON stream. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message instanceof Error) {
      // Spreading an Error drops its (non-enumerable) message and stack: Nest's boot errors arrive this way.
      this.root[level]({ context, err: message }, message.message);
      return;
    }
    if (typeof message === 'object' && message !== null) {
      this.root[level]({ context, ...(message as object), extra: rest.length ? rest : undefined });
      return;
    }
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n')) {
      this.root.error({ context, stack: rest[0] }, String(message));
      return;
    }
    this.root[level]({ context }, String(message));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
}
