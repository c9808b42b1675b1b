import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoLoggerService } from '../logger';

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
