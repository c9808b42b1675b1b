"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsortiaException = exports.ConsortiaErrorCode = void 0;
const core_1 = require("../../../core/src/index.js");
var ConsortiaErrorCode;
(function (ConsortiaErrorCode) {
    ConsortiaErrorCode["ConsortiumNotFound"] = "consortium_not_found";
    ConsortiaErrorCode["DemoDisabled"] = "demo_disabled";
})(ConsortiaErrorCode || (exports.ConsortiaErrorCode = ConsortiaErrorCode = {}));
const STATUS = {
    [ConsortiaErrorCode.ConsortiumNotFound]: 404,
    [ConsortiaErrorCode.DemoDisabled]: 404,
};
class ConsortiaException extends core_1.DomainException {
    statusByCode = STATUS;
}
exports.ConsortiaException = ConsortiaException;
//# sourceMappingURL=consortia.exception.js.map