import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { ErrorBody } from './error-body';

/** Messages for what Node's HTTP parser refuses before Fastify sees a request. */
function clientErrorAnswer(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'The request line and headers are too large (is the query string too long?)' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time' };
    case 'HPE_INVALID_URL':
    case 'HPE_INVALID_CONSTANT':
      return {
        status: 400,
        message:
          'The URL holds characters that must be percent-encoded (non-ASCII text such as Chinese, spaces, ' +
          'control characters): encode each query value, e.g. with encodeURIComponent or curl -G --data-urlencode',
      };
    default:
      return { status: 400, message: 'The request is not valid HTTP' };
  }
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (a URL with raw
 * non-ASCII bytes, oversized headers) is answered with the one error body and a fresh
 * request id (in the body, the `X-Request-Id` header and the log line) instead of
 * Fastify's bare `{"message":"Client Error"}`. Such URLs cannot be accepted: only
 * Node's insecure parser takes them, and it opens the door to request smuggling.
 */
export function createClientErrorHandler(
  logger: PinoLogger,
): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has no one to answer (https://nodejs.org/api/http.html#event-clienterror).
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = randomUUID();
    const { status, message } = clientErrorAnswer(error.code);
    logger.info({ requestId, code: error.code, status }, 'refused a request Node could not parse');
    const body: ErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message,
      details: { code: error.code ?? 'client_error' },
      requestId,
    };
    // As Node does: answer only when no response of this connection has started.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const text = JSON.stringify(body);
      socket.write(
        `HTTP/1.1 ${status} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy(error);
  };
}

const filter = new AllExceptionsFilter();

/**
 * Fastify's `frameworkErrors`: the router's own refusals (a malformed percent-encoding
 * in the path, a path parameter past `maxParamLength`), which come before any hook,
 * answered with the one error body and the request id like everything else.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = filter.toBody(error, String(request.id));
  if (error.code === 'FST_ERR_BAD_URL') body.message = 'The URL path holds a malformed percent-encoding';
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') body.message = 'A path parameter is longer than allowed';
  void reply
    .status(body.statusCode)
    .header('x-request-id', request.id)
    .header('content-type', 'application/json; charset=utf-8')
    .send(body);
}
