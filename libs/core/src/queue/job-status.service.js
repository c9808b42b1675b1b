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
exports.JobStatusService = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const bullmq_1 = require("@nestjs/bullmq");
const transaction_service_1 = require("../database/transaction.service");
const domain_exception_1 = require("../errors/domain.exception");
const outbox_message_entity_1 = require("./outbox-message.entity");
/** Reads a job's state from its outbox row and, once dispatched, from BullMQ. */
let JobStatusService = class JobStatusService {
    tx;
    moduleRef;
    constructor(tx, moduleRef) {
        this.tx = tx;
        this.moduleRef = moduleRef;
    }
    async get(ctx, jobId) {
        const message = await this.tx.run(ctx, (m) => m.findOne(outbox_message_entity_1.OutboxMessage, { where: { id: jobId } }));
        if (!message || !this.visibleTo(ctx, message)) {
            throw new domain_exception_1.CoreException(domain_exception_1.CoreErrorCode.NotFound, `Job ${jobId} not found`);
        }
        const base = {
            id: message.id,
            name: message.jobName,
            createdAt: message.createdAt.toISOString(),
        };
        if (!message.dispatchedAt) {
            return {
                ...base,
                state: 'pending_dispatch',
                progress: 0,
                result: null,
                failedReason: message.lastDispatchError,
                attemptsMade: 0,
                finishedAt: null,
            };
        }
        const queue = this.moduleRef.get((0, bullmq_1.getQueueToken)(message.queue), { strict: false });
        const job = await queue.getJob(message.id);
        if (!job) {
            // Removed by retention: the outbox ledger still knows whether it completed.
            return {
                ...base,
                state: message.completedAt ? 'completed' : 'unknown',
                progress: message.completedAt ? 100 : 0,
                result: message.result,
                failedReason: null,
                attemptsMade: 0,
                finishedAt: message.completedAt?.toISOString() ?? null,
            };
        }
        const state = (await job.getState());
        const progress = typeof job.progress === 'number' ? job.progress : 0;
        return {
            ...base,
            state: normaliseState(state),
            progress: state === 'completed' ? 100 : progress,
            result: job.returnvalue ?? null,
            failedReason: job.failedReason || null,
            attemptsMade: job.attemptsMade,
            finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        };
    }
    /** Tenant jobs are visible only within their consortium (platform admins see all). */
    visibleTo(ctx, message) {
        if (!message.consortiumId || ctx.actor?.platformAdmin || !ctx.actor)
            return true;
        return ctx.consortiumId === message.consortiumId;
    }
};
exports.JobStatusService = JobStatusService;
exports.JobStatusService = JobStatusService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_service_1.TransactionService,
        core_1.ModuleRef])
], JobStatusService);
function normaliseState(state) {
    switch (state) {
        case 'waiting':
        case 'waiting-children':
        case 'prioritized':
            return 'waiting';
        case 'delayed':
        case 'active':
        case 'completed':
        case 'failed':
            return state;
        default:
            return 'unknown';
    }
}
//# sourceMappingURL=job-status.service.js.map