"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REQUEST_ID_SETTING = exports.ACTOR_SETTING = exports.TENANT_SETTING = void 0;
/**
 * Names of the per-transaction settings row-level security policies read.
 * They are persisted in migrations' policy definitions: never rename casually.
 */
exports.TENANT_SETTING = 'app.consortium_id';
exports.ACTOR_SETTING = 'app.user_id';
exports.REQUEST_ID_SETTING = 'app.request_id';
//# sourceMappingURL=tenant-settings.js.map