import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createRootLogger, PinoLoggerService } from '../logger';

function capture(): { service: PinoLoggerService; lines: () => Array<Record<string, any>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const service = new PinoLoggerService(pino({ level: 'trace' }, stream));
  return {
    service,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

describe('PinoLoggerService', () => {
  it('keeps the message and stack of an Error logged as the message (Nest boot errors)', () => {
    const { service, lines } = capture();
    service.error(new Error('Nest can’t resolve dependencies of X'), 'ExceptionHandler');
    const [line] = lines();
    expect(line.msg).toBe('Nest can’t resolve dependencies of X');
    expect(line.context).toBe('ExceptionHandler');
    expect(line.err.stack).toContain('Nest can’t resolve dependencies of X');
  });

  it('writes strings with their context and objects as fields', () => {
    const { service, lines } = capture();
    service.log('ready', 'Bootstrap');
    service.warn({ jobId: '7' }, 'Relay');
    expect(lines()).toEqual([
      expect.objectContaining({ msg: 'ready', context: 'Bootstrap', level: 30 }),
      expect.objectContaining({ jobId: '7', context: 'Relay', level: 40 }),
    ]);
  });
});

describe('createRootLogger with a log file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chanjiao-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const linesOf = (file: string) =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; service: string; level: number });

  it('appends every line from LOG_LEVEL up to the file, creating its folder', () => {
    const file = join(dir, 'nested', 'api.log');
    const logger = createRootLogger({ level: 'debug', file }, 'chanjiao-test');
    logger.debug('first');
    logger.info('second');
    expect(linesOf(file).map((line) => [line.msg, line.level, line.service])).toEqual([
      ['first', 20, 'chanjiao-test'],
      ['second', 30, 'chanjiao-test'],
    ]);
  });

  it('keeps below LOG_LEVEL out of the file, and shares the file between loggers of one process', () => {
    const file = join(dir, 'shared.log');
    const app = createRootLogger({ level: 'info', file }, 'chanjiao-app');
    const http = createRootLogger({ level: 'info', file }, 'chanjiao-http', { forHttp: true });
    app.debug('not written');
    app.info('from the app');
    http.info('from http');
    expect(linesOf(file).map((line) => line.msg)).toEqual(['from the app', 'from http']);
  });
});
