"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createQueueProcessor = createQueueProcessor;
const bullmq_1 = require("@nestjs/bullmq");
const job_runner_service_1 = require("./job-runner.service");
/**
 * One BullMQ worker per queue, all delegating to the JobRunner; contexts only
 * write `@HandlesJob` handlers. Built per queue because worker options are static
 * decorator metadata in @nestjs/bullmq.
 */
function createQueueProcessor(queue, tuning) {
    let QueueProcessor = class QueueProcessor extends bullmq_1.WorkerHost {
        runner;
        constructor(runner) {
            super();
            this.runner = runner;
        }
        process(job) {
            return this.runner.run(job);
        }
    };
    QueueProcessor = __decorate([
        (0, bullmq_1.Processor)(queue, {
            concurrency: tuning.concurrency,
            lockDuration: tuning.lockDurationMs,
            stalledInterval: tuning.stalledIntervalMs,
            maxStalledCount: 2,
            autorun: true,
        }),
        __metadata("design:paramtypes", [job_runner_service_1.JobRunner])
    ], QueueProcessor);
    Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor` });
    return QueueProcessor;
}
//# sourceMappingURL=queue-processor.factory.js.map