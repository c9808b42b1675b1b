"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestContextOf = requestContextOf;
/** The request context of an HTTP request (request id, client IP, and — once resolved — tenant and actor). */
function requestContextOf(request) {
    return request.chanjiaoContext ?? { requestId: String(request.id), ip: request.ip };
}
//# sourceMappingURL=request-context.util.js.map