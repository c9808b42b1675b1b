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
exports.QueueHealthIndicator = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const bullmq_1 = require("@nestjs/bullmq");
const terminus_1 = require("@nestjs/terminus");
const job_names_1 = require("../queue/job-names");
/** The queue backend answers when a cheap read on a queue succeeds in time (Redis or PostgreSQL alike). */
let QueueHealthIndicator = class QueueHealthIndicator {
    moduleRef;
    indicator;
    constructor(moduleRef, indicator) {
        this.moduleRef = moduleRef;
        this.indicator = indicator;
    }
    async check(key, timeoutMs = 2000) {
        const session = this.indicator.check(key);
        const queue = this.moduleRef.get((0, bullmq_1.getQueueToken)(job_names_1.ALL_QUEUE_NAMES[0]), { strict: false });
        let timer;
        try {
            await Promise.race([
                queue.getJobCounts('waiting'),
                new Promise((_, reject) => {
                    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
                }),
            ]);
            return session.up();
        }
        catch (error) {
            return session.down({ message: error.message });
        }
        finally {
            clearTimeout(timer);
        }
    }
};
exports.QueueHealthIndicator = QueueHealthIndicator;
exports.QueueHealthIndicator = QueueHealthIndicator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.ModuleRef,
        terminus_1.HealthIndicatorService])
], QueueHealthIndicator);
//# sourceMappingURL=queue.health.js.map