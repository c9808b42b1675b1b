import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { AllExceptionsFilter } from '../all-exceptions.filter';
import { CoreErrorCode, CoreException, DomainException, ErrorStatus } from '../domain.exception';

enum ShelfCode {
  Full = 'shelf_full',
  Locked = 'shelf_locked',
}

class ShelfException extends DomainException<ShelfCode> {
  readonly statusByCode: Record<ShelfCode, ErrorStatus> = { [ShelfCode.Full]: 409, [ShelfCode.Locked]: 423 };
}

const REQUEST_ID = 'req-123';

describe('AllExceptionsFilter.toBody', () => {
  const filter = new AllExceptionsFilter();

  describe('domain exceptions', () => {
    it.each<[string, DomainException, number, string, Record<string, unknown>]>([
      [
        'CoreException NotFound',
        new CoreException(CoreErrorCode.NotFound, 'Consortium not found'),
        404,
        'Not Found',
        { code: 'not_found' },
      ],
      [
        'CoreException Conflict',
        new CoreException(CoreErrorCode.Conflict, 'Already exists'),
        409,
        'Conflict',
        { code: 'conflict' },
      ],
      [
        'CoreException InvalidInput',
        new CoreException(CoreErrorCode.InvalidInput, 'Bad cursor'),
        422,
        'Unprocessable Entity',
        { code: 'invalid_input' },
      ],
      [
        'CoreException Forbidden',
        new CoreException(CoreErrorCode.Forbidden, 'No'),
        403,
        'Forbidden',
        { code: 'forbidden' },
      ],
      [
        'CoreException Unauthenticated',
        new CoreException(CoreErrorCode.Unauthenticated, 'Log in'),
        401,
        'Unauthorized',
        { code: 'unauthenticated' },
      ],
      [
        'CoreException ServiceUnavailable',
        new CoreException(CoreErrorCode.ServiceUnavailable, 'Later'),
        503,
        'Service Unavailable',
        { code: 'service_unavailable' },
      ],
      [
        'CoreException with details',
        new CoreException(CoreErrorCode.NotFound, 'Job not found', { jobId: 'j-1' }),
        404,
        'Not Found',
        { code: 'not_found', jobId: 'j-1' },
      ],
      [
        'another context’s exception',
        new ShelfException(ShelfCode.Locked, 'Shelf is locked', { shelf: 7 }),
        423,
        'Locked',
        { code: 'shelf_locked', shelf: 7 },
      ],
    ])('%s → its status, message and details.code', (_label, exception, status, error, details) => {
      expect(filter.toBody(exception, REQUEST_ID)).toEqual({
        statusCode: status,
        error,
        message: exception.message,
        details,
        requestId: REQUEST_ID,
      });
    });
  });

  describe('HTTP exceptions', () => {
    it.each<[string, HttpException, number, string, string, Record<string, unknown> | undefined]>([
      [
        'BadRequestException with {message, details}',
        new BadRequestException({
          message: 'name must be a string',
          details: { code: 'validation_failed', fields: [{ field: 'name', problems: ['name must be a string'] }] },
        }),
        400,
        'Bad Request',
        'name must be a string',
        { code: 'validation_failed', fields: [{ field: 'name', problems: ['name must be a string'] }] },
      ],
      [
        'BadRequestException with an array message',
        new BadRequestException(['a is bad', 'b is bad']),
        400,
        'Bad Request',
        'a is bad; b is bad',
        undefined,
      ],
      [
        'BadRequestException without arguments',
        new BadRequestException(),
        400,
        'Bad Request',
        'Bad Request',
        undefined,
      ],
      [
        'NotFoundException with a string',
        new NotFoundException('No such route'),
        404,
        'Not Found',
        'No such route',
        undefined,
      ],
      ['ForbiddenException', new ForbiddenException(), 403, 'Forbidden', 'Forbidden', undefined],
      [
        'ConflictException with an object lacking message',
        new ConflictException({ details: { code: 'dup' } }),
        409,
        'Conflict',
        'Conflict Exception',
        { code: 'dup' },
      ],
      [
        'PayloadTooLargeException',
        new PayloadTooLargeException('Too big'),
        413,
        'Payload Too Large',
        'Too big',
        undefined,
      ],
      [
        'HttpException with a string response',
        new HttpException('I refuse', 418),
        418,
        "I'm a Teapot",
        'I refuse',
        undefined,
      ],
      ['HttpException with an unknown status', new HttpException('Odd', 499), 499, 'Error', 'Odd', undefined],
    ])('%s', (_label, exception, status, error, message, details) => {
      expect(filter.toBody(exception, REQUEST_ID)).toEqual({
        statusCode: status,
        error,
        message,
        details,
        requestId: REQUEST_ID,
      });
    });
  });

  describe('Fastify client errors', () => {
    const fastifyError = (code: string, statusCode: number, message: string) =>
      Object.assign(new Error(message), { code, statusCode });

    it.each([
      [
        'FST_ERR_CTP_BODY_TOO_LARGE',
        413,
        'Request body is too large',
        'Payload Too Large',
        'Request body is too large',
      ],
      [
        'FST_ERR_CTP_EMPTY_JSON_BODY',
        400,
        "Body cannot be empty when content-type is set to 'application/json'",
        'Bad Request',
        'Request body is empty but content-type is application/json',
      ],
      [
        'FST_ERR_CTP_INVALID_JSON_BODY',
        400,
        'Unexpected token } in JSON at position 5',
        'Bad Request',
        'Malformed JSON body: Unexpected token } in JSON at position 5',
      ],
      [
        'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
        400,
        'Request body size did not match Content-Length',
        'Bad Request',
        'Request body size did not match Content-Length',
      ],
    ])('%s (%d, %p) → %s: %p', (code, statusCode, original, error, message) => {
      expect(filter.toBody(fastifyError(code, statusCode, original), REQUEST_ID)).toEqual({
        statusCode,
        error,
        message,
        details: { code },
        requestId: REQUEST_ID,
      });
    });

    it('answers the Fastify error Nest wrapped in an HttpException (its cause)', () => {
      const cause = Object.assign(new Error('Unsupported Media Type'), {
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        statusCode: 415,
      });
      const wrapped = new HttpException('Unsupported Media Type', 415, { cause });
      expect(filter.toBody(wrapped, REQUEST_ID)).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Unsupported content type (none): this route accepts application/json',
        details: { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', accepted: ['application/json'] },
        requestId: REQUEST_ID,
      });
    });

    it.each([
      ['a plain object', { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'x' }, 413],
      [
        'an Error with the fields added',
        Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
        415,
      ],
    ])('recognises %s', (_label, error, status) => {
      expect(filter.toBody(error, REQUEST_ID).statusCode).toBe(status);
    });
  });

  describe('415: which content types the route accepts', () => {
    const unsupported = (message: string) =>
      Object.assign(new Error(message), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    const SHEETS = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];

    it.each<
      [string, unknown, { acceptedContentTypes?: string[]; contentType?: string }, string, Record<string, unknown>]
    >([
      [
        'a JSON route sent text/plain (Fastify does not name the type; the request does)',
        unsupported('Unsupported Media Type'),
        { contentType: 'text/plain' },
        'Unsupported content type "text/plain": this route accepts application/json',
        { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', accepted: ['application/json'] },
      ],
      [
        'a JSON route sent text/plain',
        unsupported('Unsupported Media Type: text/plain'),
        {},
        'Unsupported content type "text/plain": this route accepts application/json',
        { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', accepted: ['application/json'] },
      ],
      [
        'a JSON route sent no content type',
        unsupported('Unsupported Media Type'),
        {},
        'Unsupported content type (none): this route accepts application/json',
        { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', accepted: ['application/json'] },
      ],
      [
        'an upload route sent text/plain',
        unsupported('Unsupported Media Type: text/plain'),
        { acceptedContentTypes: SHEETS },
        `Unsupported content type "text/plain": this route accepts ${SHEETS[0]} or text/csv`,
        { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', accepted: SHEETS },
      ],
      [
        'an upload route refusing JSON itself',
        new UnsupportedMediaTypeException('Send the file as the body, as xlsx or csv'),
        { acceptedContentTypes: SHEETS },
        'Send the file as the body, as xlsx or csv',
        { accepted: SHEETS },
      ],
    ])('%s', (_label, exception, route, message, details) => {
      expect(filter.toBody(exception, REQUEST_ID, route)).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message,
        details,
        requestId: REQUEST_ID,
      });
    });
  });

  describe('anything else is a 500 that reveals nothing', () => {
    const SECRET_TEXT = 'password authentication failed for user "owner" at 10.0.0.5';

    it.each<[string, unknown]>([
      ['an Error', new Error(SECRET_TEXT)],
      ['a TypeError', new TypeError(SECRET_TEXT)],
      ['a thrown string', SECRET_TEXT],
      ['a thrown object', { message: SECRET_TEXT }],
      ['undefined', undefined],
      ['null', null],
      ['a Fastify 5xx error', Object.assign(new Error(SECRET_TEXT), { code: 'FST_ERR_SOMETHING', statusCode: 500 })],
      [
        'a non-Fastify code with a 4xx status',
        Object.assign(new Error(SECRET_TEXT), { code: 'ECONNRESET', statusCode: 400 }),
      ],
      ['a Fastify code with a string status', { code: 'FST_ERR_X', statusCode: '413', message: SECRET_TEXT }],
    ])('%s', (_label, exception) => {
      const body = filter.toBody(exception, REQUEST_ID);
      expect(body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'An unexpected error occurred; it has been logged with this request id',
        requestId: REQUEST_ID,
      });
      const serialized = JSON.stringify(body);
      expect(serialized).not.toContain(SECRET_TEXT);
      expect(serialized).not.toContain('password');
      expect(serialized).not.toMatch(/\bat .+:\d+:\d+/);
      expect(body).not.toHaveProperty('stack');
      expect(body).not.toHaveProperty('details');
    });
  });

  it.each<[string, unknown]>([
    ['domain', new CoreException(CoreErrorCode.NotFound, 'x')],
    ['http', new BadRequestException('x')],
    ['fastify', { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'x' }],
    ['unknown', new Error('x')],
  ])('always echoes the request id (%s error)', (_label, exception) => {
    for (const requestId of ['6f1c0a9e-3c1e-4a47-9a0c-0f3f5a0e2b1d', 'client-supplied.id:1']) {
      expect(filter.toBody(exception, requestId).requestId).toBe(requestId);
    }
  });
});
