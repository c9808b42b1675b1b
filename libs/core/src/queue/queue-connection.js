"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.redisOptionsFromUrl = redisOptionsFromUrl;
exports.configureQueueBackend = configureQueueBackend;
exports.workerConnection = workerConnection;
exports.producerConnection = producerConnection;
const bullmq_1 = require("bullmq");
function redisOptionsFromUrl(url) {
    const parsed = new URL(url);
    return {
        host: parsed.hostname,
        port: Number(parsed.port || 6379),
        username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
        password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
        db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
        tls: parsed.protocol === 'rediss:' ? {} : undefined,
    };
}
/**
 * Chooses BullMQ's backend for this process. Must run before any Queue or Worker
 * is constructed (i.e. before the Nest app is created): BullMQ reads the default
 * backend factory at construction time.
 */
function configureQueueBackend(config) {
    if (config.queue.backend === 'postgres') {
        (0, bullmq_1.setDefaultBackendFactory)(bullmq_1.createPostgresBackend);
    }
    else {
        (0, bullmq_1.setDefaultBackendFactory)();
    }
}
/** Connection for workers: blocking reads must wait through Redis restarts. */
function workerConnection(config) {
    if (config.queue.backend === 'postgres')
        return config.database.appUrl;
    return { ...redisOptionsFromUrl(config.queue.redisUrl), maxRetriesPerRequest: null };
}
/** Connection for producers: fail fast while Redis is down so the outbox relay can back off. */
function producerConnection(config) {
    if (config.queue.backend === 'postgres')
        return config.database.appUrl;
    return {
        ...redisOptionsFromUrl(config.queue.redisUrl),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
    };
}
//# sourceMappingURL=queue-connection.js.map