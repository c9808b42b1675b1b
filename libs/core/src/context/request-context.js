"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsortiumRole = void 0;
exports.systemContext = systemContext;
exports.forConsortium = forConsortium;
const node_crypto_1 = require("node:crypto");
/** Roles a user can hold in a consortium (see DESIGN.md, "Who uses it"). */
var ConsortiumRole;
(function (ConsortiumRole) {
    ConsortiumRole["Secretariat"] = "secretariat";
    ConsortiumRole["Member"] = "member";
    ConsortiumRole["Observer"] = "observer";
})(ConsortiumRole || (exports.ConsortiumRole = ConsortiumRole = {}));
function systemContext(fields = {}) {
    return { requestId: fields.requestId ?? `system-${(0, node_crypto_1.randomUUID)()}`, consortiumId: fields.consortiumId };
}
function forConsortium(ctx, consortiumId) {
    return { ...ctx, consortiumId };
}
//# sourceMappingURL=request-context.js.map