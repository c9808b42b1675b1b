import { Client } from 'pg';
import { followUpJobId, JobName } from '@chanjiao/core';
import { CAPABILITY_DEMO_JOBS, DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { eventually, queueBackends, startTestStack, TestStack, waitForJobState } from '@chanjiao/testing';

/**
 * A handler's writes and its completion on the outbox row commit together: a
 * failure anywhere in between (injected here with a trigger that raises, as a
 * crash or a lost connection would end the transaction) leaves neither, and the
 * retry does the work once. Each test gets a fresh stack: the demo seed writes
 * once per database.
 */
describe.each(queueBackends())('job writes and completion on the %s queue backend', (backend) => {
  let stack: TestStack;
  let owner: Client;

  beforeEach(async () => {
    stack = await startTestStack({ backend });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    await owner.query(`
      CREATE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'injected fault: %', TG_ARGV[0];
      END $$`);
  });

  afterEach(async () => {
    await owner?.end();
    await stack?.close();
  });

  /** Waits until the job's first attempt failed with the injected fault (BullMQ then retries with backoff). */
  async function firstAttemptFailed(jobId: string): Promise<void> {
    await eventually(async () => {
      const status = await stack.admin.get(`/api/v1/jobs/${jobId}`);
      return status.body.attemptsMade >= 1 && /injected fault/.test(status.body.failedReason ?? '') ? true : undefined;
    });
  }

  const count = async (sql: string, params: unknown[] = []) => (await owner.query(sql, params)).rows[0].n as number;

  it('a handler that fails after writing leaves neither its writes nor a completion', async () => {
    // The demo users job writes two users and their memberships, then fails on the third membership.
    await owner.query(`
      CREATE TRIGGER fault BEFORE INSERT ON consortium_membership
        FOR EACH ROW WHEN (NEW.role = 'observer') EXECUTE FUNCTION injected_fault('observer membership')`);
    const seed = await stack.admin.post('/api/v1/demo/seed');
    const parent = await waitForJobState(stack.admin, seed.body.jobId, 'completed');
    // The chained job, as a client follows it.
    const usersJob = parent.result?.nextJobId as string;
    expect(usersJob).toBe(followUpJobId(parent.id, JobName.SeedDemoUsers));
    await firstAttemptFailed(usersJob);

    expect(await count(`SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%@demo.chanjiao.cn'`)).toBe(0);
    expect(
      await count('SELECT count(*)::int AS n FROM consortium_membership WHERE consortium_id = $1', [
        DEMO_CONSORTIUM_ID,
      ]),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'identity.membership.created'`)).toBe(
      0,
    );
    expect(
      await count('SELECT count(*)::int AS n FROM outbox_message WHERE id = $1 AND completed_at IS NULL', [usersJob]),
    ).toBe(1);

    await owner.query('DROP TRIGGER fault ON consortium_membership');
    const done = await waitForJobState(stack.admin, usersJob, 'completed', 45_000);
    expect(done.result).toMatchObject({ consortiumId: DEMO_CONSORTIUM_ID, created: 3 });
    expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
    expect(
      await count('SELECT count(*)::int AS n FROM consortium_membership WHERE consortium_id = $1', [
        DEMO_CONSORTIUM_ID,
      ]),
    ).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'identity.membership.created'`)).toBe(
      3,
    );
  });

  it('a failure between the handler and its completion rolls the writes back, so the retry does them once', async () => {
    // The completion of the demo seed fails: its consortium, organizations, council, audit
    // entries and chained follow-up were written in the same transaction.
    await owner.query(`
      CREATE TRIGGER fault BEFORE UPDATE ON outbox_message
        FOR EACH ROW WHEN (OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL AND NEW.job_name = 'consortia.seed-demo')
        EXECUTE FUNCTION injected_fault('completion')`);
    const seed = await stack.admin.post('/api/v1/demo/seed');
    const jobId: string = seed.body.jobId;
    await firstAttemptFailed(jobId);

    expect(await count('SELECT count(*)::int AS n FROM consortium')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM organization')).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'consortia.consortium.created'`)).toBe(
      0,
    );
    expect(await count(`SELECT count(*)::int AS n FROM outbox_message WHERE request_id = $1`, [`job:${jobId}`])).toBe(
      0,
    );

    await owner.query('DROP TRIGGER fault ON outbox_message');
    const done = await waitForJobState(stack.admin, jobId, 'completed', 45_000);
    // The retry is the run that created the consortium: the failed one left nothing behind.
    expect(done.result).toMatchObject({ consortiumId: DEMO_CONSORTIUM_ID, created: true });
    expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
    expect(await count('SELECT count(*)::int AS n FROM consortium')).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'consortia.consortium.created'`)).toBe(
      1,
    );
    // Its follow-ups, once each: the demo users and each capability's demo (the matching triggers
    // add re-match rows for the demo offerings under the same request; they are not follow-ups).
    const chained = [JobName.SeedDemoUsers, ...CAPABILITY_DEMO_JOBS];
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox_message WHERE request_id = $1 AND job_name = ANY($2)`, [
        `job:${jobId}`,
        chained,
      ]),
    ).toBe(chained.length);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM (SELECT job_name FROM outbox_message WHERE request_id = $1 AND job_name = ANY($2)
           GROUP BY job_name HAVING count(*) > 1) twice`,
        [`job:${jobId}`, chained],
      ),
    ).toBe(0);
  });
});
