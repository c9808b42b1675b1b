"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllExceptionsFilter = void 0;
const common_1 = require("@nestjs/common");
const node_http_1 = require("node:http");
const domain_exception_1 = require("./domain.exception");
function isFastifyClientError(error) {
    const candidate = error;
    return (typeof candidate?.code === 'string' &&
        candidate.code.startsWith('FST_') &&
        typeof candidate.statusCode === 'number' &&
        candidate.statusCode >= 400 &&
        candidate.statusCode < 500);
}
function fastifyMessage(error) {
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
let AllExceptionsFilter = class AllExceptionsFilter {
    logger = new common_1.Logger('HttpError');
    catch(exception, host) {
        const http = host.switchToHttp();
        const request = http.getRequest();
        const reply = http.getResponse();
        const body = this.toBody(exception, String(request.id));
        if (body.statusCode >= 500) {
            this.logger.error({ err: exception, requestId: request.id, method: request.method, url: request.url }, exception instanceof Error ? exception.stack : String(exception));
        }
        void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
    }
    toBody(exception, requestId) {
        if (exception instanceof domain_exception_1.DomainException) {
            const status = exception.httpStatus;
            return {
                statusCode: status,
                error: node_http_1.STATUS_CODES[status] ?? 'Error',
                message: exception.message,
                details: { code: exception.code, ...exception.details },
                requestId,
            };
        }
        if (exception instanceof common_1.HttpException) {
            const status = exception.getStatus();
            const response = exception.getResponse();
            let message = exception.message;
            let details;
            if (typeof response === 'object' && response !== null) {
                const payload = response;
                if (Array.isArray(payload.message))
                    message = payload.message.join('; ');
                else if (typeof payload.message === 'string')
                    message = payload.message;
                details = payload.details;
            }
            else if (typeof response === 'string') {
                message = response;
            }
            return { statusCode: status, error: node_http_1.STATUS_CODES[status] ?? 'Error', message, details, requestId };
        }
        if (isFastifyClientError(exception)) {
            const status = exception.statusCode;
            return {
                statusCode: status,
                error: node_http_1.STATUS_CODES[status] ?? 'Error',
                message: fastifyMessage(exception),
                details: { code: exception.code },
                requestId,
            };
        }
        return {
            statusCode: common_1.HttpStatus.INTERNAL_SERVER_ERROR,
            error: 'Internal Server Error',
            message: 'An unexpected error occurred; it has been logged with this request id',
            requestId,
        };
    }
};
exports.AllExceptionsFilter = AllExceptionsFilter;
exports.AllExceptionsFilter = AllExceptionsFilter = __decorate([
    (0, common_1.Catch)()
], AllExceptionsFilter);
//# sourceMappingURL=all-exceptions.filter.js.map