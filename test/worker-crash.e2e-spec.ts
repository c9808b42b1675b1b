import { Client } from 'pg';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import {
  compiledEntry,
  eventually,
  killSpawned,
  queueBackends,
  spawnNode,
  startTestStack,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

/**
 * The worker runs as a real process here, so it can be killed. The test holds a
 * lock on the consortium table to keep the demo-seed job in the middle of its
 * work, then kills or stops the worker.
 */
// Real processes started and killed: slow on a loaded machine, so more time than jest's default.
jest.setTimeout(400_000);

describe.each(queueBackends())('worker processes on the %s queue backend', (backend) => {
  let stack: TestStack;
  let owner: Client;

  beforeEach(async () => {
    // Short locks so a killed worker's job is found stalled within seconds.
    stack = await startTestStack({
      backend,
      worker: false,
      // A generous drain bound: on a loaded machine the held job must still finish inside it.
      env: { WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000', SHUTDOWN_TIMEOUT_MS: '30000' },
    });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
  });

  afterEach(async () => {
    await killSpawned();
    await owner?.end();
    await stack?.close();
  });

  async function startJobAndHoldIt() {
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE consortium IN EXCLUSIVE MODE');
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    expect(accepted.status).toBe(202);
    const jobId: string = accepted.body.jobId;
    const worker = spawnNode(compiledEntry('worker'), [], stack.env);
    // Active, and its INSERT is waiting for our lock: the job is mid-work. A worker that boots
    // slowly on a loaded machine gets time; one that never takes the job says why.
    try {
      await waitForJobState(stack.admin, jobId, 'active', 150_000);
      await eventually(async () => {
        const waiting = await owner.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting.rows[0].n > 0 ? true : undefined;
      }, 60_000);
    } catch (error) {
      const status = await stack.admin.get(`/api/v1/jobs/${jobId}`);
      throw new Error(
        `${(error as Error).message}\njob: ${JSON.stringify(status.body)}\nworker (exit ${worker.child.exitCode}):\n${worker.output().slice(-4000)}`,
        { cause: error },
      );
    }
    return { jobId, worker };
  }

  it('retries a job whose worker was SIGKILLed mid-job, and completes it once', async () => {
    const { jobId, worker } = await startJobAndHoldIt();
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    await owner.query('COMMIT');

    const replacement = spawnNode(compiledEntry('worker'), [], stack.env);
    try {
      const done = await waitForJobState(stack.admin, jobId, 'completed', 90_000);
      // The killed attempt's transaction was rolled back, so the retry is the one that created the row.
      expect(done.result).toMatchObject({ consortiumId: DEMO_CONSORTIUM_ID, created: true });
      const rows = await owner.query('SELECT count(*)::int AS n FROM consortium');
      expect(rows.rows[0].n).toBe(1);
      const ledger = await owner.query('SELECT completed_at FROM outbox_message WHERE id = $1', [jobId]);
      expect(ledger.rows[0].completed_at).not.toBeNull();
    } finally {
      replacement.child.kill('SIGTERM');
      await replacement.exited;
    }
  }, 400_000);

  it('drains the active job on SIGTERM before exiting', async () => {
    const { jobId, worker } = await startJobAndHoldIt();
    worker.child.kill('SIGTERM');
    // Still working: the job waits for our lock, so the worker must not have exited.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(worker.child.exitCode).toBeNull();
    await owner.query('COMMIT');

    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    const done = await waitForJobState(stack.admin, jobId, 'completed');
    expect(done).toMatchObject({ attemptsMade: 1, result: { created: true } });
    expect(worker.output()).toContain('draining active jobs');
  }, 400_000);
});
