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
exports.SeedDemoConsortiumHandler = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("../../../core/src/index.js");
const demo_seed_service_1 = require("../services/demo-seed.service");
let SeedDemoConsortiumHandler = class SeedDemoConsortiumHandler {
    demo;
    constructor(demo) {
        this.demo = demo;
    }
    async handle(ctx, _payload, execution) {
        await execution.reportProgress(10);
        return this.demo.seed(ctx);
    }
};
exports.SeedDemoConsortiumHandler = SeedDemoConsortiumHandler;
exports.SeedDemoConsortiumHandler = SeedDemoConsortiumHandler = __decorate([
    (0, common_1.Injectable)(),
    (0, core_1.HandlesJob)(core_1.JobName.SeedDemoConsortium),
    __metadata("design:paramtypes", [demo_seed_service_1.DemoSeedService])
], SeedDemoConsortiumHandler);
//# sourceMappingURL=seed-demo-consortium.handler.js.map