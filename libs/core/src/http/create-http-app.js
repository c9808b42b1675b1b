"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_PREFIX = void 0;
exports.requestIdFrom = requestIdFrom;
exports.createHttpApp = createHttpApp;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const swagger_1 = require("@nestjs/swagger");
const helmet_1 = __importDefault(require("@fastify/helmet"));
const all_exceptions_filter_1 = require("../errors/all-exceptions.filter");
const validation_1 = require("../errors/validation");
const logger_1 = require("../logging/logger");
exports.API_PREFIX = 'api/v1';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Accepts a well-formed `X-Request-Id` from the caller, otherwise mints one. */
function requestIdFrom(header) {
    const value = Array.isArray(header) ? header[0] : header;
    return value && REQUEST_ID_PATTERN.test(value) ? value : (0, node_crypto_1.randomUUID)();
}
/**
 * Builds the HTTP application around a root module: Fastify, global prefix,
 * validation, the one error body, request ids in headers and logs, security
 * headers, CORS, OpenAPI. Used by the API's main, by e2e tests and by benchmarks.
 */
async function createHttpApp(rootModule, config, logger) {
    const adapter = new platform_fastify_1.FastifyAdapter({
        loggerInstance: logger.child({ component: 'http' }),
        disableRequestLogging: config.log.level === 'silent',
        bodyLimit: config.http.bodyLimitBytes,
        requestIdHeader: false,
        genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
        trustProxy: true,
    });
    const app = await core_1.NestFactory.create(rootModule, adapter, {
        logger: new logger_1.PinoLoggerService(logger),
    });
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', (request, reply, done) => {
        void reply.header('x-request-id', request.id);
        // Every log line written while this request is handled carries its id.
        logger_1.logScope.enterWith({ requestId: String(request.id) });
        done();
    });
    await app.register(helmet_1.default, {
        // Swagger UI needs inline scripts/styles; everything else keeps helmet's defaults.
        contentSecurityPolicy: {
            directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'", "'unsafe-inline'"],
                styleSrc: ["'self'", "'unsafe-inline'"],
                imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
            },
        },
    });
    if (config.http.corsOrigins !== false) {
        app.enableCors({
            origin: config.http.corsOrigins,
            credentials: config.http.corsOrigins !== '*',
            exposedHeaders: ['X-Request-Id', 'Retry-After'],
        });
    }
    app.setGlobalPrefix(exports.API_PREFIX, {
        exclude: [
            { path: 'health/live', method: common_1.RequestMethod.GET },
            { path: 'health/ready', method: common_1.RequestMethod.GET },
        ],
    });
    app.useGlobalPipes((0, validation_1.createValidationPipe)());
    app.useGlobalFilters(new all_exceptions_filter_1.AllExceptionsFilter());
    app.enableShutdownHooks();
    const document = swagger_1.SwaggerModule.createDocument(app, new swagger_1.DocumentBuilder()
        .setTitle('Chanjiao API')
        .setDescription('市域产教联合体管理平台 · Municipal industry–education consortium platform')
        .setVersion('1')
        .addBearerAuth()
        .build());
    swagger_1.SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
    return app;
}
//# sourceMappingURL=create-http-app.js.map