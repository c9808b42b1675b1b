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
exports.OutboxMessage = void 0;
const typeorm_1 = require("typeorm");
/**
 * A job requested by a committed change. Written in the same transaction as the
 * change; the worker's relay moves it to BullMQ (job id = this row's id) and the
 * job runner records completion here, so a re-sent message never runs twice.
 */
let OutboxMessage = class OutboxMessage {
    id;
    consortiumId;
    queue;
    jobName;
    payload;
    requestedBy;
    requestId;
    createdAt;
    /** Not before this time (the relay backs off here while the queue backend is down). */
    availableAt;
    dispatchedAt;
    dispatchAttempts;
    lastDispatchError;
    completedAt;
    result;
};
exports.OutboxMessage = OutboxMessage;
__decorate([
    (0, typeorm_1.PrimaryColumn)('uuid'),
    __metadata("design:type", String)
], OutboxMessage.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "consortiumId", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], OutboxMessage.prototype, "queue", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], OutboxMessage.prototype, "jobName", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb'),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)('uuid', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "requestedBy", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "requestId", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], OutboxMessage.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { default: () => 'now()' }),
    __metadata("design:type", Date)
], OutboxMessage.prototype, "availableAt", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "dispatchedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('int', { default: 0 }),
    __metadata("design:type", Number)
], OutboxMessage.prototype, "dispatchAttempts", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "lastDispatchError", void 0);
__decorate([
    (0, typeorm_1.Column)('timestamptz', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "completedAt", void 0);
__decorate([
    (0, typeorm_1.Column)('jsonb', { nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "result", void 0);
exports.OutboxMessage = OutboxMessage = __decorate([
    (0, typeorm_1.Entity)({ name: 'outbox_message' })
], OutboxMessage);
//# sourceMappingURL=outbox-message.entity.js.map