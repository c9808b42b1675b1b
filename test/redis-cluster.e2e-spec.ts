import { Client } from 'pg';
import { ALL_QUEUE_NAMES, followUpJobId, JobName, OutboxMaintenance, QueueName } from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import {
  pauseQueues,
  queueOf,
  redisClusterToolsAvailable,
  RedisClusterHandle,
  startRedisCluster,
  startTestStack,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

const available = redisClusterToolsAvailable();
if (!available) {
  console.log('Redis Cluster job suite skipped: redis-server and redis-cli are not on PATH');
}

/**
 * The job suite on a real three-node Redis Cluster started by the test on loopback
 * ports: BullMQ's multi-key scripts only run there because every queue's keys share
 * one hash tag (otherwise: CROSSSLOT errors). Skipped where Redis is not installed.
 */
(available ? describe : describe.skip)('background jobs on a three-node Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let stack: TestStack;
  let owner: Client;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    stack = await startTestStack({
      backend: 'redis',
      env: { REDIS_URL: undefined, REDIS_CLUSTER_NODES: cluster.nodes.join(',') },
    });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
  }, 30_000);

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
    await cluster?.close();
  });

  it('runs a request’s job through outbox → relay → worker, reports it, and runs its follow-up', async () => {
    expect(stack.config.queue.redisCluster?.nodes).toHaveLength(3);
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    expect(accepted.status).toBe(202);
    const done = await waitForJobState(stack.admin, accepted.body.jobId, 'completed');
    expect(done).toMatchObject({
      progress: 100,
      result: { consortiumId: DEMO_CONSORTIUM_ID, created: true },
      attemptsMade: 1,
    });
    const followUpId = followUpJobId(accepted.body.jobId, JobName.SeedDemoUsers);
    expect(done.result?.nextJobId).toBe(followUpId);
    const followUp = await waitForJobState(stack.admin, followUpId, 'completed');
    expect(followUp.result).toMatchObject({ created: 3 });
  });

  it('keeps every key of a queue under its own hash tag: one slot per queue', async () => {
    const prefix = stack.config.queue.prefix;
    const keys = (await Promise.all(cluster.clients.map((client) => client.keys(`${prefix}:*`)))).flat();
    expect(keys.length).toBeGreaterThan(0);
    const queues = ALL_QUEUE_NAMES.join('|');
    for (const key of keys) expect(key).toMatch(new RegExp(`^${prefix}:\\{(${queues})\\}:\\1:`));
    // Different slots: the cluster can place (and move) the queues on different nodes.
    const slots = await Promise.all(ALL_QUEUE_NAMES.map((name) => cluster.clients[0].cluster('KEYSLOT', `{${name}}`)));
    expect(new Set(slots).size).toBe(ALL_QUEUE_NAMES.length);
  });

  it('dispatches again, and runs, a job lost when every node was flushed', async () => {
    const paused = await pauseQueues(stack.worker!);
    let jobId: string;
    try {
      const accepted = await stack.admin.post('/api/v1/demo/seed');
      jobId = accepted.body.jobId;
      // Dispatched by the relay, waiting in the (paused) queue.
      const queue = queueOf(stack.worker!, QueueName.Consortia);
      await waitForJobState(stack.admin, jobId, 'waiting');
      expect(await queue.getJob(jobId)).toBeDefined();
      // Redis loses everything (the pause with it) before any worker took the job; the outbox still knows it.
      await Promise.all(cluster.clients.map((client) => client.flushall()));
    } finally {
      await paused.resume();
    }
    expect((await stack.admin.get(`/api/v1/jobs/${jobId}`)).body.state).toBe('unknown');

    await owner.query(`UPDATE outbox_message SET dispatched_at = dispatched_at - interval '1 hour' WHERE id = $1`, [
      jobId,
    ]);
    expect((await stack.worker!.get(OutboxMaintenance).reconcileOnce()).redispatched).toEqual([jobId]);
    const done = await waitForJobState(stack.admin, jobId, 'completed');
    expect(done).toMatchObject({ attemptsMade: 1, result: { consortiumId: DEMO_CONSORTIUM_ID, created: false } });
  });
});
