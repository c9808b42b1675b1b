"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CoreException = exports.CoreErrorCode = exports.DomainException = void 0;
/**
 * Base of every context's exception. Domain services throw these (never HTTP
 * exceptions); each context declares a code enum and an exhaustive
 * `Record<Code, ErrorStatus>` so adding a code without a status fails to compile.
 */
class DomainException extends Error {
    code;
    details;
    constructor(code, message, details) {
        super(message);
        this.code = code;
        this.details = details;
        this.name = new.target.name;
    }
    get httpStatus() {
        return this.statusByCode[this.code];
    }
}
exports.DomainException = DomainException;
var CoreErrorCode;
(function (CoreErrorCode) {
    CoreErrorCode["NotFound"] = "not_found";
    CoreErrorCode["Conflict"] = "conflict";
    CoreErrorCode["InvalidInput"] = "invalid_input";
    CoreErrorCode["Forbidden"] = "forbidden";
    CoreErrorCode["Unauthenticated"] = "unauthenticated";
    CoreErrorCode["ServiceUnavailable"] = "service_unavailable";
})(CoreErrorCode || (exports.CoreErrorCode = CoreErrorCode = {}));
const CORE_STATUS = {
    [CoreErrorCode.NotFound]: 404,
    [CoreErrorCode.Conflict]: 409,
    [CoreErrorCode.InvalidInput]: 422,
    [CoreErrorCode.Forbidden]: 403,
    [CoreErrorCode.Unauthenticated]: 401,
    [CoreErrorCode.ServiceUnavailable]: 503,
};
/** Errors of the shared plumbing (jobs, pagination, tenancy). */
class CoreException extends DomainException {
    statusByCode = CORE_STATUS;
}
exports.CoreException = CoreException;
//# sourceMappingURL=domain.exception.js.map