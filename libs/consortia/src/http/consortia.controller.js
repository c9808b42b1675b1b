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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsortiaController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const core_1 = require("../../../core/src/index.js");
const consortium_dto_1 = require("../dto/consortium.dto");
const consortia_exception_1 = require("../exceptions/consortia.exception");
const consortia_service_1 = require("../services/consortia.service");
const demo_seed_service_1 = require("../services/demo-seed.service");
let ConsortiaController = class ConsortiaController {
    consortia;
    demo;
    config;
    constructor(consortia, demo, config) {
        this.consortia = consortia;
        this.demo = demo;
        this.config = config;
    }
    async get(request, consortiumId) {
        return consortium_dto_1.ConsortiumDto.from(await this.consortia.get((0, core_1.requestContextOf)(request), consortiumId));
    }
    async seedDemo(request) {
        if (!this.config.demoMode) {
            throw new consortia_exception_1.ConsortiaException(consortia_exception_1.ConsortiaErrorCode.DemoDisabled, 'Demo mode is off (set DEMO_MODE=true)');
        }
        const job = await this.demo.requestSeed((0, core_1.requestContextOf)(request));
        return { jobId: job.jobId, name: job.name, statusUrl: `/${core_1.API_PREFIX}/jobs/${job.jobId}` };
    }
};
exports.ConsortiaController = ConsortiaController;
__decorate([
    (0, common_1.Get)('consortia/:consortiumId'),
    (0, swagger_1.ApiOperation)({ summary: 'Consortium profile' }),
    (0, swagger_1.ApiOkResponse)({ type: consortium_dto_1.ConsortiumDto }),
    (0, swagger_1.ApiNotFoundResponse)({ type: core_1.ErrorBody }),
    __param(0, (0, common_1.Req)()),
    __param(1, (0, common_1.Param)('consortiumId', new common_1.ParseUUIDPipe())),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], ConsortiaController.prototype, "get", null);
__decorate([
    (0, common_1.Post)('demo/seed'),
    (0, common_1.HttpCode)(common_1.HttpStatus.ACCEPTED),
    (0, swagger_1.ApiOperation)({ summary: 'Seed (or complete) the demo consortium in the background — demo mode only' }),
    (0, swagger_1.ApiAcceptedResponse)({ type: core_1.JobAcceptedDto }),
    (0, swagger_1.ApiNotFoundResponse)({ type: core_1.ErrorBody, description: 'Demo mode is off' }),
    __param(0, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], ConsortiaController.prototype, "seedDemo", null);
exports.ConsortiaController = ConsortiaController = __decorate([
    (0, swagger_1.ApiTags)('consortia'),
    (0, common_1.Controller)(),
    __param(2, (0, common_1.Inject)(core_1.APP_CONFIG)),
    __metadata("design:paramtypes", [consortia_service_1.ConsortiaService,
        demo_seed_service_1.DemoSeedService, Object])
], ConsortiaController);
//# sourceMappingURL=consortia.controller.js.map