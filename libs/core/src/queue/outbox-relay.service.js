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
var OutboxRelay_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxRelay = exports.DEFAULT_JOB_OPTIONS = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const bullmq_1 = require("bullmq");
const typeorm_2 = require("typeorm");
const config_module_1 = require("../config/config.module");
const job_names_1 = require("./job-names");
const queue_connection_1 = require("./queue-connection");
exports.DEFAULT_JOB_OPTIONS = {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};
const BATCH_SIZE = 100;
const ADD_TIMEOUT_MS = 5000;
const MAX_BACKOFF_SECONDS = 60;
function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED (so
 * several workers can relay), added with `jobId` = outbox id (so a row re-sent
 * after a crash is deduplicated by BullMQ), and marked dispatched. While the
 * queue backend is down, rows stay pending and are retried with backoff.
 */
let OutboxRelay = OutboxRelay_1 = class OutboxRelay {
    dataSource;
    config;
    logger = new common_1.Logger(OutboxRelay_1.name);
    queues = new Map();
    timer;
    running;
    stopped = false;
    constructor(dataSource, config) {
        this.dataSource = dataSource;
        this.config = config;
    }
    onApplicationBootstrap() {
        for (const name of job_names_1.ALL_QUEUE_NAMES) {
            const queue = new bullmq_1.Queue(name, { connection: (0, queue_connection_1.producerConnection)(this.config), defaultJobOptions: exports.DEFAULT_JOB_OPTIONS });
            // Errors surface through failed adds; without a listener they would crash the process.
            queue.on('error', (error) => this.logger.debug(`queue ${name} connection: ${error.message}`));
            this.queues.set(name, queue);
        }
        this.schedule(0);
    }
    schedule(delayMs) {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.relayOnce()
                .then((result) => this.schedule(result.dispatched === BATCH_SIZE ? 0 : this.config.queue.outboxPollIntervalMs))
                .catch((error) => {
                this.logger.warn(`Outbox relay pass failed: ${error.message}`);
                this.schedule(this.config.queue.outboxPollIntervalMs * 4);
            });
        }, delayMs);
    }
    /** One relay pass; public so tests and the CLI can drive it deterministically. */
    async relayOnce() {
        return this.dataSource.transaction(async (manager) => {
            const pending = await manager.query(`SELECT id, queue, job_name, payload, dispatch_attempts FROM outbox_message
          WHERE dispatched_at IS NULL AND available_at <= now()
          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`, [BATCH_SIZE]);
            let dispatched = 0;
            for (const message of pending) {
                const queue = this.queues.get(message.queue);
                try {
                    if (!queue)
                        throw new Error(`unknown queue "${message.queue}"`);
                    await withTimeout(queue.add(message.job_name, message.payload, { jobId: message.id }), ADD_TIMEOUT_MS, 'queue add');
                    await manager.query(`UPDATE outbox_message SET dispatched_at = now(), last_dispatch_error = NULL WHERE id = $1`, [
                        message.id,
                    ]);
                    dispatched += 1;
                }
                catch (error) {
                    const backoffSeconds = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(message.dispatch_attempts, 6));
                    await manager.query(`UPDATE outbox_message SET dispatch_attempts = dispatch_attempts + 1, last_dispatch_error = $2,
                    available_at = now() + make_interval(secs => $3) WHERE id = $1`, [message.id, error.message.slice(0, 500), backoffSeconds]);
                    this.logger.warn(`Could not dispatch ${message.job_name} ${message.id}: ${error.message}`);
                    // The backend is most likely down: leave the rest of the batch for the next pass.
                    return { dispatched, failed: pending.length - dispatched };
                }
            }
            return { dispatched, failed: 0 };
        });
    }
    async onApplicationShutdown() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running?.catch(() => undefined);
        await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    }
};
exports.OutboxRelay = OutboxRelay;
exports.OutboxRelay = OutboxRelay = OutboxRelay_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [typeorm_2.DataSource, Object])
], OutboxRelay);
//# sourceMappingURL=outbox-relay.service.js.map