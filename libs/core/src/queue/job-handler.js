"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HandlesJob = exports.JOB_HANDLER_METADATA = void 0;
const common_1 = require("@nestjs/common");
exports.JOB_HANDLER_METADATA = 'chanjiao:job-handler';
/** Marks a provider as the (only) handler of a job name; checked when the worker boots. */
const HandlesJob = (name) => (0, common_1.SetMetadata)(exports.JOB_HANDLER_METADATA, name);
exports.HandlesJob = HandlesJob;
//# sourceMappingURL=job-handler.js.map