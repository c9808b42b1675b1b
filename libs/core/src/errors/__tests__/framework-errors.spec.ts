import type { Socket } from 'node:net';
import type { Logger as PinoLogger } from 'pino';
import { createClientErrorHandler } from '../framework-errors';

/** What the handler wrote to a fake socket, parsed. */
function answer(code: string | undefined, socket: Partial<Socket> & { _httpMessage?: unknown } = {}) {
  const written: string[] = [];
  const fake = {
    writable: true,
    destroyed: false,
    write: jest.fn((chunk: string) => written.push(chunk)),
    destroy: jest.fn(),
    ...socket,
  };
  const logger = { info: jest.fn() } as unknown as PinoLogger;
  createClientErrorHandler(logger)(Object.assign(new Error('Parse Error'), { code }), fake as unknown as Socket);
  const [head, body] = (written[0] ?? '').split('\r\n\r\n');
  return { fake, logger, head, body: body ? JSON.parse(body) : undefined };
}

describe('createClientErrorHandler', () => {
  it.each<[string | undefined, number, RegExp]>([
    ['HPE_INVALID_URL', 400, /percent-encoded/],
    ['HPE_INVALID_CONSTANT', 400, /percent-encoded/],
    ['HPE_HEADER_OVERFLOW', 431, /too large/],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, /in time/],
    ['HPE_INVALID_METHOD', 400, /not valid HTTP/],
    [undefined, 400, /not valid HTTP/],
  ])('%s → %d with the one error body and a request id', (code, status, message) => {
    const { fake, logger, head, body } = answer(code);
    expect(body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.stringMatching(message),
      details: { code: code ?? 'client_error' },
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(head.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${body.error}`);
    expect(head).toContain(`X-Request-Id: ${body.requestId}`);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(JSON.stringify(body))}`);
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: body.requestId }),
      expect.any(String),
    );
    expect(fake.destroy).toHaveBeenCalled();
  });

  it.each<[string, string, Partial<Socket> & { _httpMessage?: unknown }, boolean]>([
    ['a reset connection', 'ECONNRESET', {}, false],
    ['a destroyed socket', 'HPE_INVALID_URL', { destroyed: true }, false],
    ['a socket that cannot be written', 'HPE_INVALID_URL', { writable: false }, true],
    ['a response already under way', 'HPE_INVALID_URL', { _httpMessage: { headersSent: true } }, true],
  ])('writes nothing for %s', (_label, code, socket, destroys) => {
    const { fake } = answer(code, socket);
    expect(fake.write).not.toHaveBeenCalled();
    expect(fake.destroy).toHaveBeenCalledTimes(destroys ? 1 : 0);
  });
});
