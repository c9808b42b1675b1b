import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  CoreErrorCode,
  CoreException,
  followUpJobId,
  forConsortium,
  JobName,
  OutboxMaintenance,
  OutboxRelay,
  OutboxService,
  QueueName,
  RegisteredQueues,
  systemContext,
  TransactionService,
} from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import {
  eventually,
  loseAndReconcile,
  pauseQueues,
  queueBackends,
  queueOf,
  seedDemo,
  startTestStack,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

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

  const completedCount = async (ids: string[]) =>
    (
      await owner.query(
        'SELECT count(*)::int AS n FROM outbox_message WHERE id = ANY($1) AND completed_at IS NOT NULL',
        [ids],
      )
    ).rows[0].n as number;

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

  it('chains the follow-up job under an id derived from its parent, and runs it', async () => {
    const parent = await owner.query(`SELECT id, result FROM outbox_message WHERE job_name = 'consortia.seed-demo'`);
    const parentId: string = parent.rows[0].id;
    const followUpId = followUpJobId(parentId, JobName.SeedDemoUsers);
    expect(parent.rows[0].result.nextJobId).toBe(followUpId);
    expect(followUpId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const followUp = await waitForJobState(stack.admin, followUpId, 'completed');
    expect(followUp).toMatchObject({ name: 'identity.seed-demo-users', result: { created: 3 }, attemptsMade: 1 });
  });

  it('is idempotent: seeding again creates nothing', async () => {
    const done = await seedDemo(stack.admin);
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
    expect(await completedCount([jobId])).toBe(1);
  });

  it('enqueues a follow-up once, however often its parent runs', async () => {
    const parent = await seedDemo(stack.admin);
    const followUpId = followUpJobId(parent.id, JobName.SeedDemoUsers);
    expect(parent.result?.nextJobId).toBe(followUpId);
    await waitForJobState(stack.admin, followUpId, 'completed');

    // The parent runs again under its id, as after a crash that lost its completion.
    await queueOf(stack.worker!, QueueName.Consortia).remove(parent.id);
    await owner.query(
      `UPDATE outbox_message SET completed_at = NULL, completed_attempt = NULL, result = NULL,
              dispatched_at = NULL, available_at = now() WHERE id = $1`,
      [parent.id],
    );
    const again = await waitForJobState(stack.admin, parent.id, 'completed');
    expect(again.result?.nextJobId).toBe(followUpId);
    const followUps = await owner.query('SELECT id FROM outbox_message WHERE request_id = $1', [`job:${parent.id}`]);
    // Once each: the demo users and the demo training plan.
    expect(followUps.rows.map((row: { id: string }) => row.id).sort()).toEqual(
      [followUpId, followUpJobId(parent.id, JobName.SeedDemoTrainingPlans)].sort(),
    );
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    const unknown = await stack.admin.get('/api/v1/jobs/7f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: { code: 'not_found' } });
    const malformed = await stack.admin.get('/api/v1/jobs/12345');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/uuid/i);
  });

  it('refuses to enqueue work for another consortium than the context’s', async () => {
    const outbox = stack.api.get(OutboxService);
    const otherConsortium = randomUUID();
    const ctx = forConsortium(systemContext({ requestId: `mismatch-${otherConsortium}` }), DEMO_CONSORTIUM_ID);
    const attempts = [
      outbox.enqueue(ctx, JobName.SeedDemoUsers, { consortiumId: otherConsortium }),
      outbox.enqueueFollowUp(ctx, randomUUID(), JobName.SeedDemoUsers, { consortiumId: otherConsortium }),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(CoreException);
      expect((error as CoreException).code).toBe(CoreErrorCode.Forbidden);
    }
    const written = await owner.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE payload->>'consortiumId' = $1`,
      [otherConsortium],
    );
    expect(written.rows[0].n).toBe(0);
    // The same context may enqueue its own consortium's work.
    const own = await outbox.enqueue(ctx, JobName.SeedDemoUsers, { consortiumId: DEMO_CONSORTIUM_ID });
    await waitForJobState(stack.admin, own.jobId, 'completed');
  });

  describe('with the relay driven by hand', () => {
    let relay: OutboxRelay;
    let outbox: OutboxService;
    const ctx = systemContext({ requestId: 'jobs-e2e' });

    beforeAll(async () => {
      relay = stack.worker!.get(OutboxRelay);
      outbox = stack.worker!.get(OutboxService);
      await relay.stop();
    });

    const enqueueMany = async (name: JobName.SeedDemoConsortium | JobName.SeedDemoUsers, count: number) =>
      (
        await Promise.all(
          Array.from({ length: count }, () => outbox.enqueue(ctx, name, { consortiumId: DEMO_CONSORTIUM_ID })),
        )
      ).map((job) => job.jobId);

    it('dispatches a claimed batch with one addBulk per queue, then marks it dispatched', async () => {
      const consortia = await enqueueMany(JobName.SeedDemoConsortium, 3);
      const identity = await enqueueMany(JobName.SeedDemoUsers, 2);
      const addBulk = jest.spyOn(Queue.prototype, 'addBulk');
      const add = jest.spyOn(Queue.prototype, 'add');
      try {
        expect(await relay.relayOnce()).toEqual({ dispatched: 5, failed: 0 });
        const calls = addBulk.mock.calls
          .map((args, index) => ({
            queue: (addBulk.mock.contexts[index] as Queue).name,
            jobIds: args[0].map((job) => job.opts?.jobId).sort(),
          }))
          .sort((a, b) => a.queue.localeCompare(b.queue));
        expect(calls).toEqual([
          { queue: QueueName.Consortia, jobIds: [...consortia].sort() },
          { queue: QueueName.Identity, jobIds: [...identity].sort() },
        ]);
        expect(add).not.toHaveBeenCalled();
      } finally {
        addBulk.mockRestore();
        add.mockRestore();
      }
      const rows = await owner.query(
        'SELECT count(*)::int AS n FROM outbox_message WHERE id = ANY($1) AND dispatched_at IS NOT NULL AND claimed_by IS NULL',
        [[...consortia, ...identity]],
      );
      expect(rows.rows[0].n).toBe(5);
      await eventually(async () => ((await completedCount([...consortia, ...identity])) === 5 ? true : undefined));
      // The seeds chained their follow-ups (demo users and the demo training plan), pending until the next pass.
      const followUps = consortia.flatMap((id) => [
        followUpJobId(id, JobName.SeedDemoUsers),
        followUpJobId(id, JobName.SeedDemoTrainingPlans),
      ]);
      expect(await relay.relayOnce()).toEqual({ dispatched: 6, failed: 0 });
      await eventually(async () => ((await completedCount(followUps)) === 6 ? true : undefined));
    });

    it('never dispatches a row from two relays, and a dead relay’s claims lapse', async () => {
      const second = new OutboxRelay(
        stack.worker!.get(TransactionService),
        stack.worker!.get(RegisteredQueues),
        stack.config,
      );
      const ids = await enqueueMany(JobName.SeedDemoUsers, 30);
      const addBulk = jest.spyOn(Queue.prototype, 'addBulk');
      try {
        // Claims are disjoint however the two relays interleave.
        const claims = await Promise.all([
          relay.claimBatch(10),
          second.claimBatch(10),
          relay.claimBatch(10),
          second.claimBatch(10),
        ]);
        const claimed = claims.flat().map((message) => message.id);
        expect(new Set(claimed).size).toBe(claimed.length);
        const rest = (await second.claimBatch()).map((message) => message.id);
        expect([...claimed, ...rest].sort()).toEqual([...ids].sort());
        // Claimed rows are nobody else's until the claim lapses.
        expect(await relay.claimBatch()).toEqual([]);

        // The first relay's claims lapse, and both relays race for those rows: each goes out once.
        const firstRelays = [...claims[0], ...claims[2]].map((message) => message.id);
        await owner.query(`UPDATE outbox_message SET available_at = now() WHERE id = ANY($1)`, [firstRelays]);
        const passes = await Promise.all([relay.relayOnce(), second.relayOnce()]);
        expect(passes.reduce((sum, pass) => sum + pass.dispatched, 0)).toBe(firstRelays.length);

        // The second relay "dies" holding its claims: nobody dispatches them until they lapse.
        expect(await relay.relayOnce()).toEqual({ dispatched: 0, failed: 0 });
        const held = await owner.query(
          'SELECT count(*)::int AS n FROM outbox_message WHERE claimed_by = $1 AND dispatched_at IS NULL',
          [second.relayId],
        );
        expect(held.rows[0].n).toBe(30 - firstRelays.length);
        await owner.query(`UPDATE outbox_message SET available_at = now() WHERE claimed_by = $1`, [second.relayId]);
        expect(await relay.relayOnce()).toEqual({ dispatched: 30 - firstRelays.length, failed: 0 });
        const sent = addBulk.mock.calls.flatMap((args) => args[0].map((job) => job.opts?.jobId));
        expect(sent).toHaveLength(30);
        expect(new Set(sent).size).toBe(30);
      } finally {
        addBulk.mockRestore();
      }
      await eventually(async () => ((await completedCount(ids)) === 30 ? true : undefined), 45_000);
    });

    it('records a job that failed its last attempt in the ledger, and the reconciler leaves it alone', async () => {
      const payload = {
        consortiumId: DEMO_CONSORTIUM_ID,
        fileKey: 'imports/organizations/not-a-stored-file.csv',
        mode: 'all_or_nothing' as const,
        format: 'csv' as const,
        requestedBy: null,
      };
      const { jobId } = await outbox.enqueue(ctx, JobName.ImportOrganizations, payload);
      // Dispatched with a single attempt, so its first failure is its last.
      await owner.query(`UPDATE outbox_message SET dispatched_at = now() - interval '1 hour' WHERE id = $1`, [jobId]);
      const queue = queueOf(stack.worker!, QueueName.Consortia);
      await queue.add(JobName.ImportOrganizations, payload, { jobId, attempts: 1 });

      const failed = await waitForJobState(stack.admin, jobId, 'failed');
      expect(failed.failedReason).toMatch(/is not an organization import/);
      const ledger = await owner.query(
        'SELECT completed_at, failed_at, failed_reason FROM outbox_message WHERE id = $1',
        [jobId],
      );
      expect(ledger.rows[0]).toMatchObject({ completed_at: null, failed_reason: failed.failedReason });
      expect(ledger.rows[0].failed_at).not.toBeNull();

      // A worker that died before recording it: the reconciler finds it failed in BullMQ.
      await owner.query('UPDATE outbox_message SET failed_at = NULL, failed_reason = NULL WHERE id = $1', [jobId]);
      const pass = await stack.worker!.get(OutboxMaintenance).reconcileOnce();
      expect(pass.failed).toEqual([jobId]);
      expect(pass.redispatched).toEqual([]);

      // Once BullMQ's retention removed it, the ledger still answers "failed", and nothing re-runs it.
      await queue.remove(jobId);
      const status = await stack.admin.get(`/api/v1/jobs/${jobId}`);
      expect(status.body).toMatchObject({ state: 'failed', failedReason: failed.failedReason });
      expect((await stack.worker!.get(OutboxMaintenance).reconcileOnce()).redispatched).toEqual([]);
    });

    it('dispatches again, after the grace period, a job BullMQ lost, which then runs once', async () => {
      const paused = await pauseQueues(stack.worker!);
      let lost: string, kept: string, lostRecently: string;
      try {
        [lost, kept, lostRecently] = await enqueueMany(JobName.SeedDemoConsortium, 3);
        expect(await relay.relayOnce()).toEqual({ dispatched: 3, failed: 0 });
        const queue = queueOf(stack.worker!, QueueName.Consortia);
        // Waiting in BullMQ, none running. `kept` is still there when the reconciler looks.
        await owner.query(`UPDATE outbox_message SET dispatched_at = dispatched_at - interval '1 hour' WHERE id = $1`, [
          kept,
        ]);
        await queue.remove(lostRecently);
        expect(await loseAndReconcile(stack.worker!, owner, { queue: QueueName.Consortia, jobId: lost })).toEqual([
          lost,
        ]);
        expect((await stack.admin.get(`/api/v1/jobs/${lost}`)).body.state).toBe('pending_dispatch');
        // Lost within the grace period: not yet.
        expect((await stack.admin.get(`/api/v1/jobs/${lostRecently}`)).body.state).toBe('unknown');
        expect(await relay.relayOnce()).toEqual({ dispatched: 1, failed: 0 });
      } finally {
        await paused.resume();
      }
      const done = await waitForJobState(stack.admin, lost, 'completed');
      expect(done).toMatchObject({ attemptsMade: 1, result: { consortiumId: DEMO_CONSORTIUM_ID, created: false } });
      await waitForJobState(stack.admin, kept, 'completed');
      expect(await completedCount([lost, kept])).toBe(2);
    });

    it('prunes finished rows after the retention period, and only those', async () => {
      const [oldCompleted, recentCompleted, oldFailed, oldUnfinished, oldPending] = await enqueueMany(
        JobName.SeedDemoUsers,
        5,
      );
      const days = stack.config.queue.outboxRetentionDays;
      await owner.query(
        `UPDATE outbox_message SET created_at = now() - make_interval(days => $2 + 10),
                dispatched_at = now() - make_interval(days => $2 + 9),
                completed_at = CASE WHEN id = $3 THEN now() - make_interval(days => $2 + 1) END,
                failed_at = CASE WHEN id = $4 THEN now() - make_interval(days => $2 + 1) END
          WHERE id = ANY($1)`,
        [[oldCompleted, oldFailed, oldUnfinished], days, oldCompleted, oldFailed],
      );
      await owner.query(
        `UPDATE outbox_message SET dispatched_at = now(), completed_at = now() - make_interval(days => $2 - 1) WHERE id = $1`,
        [recentCompleted, days],
      );
      await owner.query(`UPDATE outbox_message SET created_at = now() - make_interval(days => $2 + 10) WHERE id = $1`, [
        oldPending,
        days,
      ]);

      expect(await stack.worker!.get(OutboxMaintenance).pruneOnce()).toBe(2);
      const left = await owner.query('SELECT id FROM outbox_message WHERE id = ANY($1)', [
        [oldCompleted, recentCompleted, oldFailed, oldUnfinished, oldPending],
      ]);
      expect(left.rows.map((row) => row.id).sort()).toEqual([recentCompleted, oldUnfinished, oldPending].sort());
      expect((await stack.admin.get(`/api/v1/jobs/${oldCompleted}`)).status).toBe(404);
      expect((await stack.admin.get(`/api/v1/jobs/${recentCompleted}`)).status).toBe(200);
      expect(await stack.worker!.get(OutboxMaintenance).pruneOnce()).toBe(0);
      // Leave nothing pending for the next test.
      await owner.query('DELETE FROM outbox_message WHERE id = ANY($1)', [[oldUnfinished, oldPending]]);
    });

    // Last: it leaves a row pending.
    it('reports a job that is committed but not yet dispatched', async () => {
      const accepted = await stack.admin.post('/api/v1/demo/seed');
      const pending = await stack.admin.get(`/api/v1/jobs/${accepted.body.jobId}`);
      expect(pending.body).toMatchObject({ state: 'pending_dispatch', progress: 0 });
      const row = await owner.query('SELECT dispatched_at, completed_at FROM outbox_message WHERE id = $1', [
        accepted.body.jobId,
      ]);
      expect(row.rows[0]).toEqual({ dispatched_at: null, completed_at: null });
    });
  });
});
