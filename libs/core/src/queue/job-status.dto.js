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
exports.JobAcceptedDto = exports.JobStatusDto = exports.JOB_STATES = void 0;
const swagger_1 = require("@nestjs/swagger");
exports.JOB_STATES = ['pending_dispatch', 'waiting', 'delayed', 'active', 'completed', 'failed', 'unknown'];
class JobStatusDto {
    id;
    name;
    state;
    progress;
    result;
    failedReason;
    attemptsMade;
    createdAt;
    finishedAt;
}
exports.JobStatusDto = JobStatusDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], JobStatusDto.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'consortia.seed-demo' }),
    __metadata("design:type", String)
], JobStatusDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: exports.JOB_STATES }),
    __metadata("design:type", String)
], JobStatusDto.prototype, "state", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ minimum: 0, maximum: 100 }),
    __metadata("design:type", Number)
], JobStatusDto.prototype, "progress", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true, nullable: true }),
    __metadata("design:type", Object)
], JobStatusDto.prototype, "result", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ nullable: true }),
    __metadata("design:type", Object)
], JobStatusDto.prototype, "failedReason", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], JobStatusDto.prototype, "attemptsMade", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], JobStatusDto.prototype, "createdAt", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], JobStatusDto.prototype, "finishedAt", void 0);
/** Answer of every endpoint that starts background work (HTTP 202). */
class JobAcceptedDto {
    jobId;
    name;
    statusUrl;
}
exports.JobAcceptedDto = JobAcceptedDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', description: 'Poll GET /api/v1/jobs/{jobId}' }),
    __metadata("design:type", String)
], JobAcceptedDto.prototype, "jobId", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'consortia.seed-demo' }),
    __metadata("design:type", String)
], JobAcceptedDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '/api/v1/jobs/6f1c0a9e-3c1e-4a47-9a0c-0f3f5a0e2b1d' }),
    __metadata("design:type", String)
], JobAcceptedDto.prototype, "statusUrl", void 0);
//# sourceMappingURL=job-status.dto.js.map