import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { answerDatabaseError } from './database-errors';
import { DomainException } from './domain.exception';
import { ErrorBody } from './error-body';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

/**
 * Route config key (`@RouteConfig({ [ACCEPTED_CONTENT_TYPES]: [...] })`) of a route whose
 * body is not JSON: the media types it takes, named in its 415 answers.
 */
export const ACCEPTED_CONTENT_TYPES = 'acceptedContentTypes';
/** What every other route with a body takes. */
export const JSON_CONTENT_TYPES = ['application/json'] as const;

/** The request being answered, as far as the error body needs it. */
export interface ErrorRoute {
  acceptedContentTypes?: readonly string[];
  /** The media type the request was sent as (without parameters). */
  contentType?: string;
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

function fastifyMessage(error: FastifyLikeError, route: ErrorRoute, accepted: readonly string[]): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const sent = route.contentType || error.message.replace(/^Unsupported Media Type:?\s*/i, '').trim();
      return `Unsupported content type ${sent ? `"${sent}"` : '(none)'}: this route accepts ${accepted.join(' or ')}`;
    }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Request body is empty but content-type is application/json';
    default:
      return error.message.startsWith('Unexpected') || error.message.includes('JSON')
        ? `Malformed JSON body: ${error.message}`
        : error.message;
  }
}

function routeOf(request: FastifyRequest | undefined): ErrorRoute {
  const config = request?.routeOptions?.config as Record<string, unknown> | undefined;
  const accepted = config?.[ACCEPTED_CONTENT_TYPES];
  const contentType = request?.headers?.['content-type']?.split(';')[0].trim();
  return {
    ...(Array.isArray(accepted) ? { acceptedContentTypes: accepted as string[] } : {}),
    ...(contentType ? { contentType } : {}),
  };
}

/**
 * Turns every error into the one error body. Typed errors (domain exceptions,
 * HTTP exceptions, Fastify's own 4xx) keep their status and message; PostgreSQL
 * errors that slipped past validators and services get a 4xx or 503 of their kind
 * (`answerDatabaseError`, logged as a warning: a bound is missing somewhere);
 * anything else is a 500 logged with its stack and answered without it.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id), routeOf(request));
    const retryAfter = this.retryAfterSeconds(exception);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    const where = { requestId: request.id, method: request.method, url: request.url };
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, ...where, details: body.details },
        exception instanceof Error ? exception.stack : String(exception),
      );
    } else if (answerDatabaseError(exception)) {
      this.logger.warn({ ...where, details: body.details }, 'database refused input that passed validation');
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  retryAfterSeconds(exception: unknown): number | undefined {
    if (exception instanceof DomainException) {
      const seconds = exception.details?.retryAfterSeconds;
      return typeof seconds === 'number' ? seconds : undefined;
    }
    return answerDatabaseError(exception)?.retryAfterSeconds;
  }

  toBody(exception: unknown, requestId: string, route: ErrorRoute = {}): ErrorBody {
    // Nest's Fastify adapter wraps Fastify's own 4xx in an HttpException: answer the original.
    const cause = exception instanceof HttpException ? exception.cause : undefined;
    if (isFastifyClientError(cause)) exception = cause;
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
      if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
        details = { ...details, accepted: route.acceptedContentTypes ?? JSON_CONTENT_TYPES };
      }
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, details, requestId };
    }
    if (isFastifyClientError(exception)) {
      const status = exception.statusCode as number;
      const accepted = route.acceptedContentTypes ?? JSON_CONTENT_TYPES;
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message: fastifyMessage(exception, route, accepted),
        details: {
          code: exception.code,
          ...(status === HttpStatus.UNSUPPORTED_MEDIA_TYPE ? { accepted } : {}),
        },
        requestId,
      };
    }
    const database = answerDatabaseError(exception);
    if (database) {
      return {
        statusCode: database.status,
        error: STATUS_CODES[database.status] ?? 'Error',
        message: database.message,
        details: { ...database.details },
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
