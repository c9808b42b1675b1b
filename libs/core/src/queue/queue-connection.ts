import { OnApplicationShutdown } from '@nestjs/common';
import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { Cluster, ClusterOptions } from 'ioredis';
import { AppConfig, RedisClusterConfig } from '../config/app-config';

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
 * BullMQ key prefix of one queue: the configured prefix, then the queue name as a
 * Redis Cluster hash tag. Every key of a queue (`chanjiao:{consortia}:consortia:wait`,
 * its jobs, its events) lands in one hash slot, so BullMQ's multi-key scripts run on
 * a cluster, and different queues spread over the cluster's nodes. (Never a BullMQ
 * flow across queues: their keys live in different slots. Follow-ups go through the
 * outbox.) BullMQ's PostgreSQL backend ignores prefixes.
 */
export function queuePrefix(prefix: string, queue: string): string {
  return `${prefix}:{${queue}}`;
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

/**
 * The connections BullMQ uses in one process. For a single Redis (REDIS_URL) and
 * for PostgreSQL these are options, and BullMQ owns the clients it creates. A
 * Redis Cluster can only be handed to BullMQ as an ioredis `Cluster` instance:
 * producers share it (BullMQ leaves it open), workers get duplicates (BullMQ owns
 * those), so the instances made here are closed here when the app shuts down.
 */
export class QueueConnections implements OnApplicationShutdown {
  private readonly clusters: Cluster[] = [];
  private producerCluster?: Cluster;
  private workerCluster?: Cluster;

  constructor(private readonly config: AppConfig) {}

  /** For producers: fail fast while Redis is down so the outbox relay can back off. */
  producer(): ConnectionOptions {
    const { backend, redisCluster, redisUrl } = this.config.queue;
    if (backend === 'postgres') return this.postgres();
    if (redisCluster) {
      this.producerCluster ??= this.cluster(redisCluster, { maxRetriesPerRequest: 1, connectTimeout: 2000 }, false);
      return this.producerCluster as unknown as ConnectionOptions;
    }
    return {
      ...redisOptionsFromUrl(redisUrl as string),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    } as ConnectionOptions;
  }

  /** For workers: blocking reads must wait through Redis restarts. */
  worker(): ConnectionOptions {
    const { backend, redisCluster, redisUrl } = this.config.queue;
    if (backend === 'postgres') return this.postgres();
    if (redisCluster) {
      this.workerCluster ??= this.cluster(redisCluster, { maxRetriesPerRequest: null }, true);
      return this.workerCluster as unknown as ConnectionOptions;
    }
    return { ...redisOptionsFromUrl(redisUrl as string), maxRetriesPerRequest: null } as ConnectionOptions;
  }

  /**
   * BullMQ's PostgreSQL backend builds a pg.Pool per Queue and per Worker (10 connections
   * each by default) plus one LISTEN client per Worker: a dozen queues would hold over a
   * hundred connections per process. Each queue's work is a few short statements, so two
   * pooled connections each are plenty.
   */
  private postgres(): ConnectionOptions {
    return { connectionString: this.config.database.appUrl, max: 2 } as unknown as ConnectionOptions;
  }

  private cluster(
    cluster: RedisClusterConfig,
    nodeOptions: { maxRetriesPerRequest: number | null; connectTimeout?: number },
    offlineQueue: boolean,
  ): Cluster {
    const options: ClusterOptions = {
      // Connected when BullMQ first needs it, not when the module is defined.
      lazyConnect: true,
      enableOfflineQueue: offlineQueue,
      redisOptions: {
        username: cluster.username,
        password: cluster.password,
        tls: cluster.tls ? {} : undefined,
        ...nodeOptions,
      },
    };
    const client = new Cluster(cluster.nodes, options);
    // Connection errors surface through the queues; without a listener they would crash the process.
    client.on('error', () => undefined);
    this.clusters.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.clusters.splice(0).map(async (client) => {
        if (client.status === 'wait' || client.status === 'end') return client.disconnect();
        await client.quit().catch(() => client.disconnect());
      }),
    );
  }
}
