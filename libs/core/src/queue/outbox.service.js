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
exports.OutboxService = void 0;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const transaction_service_1 = require("../database/transaction.service");
const job_names_1 = require("./job-names");
const outbox_message_entity_1 = require("./outbox-message.entity");
/**
 * Requests background work. The outbox row joins the caller's open transaction
 * (or opens one), so the job exists if and only if the change committed.
 */
let OutboxService = class OutboxService {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async enqueue(ctx, name, payload) {
        const id = (0, node_crypto_1.randomUUID)();
        await this.tx.run(ctx, (manager) => manager.insert(outbox_message_entity_1.OutboxMessage, {
            id,
            consortiumId: payload.consortiumId ?? ctx.consortiumId ?? null,
            queue: job_names_1.JOB_QUEUE[name],
            jobName: name,
            payload: payload,
            requestedBy: ctx.actor?.userId ?? null,
            requestId: ctx.requestId,
        }));
        return { jobId: id, name };
    }
};
exports.OutboxService = OutboxService;
exports.OutboxService = OutboxService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_service_1.TransactionService])
], OutboxService);
//# sourceMappingURL=outbox.service.js.map