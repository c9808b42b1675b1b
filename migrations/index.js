"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1764201600000_platform_foundation_1 = require("./1764201600000-platform-foundation");
/** Every migration, in order. The only way the schema changes (synchronize is never on). */
exports.MIGRATIONS = [_1764201600000_platform_foundation_1.PlatformFoundation1764201600000];
//# sourceMappingURL=index.js.map