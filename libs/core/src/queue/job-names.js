"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALL_QUEUE_NAMES = exports.ALL_JOB_NAMES = exports.JOB_QUEUE = exports.JobName = exports.QueueName = void 0;
/**
 * Queue and job names are persisted (in the outbox and in BullMQ): never rename
 * one casually. Every job name belongs to exactly one queue, and its payload
 * type lives in `JobPayloads` below.
 */
var QueueName;
(function (QueueName) {
    QueueName["Consortia"] = "consortia";
})(QueueName || (exports.QueueName = QueueName = {}));
var JobName;
(function (JobName) {
    /** Creates (or completes) the demo consortium; idempotent. */
    JobName["SeedDemoConsortium"] = "consortia.seed-demo";
})(JobName || (exports.JobName = JobName = {}));
exports.JOB_QUEUE = {
    [JobName.SeedDemoConsortium]: QueueName.Consortia,
};
exports.ALL_JOB_NAMES = Object.values(JobName);
exports.ALL_QUEUE_NAMES = Object.values(QueueName);
//# sourceMappingURL=job-names.js.map