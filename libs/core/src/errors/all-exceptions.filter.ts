import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainException } from './domain.exception';
import { ErrorBody } from './error-body';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

function isFastifyClientError(error: unknown): error is FastifyLikeError {
  const candidate = error as FastifyLikeError | undefined;
  return (
    typeof candidate?.code === 'string' &&
    candidate.code.startsWith('FST_') &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500
  );
}

function fastifyMessage(error: FastifyLikeError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Unsupported content type: ${error.message.replace(/^Unsupported Media Type:?\s*/i, '')}`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Request body is empty but content-type is application/json';
    default:
      return error.message.startsWith('Unexpected') || error.message.includes('JSON')
        ? `Malformed JSON body: ${error.message}`
        : error.message;
  }
}

/**
 * Turns every error into the one error body. Typed errors (domain exceptions,
 * HTTP exceptions, Fastify's own 4xx) keep their status and message; anything
 * else is a 500 logged with its stack and answered without it.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id));
    const retryAfter = (exception as DomainException | undefined)?.details?.retryAfterSeconds;
    if (exception instanceof DomainException && typeof retryAfter === 'number') {
      void reply.header('retry-after', String(retryAfter));
    }
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId: request.id, method: request.method, url: request.url },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainException) {
      const status = exception.httpStatus;
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message: exception.message,
        details: { ...exception.details, code: exception.code },
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      let message = exception.message;
      let details: Record<string, unknown> | undefined;
      if (typeof response === 'object' && response !== null) {
        const payload = response as { message?: unknown; details?: Record<string, unknown> };
        if (Array.isArray(payload.message)) message = payload.message.join('; ');
        else if (typeof payload.message === 'string') message = payload.message;
        details = payload.details;
      } else if (typeof response === 'string') {
        message = response;
      }
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, details, requestId };
    }
    if (isFastifyClientError(exception)) {
      const status = exception.statusCode as number;
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message: fastifyMessage(exception),
        details: { code: exception.code },
        requestId,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'An unexpected error occurred; it has been logged with this request id',
      requestId,
    };
  }
}
