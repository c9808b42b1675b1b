import { AsyncLocalStorage } from 'node:async_hooks';
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger as PinoLogger } from 'pino';

/**
 * What one request (or job) carries through its async calls: the id every log line
 * written while it is handled gets, and the transaction the access guard opened for it
 * while no `TransactionService.run` has taken it over yet (see `openForRequest`). One
 * AsyncLocalStorage for both: each one in use taxes every promise of the process.
 */
export interface RequestScope {
  requestId: string;
  waitingTransaction?: unknown;
}

/** Carries the request scope (see `RequestScope`). */
export const logScope = new AsyncLocalStorage<RequestScope>();

/** Where a process's logs go: everything from `level` up to the standard output, or to `file`. */
export interface LogTarget {
  level: string;
  /** Set: this file gets every line from `level` up; the standard output only warnings and errors. */
  file?: string;
}

// One stream per file and one for the standard output, shared by all loggers of the process.
const fileStreams = new Map<string, DestinationStream>();
let stdoutStream: DestinationStream | undefined;

function destinationOf(target: LogTarget): DestinationStream | undefined {
  if (!target.file || target.level === 'silent') return undefined; // pino's own standard output
  let file = fileStreams.get(target.file);
  if (!file) {
    // Synchronous: the last lines before a crash reach the file.
    file = pino.destination({ dest: target.file, mkdir: true, append: true, sync: true });
    fileStreams.set(target.file, file);
  }
  stdoutStream ??= pino.destination({ fd: 1 });
  const level = target.level as Level;
  const consoleLevel: Level = pino.levels.values[level] > pino.levels.values.warn ? level : 'warn';
  return pino.multistream([
    { level, stream: file },
    { level: consoleLevel, stream: stdoutStream },
  ]);
}

/**
 * The application logger: JSON lines, request id mixed in from the async scope.
 * `forHttp: true` gives Fastify's logger, which binds the request id itself.
 */
export function createRootLogger(target: LogTarget, name: string, options: { forHttp?: boolean } = {}): PinoLogger {
  const loggerOptions: pino.LoggerOptions = {
    name,
    level: target.level,
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
  };
  const destination = destinationOf(target);
  return destination ? pino(loggerOptions, destination) : pino(loggerOptions);
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
