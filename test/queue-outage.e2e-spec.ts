import { Client } from 'pg';
import { loadAppConfig } from '@chanjiao/core';
import { buildWorker } from '../apps/worker/src/bootstrap';
import { eventually, startTestStack, TcpProxy, TestStack, waitForJobState } from '@chanjiao/testing';

const redisUrl = process.env.REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;

/**
 * While Redis is unreachable, requests still commit their work (the outbox row
 * is in PostgreSQL); once Redis is back the relay dispatches it, and every job
 * runs exactly once — even with two workers relaying at the same time.
 * Needs REDIS_URL (CI sets it); with the PostgreSQL backend the queue cannot
 * be down while the database is up.
 */
describeWithRedis('queue backend outage (Redis)', () => {
  let proxy: TcpProxy;
  let stack: TestStack;
  let owner: Client;

  beforeAll(async () => {
    const target = new URL(redisUrl as string);
    proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    await proxy.start();
    const proxied = new URL(redisUrl as string);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    stack = await startTestStack({ backend: 'redis', env: { REDIS_URL: proxied.toString() } });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
    await proxy?.cut();
  });

  it('accepts work while Redis is down and runs it once when Redis is back', async () => {
    // A second worker process-equivalent: two relays and two consumers race for the same rows.
    const secondWorker = await buildWorker(loadAppConfig(stack.env));
    await secondWorker.init();
    try {
      await proxy.cut();
      const accepted = await Promise.all([1, 2, 3, 4, 5].map(() => stack.admin.post('/api/v1/demo/seed')));
      expect(accepted.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
      const jobIds: string[] = accepted.map((r) => r.body.jobId);

      // Committed, not dispatched: the relay is failing and backing off.
      await eventually(async () => {
        const failed = await owner.query(
          'SELECT count(*)::int AS n FROM outbox_message WHERE id = ANY($1) AND dispatch_attempts > 0 AND dispatched_at IS NULL',
          [jobIds],
        );
        return failed.rows[0].n > 0 ? true : undefined;
      });
      for (const jobId of jobIds) {
        const status = await stack.admin.get(`/api/v1/jobs/${jobId}`);
        expect(status.body.state).toBe('pending_dispatch');
      }

      await proxy.restore();
      const results = await Promise.all(
        jobIds.map((jobId) => waitForJobState(stack.admin, jobId, 'completed', 60_000)),
      );
      // Exactly one of the five seeds created the demo consortium; each ran once.
      expect(results.filter((r) => r.result?.created === true)).toHaveLength(1);
      expect(results.map((r) => r.attemptsMade)).toEqual([1, 1, 1, 1, 1]);
      const ledger = await owner.query(
        'SELECT count(*)::int AS n FROM outbox_message WHERE id = ANY($1) AND completed_at IS NOT NULL AND completed_attempt = 1',
        [jobIds],
      );
      expect(ledger.rows[0].n).toBe(5);
      const consortia = await owner.query('SELECT count(*)::int AS n FROM consortium');
      expect(consortia.rows[0].n).toBe(1);
    } finally {
      await secondWorker.close();
    }
  }, 120_000);
});
