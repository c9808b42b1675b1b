import { randomUUID } from 'node:crypto';
import { RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { LogController } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { AppConfig } from '../config/app-config';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { answerFrameworkError, createClientErrorHandler } from '../errors/framework-errors';
import { createValidationPipe } from '../errors/validation';
import { createRootLogger, logScope, PinoLoggerService } from '../logging/logger';
import { declarePathParameters } from './openapi-path-parameters';
import { findConsoleDir, serveConsole } from './serve-console';

export const API_PREFIX = 'api/v1';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a well-formed `X-Request-Id` from the caller, otherwise mints one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

/**
 * The headers helmet's middleware sets, with the policy of this API: Swagger UI needs inline
 * scripts and styles; everything else keeps helmet's defaults. Recorded once from helmet itself.
 */
export function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  })({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

/**
 * Builds the HTTP application around a root module: Fastify, global prefix,
 * validation, the one error body, request ids in headers and logs, security
 * headers, CORS, OpenAPI. Used by the API's main, by e2e tests and by benchmarks.
 */
export async function createHttpApp(
  rootModule: Type | ReturnType<typeof Object>,
  config: AppConfig,
  logger: PinoLogger,
): Promise<NestFastifyApplication> {
  const httpLogger = createRootLogger(config.log, 'chanjiao-api', { forHttp: true }).child({ component: 'http' });
  const adapter = new FastifyAdapter({
    loggerInstance: httpLogger,
    // What Node's parser or Fastify's router refuse gets the one error body with a request id too.
    clientErrorHandler: createClientErrorHandler(httpLogger),
    frameworkErrors: answerFrameworkError,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.http.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFrom(request.headers['x-request-id']),
    trustProxy: (() => {
      const trust = config.http.trustProxy;
      // A hop count: believe that many proxies nearest to us.
      return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
    })(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new PinoLoggerService(logger),
    // Fastify's own JSON parser only: Nest would add an urlencoded form parser, and the API speaks JSON.
    bodyParser: false,
  });

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON; a text body is a client mistake (415), not a string to validate.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    // Every log line written while this request is handled carries its id.
    logScope.enterWith({ requestId: String(request.id) });
    done();
  });

  // Helmet's security headers, computed once (no per-request options, no CSP nonces):
  // `@fastify/helmet` would rebuild helmet's middleware and re-parse the CSP on every request.
  const securityHeaders = helmetHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
  if (config.http.corsOrigins !== false) {
    app.enableCors({
      origin: config.http.corsOrigins,
      credentials: config.http.corsOrigins !== '*',
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
    });
  }

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = declarePathParameters(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Chanjiao API')
        .setDescription('市域产教联合体管理平台 · Municipal industry–education consortium platform')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  await serveConsole(app, findConsoleDir());
  return app;
}
