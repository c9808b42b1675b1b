import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../config/app-config';

export function redisOptionsFromUrl(url: string): Record<string, unknown> {
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
export function configureQueueBackend(config: AppConfig): void {
  if (config.queue.backend === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend as never);
  } else {
    setDefaultBackendFactory();
  }
}

/** Connection for workers: blocking reads must wait through Redis restarts. */
export function workerConnection(config: AppConfig): ConnectionOptions {
  if (config.queue.backend === 'postgres') return config.database.appUrl as unknown as ConnectionOptions;
  return { ...redisOptionsFromUrl(config.queue.redisUrl as string), maxRetriesPerRequest: null } as ConnectionOptions;
}

/** Connection for producers: fail fast while Redis is down so the outbox relay can back off. */
export function producerConnection(config: AppConfig): ConnectionOptions {
  if (config.queue.backend === 'postgres') return config.database.appUrl as unknown as ConnectionOptions;
  return {
    ...redisOptionsFromUrl(config.queue.redisUrl as string),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  } as ConnectionOptions;
}
