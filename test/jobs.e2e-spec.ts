import { Client } from 'pg';
import { OutboxRelay, QueueName } from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { queueBackends, queueOf, startTestStack, TestStack, waitForJobState } from '@chanjiao/testing';

describe.each(queueBackends())('background jobs on the %s queue backend', (backend) => {
  let stack: TestStack;
  let owner: Client;

  beforeAll(async () => {
    stack = await startTestStack({ backend });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
  });

  it('runs a request’s job through outbox → relay → worker and reports it', async () => {
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'consortia.seed-demo',
      statusUrl: `/api/v1/jobs/${accepted.body.jobId}`,
    });

    const done = await waitForJobState(stack.admin, accepted.body.jobId, 'completed');
    expect(done).toMatchObject({
      id: accepted.body.jobId,
      name: 'consortia.seed-demo',
      progress: 100,
      result: { consortiumId: DEMO_CONSORTIUM_ID, created: true, nextJobId: expect.any(String) },
      failedReason: null,
      attemptsMade: 1,
    });
    expect(Date.parse(done.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));

    const consortium = await stack.admin.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}`);
    expect(consortium.status).toBe(200);
    expect(consortium.body.name).toContain('市域产教联合体');

    const ledger = await owner.query('SELECT dispatched_at, completed_at, result FROM outbox_message WHERE id = $1', [
      accepted.body.jobId,
    ]);
    expect(ledger.rows[0].dispatched_at).not.toBeNull();
    expect(ledger.rows[0].completed_at).not.toBeNull();
  });

  it('is idempotent: seeding again creates nothing', async () => {
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    const done = await waitForJobState(stack.admin, accepted.body.jobId, 'completed');
    expect(done.result).toMatchObject({ consortiumId: DEMO_CONSORTIUM_ID, created: false });
    const rows = await owner.query('SELECT count(*)::int AS n FROM consortium');
    expect(rows.rows[0].n).toBe(1);
  });

  it('never runs a message twice when the relay re-sends it', async () => {
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    const jobId = accepted.body.jobId;
    const first = await waitForJobState(stack.admin, jobId, 'completed');
    const relay = stack.worker!.get(OutboxRelay);
    const queue = queueOf(stack.worker!, QueueName.Consortia);

    // A crash between "added to BullMQ" and "marked dispatched": once the dead relay's claim
    // lapses (available_at), the row is sent again.
    await owner.query('UPDATE outbox_message SET dispatched_at = NULL, available_at = now() WHERE id = $1', [jobId]);
    await relay.relayOnce();
    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(1); // BullMQ kept the finished job: deduplicated by jobId

    // Even once retention removed the finished job, the outbox ledger stops a second run.
    await queue.remove(jobId);
    await owner.query('UPDATE outbox_message SET dispatched_at = NULL, available_at = now() WHERE id = $1', [jobId]);
    await relay.relayOnce();
    const again = await waitForJobState(stack.admin, jobId, 'completed');
    // The stored result of the first run is returned, not a fresh run's result.
    expect(again.result).toEqual(first.result);
    const completions = await owner.query(
      'SELECT count(*)::int AS n FROM outbox_message WHERE id = $1 AND completed_at IS NOT NULL',
      [jobId],
    );
    expect(completions.rows[0].n).toBe(1);
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    const unknown = await stack.admin.get('/api/v1/jobs/7f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: { code: 'not_found' } });
    const malformed = await stack.admin.get('/api/v1/jobs/12345');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/uuid/i);
  });

  // Last: it stops this stack's relay.
  it('reports a job that is committed but not yet dispatched', async () => {
    const relay = stack.worker!.get(OutboxRelay);
    // Stop the relay loop so the message stays in the outbox.
    await relay.onApplicationShutdown();
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    const pending = await stack.admin.get(`/api/v1/jobs/${accepted.body.jobId}`);
    expect(pending.body).toMatchObject({ state: 'pending_dispatch', progress: 0 });
    const row = await owner.query('SELECT dispatched_at, completed_at FROM outbox_message WHERE id = $1', [
      accepted.body.jobId,
    ]);
    expect(row.rows[0]).toEqual({ dispatched_at: null, completed_at: null });
  });
});
