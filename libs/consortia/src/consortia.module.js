"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsortiaJobsModule = exports.ConsortiaHttpModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const consortium_entity_1 = require("./entities/consortium.entity");
const consortia_controller_1 = require("./http/consortia.controller");
const seed_demo_consortium_handler_1 = require("./jobs/seed-demo-consortium.handler");
const consortia_service_1 = require("./services/consortia.service");
const demo_seed_service_1 = require("./services/demo-seed.service");
require("./entities/consortium-status");
const services = [consortia_service_1.ConsortiaService, demo_seed_service_1.DemoSeedService];
/** HTTP side of the consortia context (composed by the API app). */
let ConsortiaHttpModule = class ConsortiaHttpModule {
};
exports.ConsortiaHttpModule = ConsortiaHttpModule;
exports.ConsortiaHttpModule = ConsortiaHttpModule = __decorate([
    (0, common_1.Module)({
        imports: [typeorm_1.TypeOrmModule.forFeature([consortium_entity_1.Consortium])],
        controllers: [consortia_controller_1.ConsortiaController],
        providers: services,
        exports: [consortia_service_1.ConsortiaService],
    })
], ConsortiaHttpModule);
/** Job side of the consortia context (composed by the worker app). */
let ConsortiaJobsModule = class ConsortiaJobsModule {
};
exports.ConsortiaJobsModule = ConsortiaJobsModule;
exports.ConsortiaJobsModule = ConsortiaJobsModule = __decorate([
    (0, common_1.Module)({
        imports: [typeorm_1.TypeOrmModule.forFeature([consortium_entity_1.Consortium])],
        providers: [...services, seed_demo_consortium_handler_1.SeedDemoConsortiumHandler],
        exports: [demo_seed_service_1.DemoSeedService],
    })
], ConsortiaJobsModule);
//# sourceMappingURL=consortia.module.js.map