"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var QueueModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueueModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const bullmq_1 = require("@nestjs/bullmq");
const typeorm_1 = require("@nestjs/typeorm");
const job_names_1 = require("./job-names");
const job_handler_registry_1 = require("./job-handler.registry");
const job_runner_service_1 = require("./job-runner.service");
const job_status_service_1 = require("./job-status.service");
const jobs_controller_1 = require("./jobs.controller");
const outbox_message_entity_1 = require("./outbox-message.entity");
const outbox_relay_service_1 = require("./outbox-relay.service");
const outbox_service_1 = require("./outbox.service");
const queue_connection_1 = require("./queue-connection");
const queue_processor_factory_1 = require("./queue-processor.factory");
/**
 * BullMQ wiring. The API side can enqueue (outbox) and read job status; the
 * worker side also relays the outbox and runs one processor per queue.
 */
let QueueModule = QueueModule_1 = class QueueModule {
    static forApi(config) {
        return {
            module: QueueModule_1,
            global: true,
            imports: [
                typeorm_1.TypeOrmModule.forFeature([outbox_message_entity_1.OutboxMessage]),
                bullmq_1.BullModule.forRoot({ connection: (0, queue_connection_1.producerConnection)(config), defaultJobOptions: outbox_relay_service_1.DEFAULT_JOB_OPTIONS }),
                bullmq_1.BullModule.registerQueue(...job_names_1.ALL_QUEUE_NAMES.map((name) => ({ name }))),
            ],
            controllers: [jobs_controller_1.JobsController],
            providers: [outbox_service_1.OutboxService, job_status_service_1.JobStatusService],
            exports: [outbox_service_1.OutboxService, job_status_service_1.JobStatusService, bullmq_1.BullModule],
        };
    }
    static forWorker(config) {
        const tuning = {
            concurrency: config.queue.concurrency,
            lockDurationMs: config.queue.lockDurationMs,
            stalledIntervalMs: config.queue.stalledIntervalMs,
        };
        return {
            module: QueueModule_1,
            global: true,
            imports: [
                core_1.DiscoveryModule,
                typeorm_1.TypeOrmModule.forFeature([outbox_message_entity_1.OutboxMessage]),
                bullmq_1.BullModule.forRoot({ connection: (0, queue_connection_1.workerConnection)(config), defaultJobOptions: outbox_relay_service_1.DEFAULT_JOB_OPTIONS }),
                bullmq_1.BullModule.registerQueue(...job_names_1.ALL_QUEUE_NAMES.map((name) => ({ name }))),
            ],
            providers: [
                outbox_service_1.OutboxService,
                job_status_service_1.JobStatusService,
                job_handler_registry_1.JobHandlerRegistry,
                job_runner_service_1.JobRunner,
                outbox_relay_service_1.OutboxRelay,
                ...job_names_1.ALL_QUEUE_NAMES.map((name) => (0, queue_processor_factory_1.createQueueProcessor)(name, tuning)),
            ],
            exports: [outbox_service_1.OutboxService, job_status_service_1.JobStatusService, outbox_relay_service_1.OutboxRelay, bullmq_1.BullModule],
        };
    }
};
exports.QueueModule = QueueModule;
exports.QueueModule = QueueModule = QueueModule_1 = __decorate([
    (0, common_1.Module)({})
], QueueModule);
//# sourceMappingURL=queue.module.js.map