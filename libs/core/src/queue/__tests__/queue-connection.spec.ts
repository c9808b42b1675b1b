import { Cluster } from 'ioredis';
import { loadAppConfig } from '../../config/app-config';
import { QueueConnections, queuePrefix } from '../queue-connection';

describe('queuePrefix', () => {
  it('puts each queue in a Redis Cluster hash tag of its own, after the configured prefix', () => {
    expect(queuePrefix('chanjiao', 'consortia')).toBe('chanjiao:{consortia}');
    expect(queuePrefix('t-run-7', 'identity')).toBe('t-run-7:{identity}');
  });
});

describe('QueueConnections', () => {
  const config = (env: Record<string, string>) =>
    loadAppConfig({
      NODE_ENV: 'test',
      JWT_SECRETS: `k:${'s'.repeat(32)}`,
      DATABASE_APP_PASSWORD: 'x'.repeat(12),
      ...env,
    });

  it('hands BullMQ options for one Redis: fail-fast producers, patient workers', async () => {
    const connections = new QueueConnections(config({ REDIS_URL: 'redis://:pw@cache:6380/2' }));
    expect(connections.producer()).toMatchObject({
      host: 'cache',
      port: 6380,
      password: 'pw',
      db: 2,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    expect(connections.worker()).toMatchObject({ host: 'cache', port: 6380, maxRetriesPerRequest: null });
    await connections.onApplicationShutdown();
  });

  it('hands BullMQ one lazy ioredis Cluster per role for REDIS_CLUSTER_NODES, and closes them', async () => {
    const connections = new QueueConnections(
      config({ REDIS_CLUSTER_NODES: 'rediss://:pw@10.0.0.1:7000,rediss://:pw@10.0.0.2:7001' }),
    );
    const producer = connections.producer() as unknown as Cluster;
    const worker = connections.worker() as unknown as Cluster;
    expect(producer).toBeInstanceOf(Cluster);
    expect(connections.producer()).toBe(producer);
    expect(worker).toBeInstanceOf(Cluster);
    expect(worker).not.toBe(producer);
    expect(producer.status).toBe('wait');
    expect(producer.options).toMatchObject({
      lazyConnect: true,
      enableOfflineQueue: false,
      redisOptions: { password: 'pw', tls: {}, maxRetriesPerRequest: 1 },
    });
    expect(worker.options).toMatchObject({ redisOptions: { maxRetriesPerRequest: null } });
    expect((producer as unknown as { startupNodes: unknown }).startupNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    await connections.onApplicationShutdown();
    expect([producer.status, worker.status]).toEqual(['end', 'end']);
  });

  it('uses the application database for BullMQ’s PostgreSQL backend', () => {
    const connections = new QueueConnections(config({ DATABASE_URL: 'postgres://o:p@db/chanjiao' }));
    // The same database for producers and workers, on a small pool per queue (pg's default is 10).
    expect(connections.producer()).toEqual(connections.worker());
    expect(connections.producer()).toEqual({
      connectionString: expect.stringMatching(/^postgres:\/\/chanjiao_app:/),
      max: 2,
    });
  });
});
