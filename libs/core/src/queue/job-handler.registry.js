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
exports.JobHandlerRegistry = exports.JobHandlerRegistrationError = void 0;
exports.checkHandlerCoverage = checkHandlerCoverage;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const job_names_1 = require("./job-names");
const job_handler_1 = require("./job-handler");
class JobHandlerRegistrationError extends Error {
}
exports.JobHandlerRegistrationError = JobHandlerRegistrationError;
/** Finds every `@HandlesJob` provider and insists on exactly one handler per job name. */
let JobHandlerRegistry = class JobHandlerRegistry {
    discovery;
    reflector;
    handlers = new Map();
    constructor(discovery, reflector) {
        this.discovery = discovery;
        this.reflector = reflector;
    }
    onModuleInit() {
        const found = new Map();
        for (const wrapper of this.discovery.getProviders()) {
            if (!wrapper.metatype || !wrapper.instance)
                continue;
            const name = this.reflector.get(job_handler_1.JOB_HANDLER_METADATA, wrapper.metatype);
            if (!name)
                continue;
            found.set(name, [...(found.get(name) ?? []), wrapper.name]);
            this.handlers.set(name, wrapper.instance);
        }
        const problems = checkHandlerCoverage(job_names_1.ALL_JOB_NAMES, found);
        if (problems.length > 0) {
            throw new JobHandlerRegistrationError(`Worker cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        }
    }
    get(name) {
        return this.handlers.get(name);
    }
};
exports.JobHandlerRegistry = JobHandlerRegistry;
exports.JobHandlerRegistry = JobHandlerRegistry = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.DiscoveryService,
        core_1.Reflector])
], JobHandlerRegistry);
/** Pure check, unit-tested: every job name has exactly one handler, and no handler names an unknown job. */
function checkHandlerCoverage(expected, found) {
    const problems = [];
    for (const name of expected) {
        const handlers = found.get(name) ?? [];
        if (handlers.length === 0)
            problems.push(`job "${name}" has no handler`);
        if (handlers.length > 1)
            problems.push(`job "${name}" has ${handlers.length} handlers: ${handlers.join(', ')}`);
    }
    for (const name of found.keys()) {
        if (!expected.includes(name))
            problems.push(`handler for unknown job "${name}"`);
    }
    return problems;
}
//# sourceMappingURL=job-handler.registry.js.map