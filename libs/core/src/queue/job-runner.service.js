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
var JobRunner_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobRunner = void 0;
const common_1 = require("@nestjs/common");
const bullmq_1 = require("bullmq");
const typeorm_1 = require("typeorm");
const request_context_1 = require("../context/request-context");
const transaction_service_1 = require("../database/transaction.service");
const logger_1 = require("../logging/logger");
const job_handler_registry_1 = require("./job-handler.registry");
const outbox_message_entity_1 = require("./outbox-message.entity");
/**
 * Runs one BullMQ job through its handler. The outbox row is the ledger: a job
 * whose row is already completed returns the stored result instead of running
 * again, so a message re-sent by the relay never does its work twice.
 */
let JobRunner = JobRunner_1 = class JobRunner {
    registry;
    tx;
    logger = new common_1.Logger(JobRunner_1.name);
    constructor(registry, tx) {
        this.registry = registry;
        this.tx = tx;
    }
    async run(job) {
        const jobId = String(job.id);
        return logger_1.logScope.run({ requestId: `job:${jobId}` }, async () => {
            const handler = this.registry.get(job.name);
            if (!handler)
                throw new bullmq_1.UnrecoverableError(`No handler for job "${job.name}"`);
            const ledger = await this.tx.run((0, request_context_1.systemContext)(), (m) => m.findOne(outbox_message_entity_1.OutboxMessage, { where: { id: jobId } }));
            if (ledger?.completedAt) {
                this.logger.log(`Job ${job.name} ${jobId} already completed; not running it again`);
                return ledger.result;
            }
            const payload = job.data;
            const ctx = (0, request_context_1.systemContext)({ consortiumId: payload.consortiumId, requestId: `job:${jobId}` });
            this.logger.log(`Job ${job.name} ${jobId} started (attempt ${job.attemptsMade + 1})`);
            const result = await handler.handle(ctx, job.data, {
                jobId,
                attempt: job.attemptsMade + 1,
                reportProgress: async (percent) => {
                    await job.updateProgress(Math.max(0, Math.min(100, Math.round(percent))));
                },
            });
            await this.tx.run((0, request_context_1.systemContext)(), (m) => m.update(outbox_message_entity_1.OutboxMessage, { id: jobId, completedAt: (0, typeorm_1.IsNull)() }, { completedAt: () => 'now()', result: result }));
            await job.updateProgress(100);
            this.logger.log(`Job ${job.name} ${jobId} completed`);
            return result;
        });
    }
};
exports.JobRunner = JobRunner;
exports.JobRunner = JobRunner = JobRunner_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_handler_registry_1.JobHandlerRegistry,
        transaction_service_1.TransactionService])
], JobRunner);
//# sourceMappingURL=job-runner.service.js.map