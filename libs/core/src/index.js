"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
// Public surface of the shared plumbing. Contexts import from '@chanjiao/core' only.
__exportStar(require("./config/app-config"), exports);
__exportStar(require("./config/config.module"), exports);
__exportStar(require("./config/environment"), exports);
__exportStar(require("./context/request-context"), exports);
__exportStar(require("./database/data-source-options"), exports);
__exportStar(require("./database/database-roles"), exports);
__exportStar(require("./database/database.module"), exports);
__exportStar(require("./database/snake-naming.strategy"), exports);
__exportStar(require("./database/tenant-settings"), exports);
__exportStar(require("./database/transaction.service"), exports);
__exportStar(require("./errors/all-exceptions.filter"), exports);
__exportStar(require("./errors/domain.exception"), exports);
__exportStar(require("./errors/error-body"), exports);
__exportStar(require("./errors/validation"), exports);
__exportStar(require("./health/health.module"), exports);
__exportStar(require("./http/create-http-app"), exports);
__exportStar(require("./http/request-context.util"), exports);
__exportStar(require("./logging/logger"), exports);
__exportStar(require("./meta/enum-labels"), exports);
__exportStar(require("./meta/meta.module"), exports);
__exportStar(require("./queue/job-handler"), exports);
__exportStar(require("./queue/job-handler.registry"), exports);
__exportStar(require("./queue/job-names"), exports);
__exportStar(require("./queue/job-status.dto"), exports);
__exportStar(require("./queue/job-status.service"), exports);
__exportStar(require("./queue/outbox-message.entity"), exports);
__exportStar(require("./queue/outbox-relay.service"), exports);
__exportStar(require("./queue/outbox.service"), exports);
__exportStar(require("./queue/queue-connection"), exports);
__exportStar(require("./queue/queue.module"), exports);
__exportStar(require("./database/migrator"), exports);
__exportStar(require("./database/embedded-postgres"), exports);
__exportStar(require("./config/boot"), exports);
//# sourceMappingURL=index.js.map