import { Client } from 'pg';
import { followUpJobId, JobName } from '@chanjiao/core';
import {
  addPerson,
  chinaToday,
  compiledEntry,
  ensureTestCatalogue,
  eventually,
  HttpClient,
  insertConsortium,
  insertMember,
  insertOffering,
  killSpawned,
  queueBackends,
  spawnNode,
  SpawnedProcess,
  startTestStack,
  TestStack,
} from '@chanjiao/testing';

/**
 * A full re-match whose worker process is SIGKILLed in the middle of a chunk (its
 * transaction has already replaced rows of the chunk's posting and waits on a lock the
 * test holds): a replacement worker retries the chunk once, and the run, and a rerun
 * after it, leave exactly the current matches — no duplicate, no stale row (of a closed
 * posting, of a suspended offering, of the run before), every row of the new run.
 * The worker is the compiled one (`npm run build` first).
 */
// Two real worker processes boot: slow on a loaded machine, so more time than jest's default.
jest.setTimeout(120_000);

/** A full chunk of 500 and a last one of a single posting (RUN_CHUNK_SIZE = 500). */
const PUBLISHED = 501;

/**
 * One backend (Redis when REDIS_URL is set, else PostgreSQL): what is tested here is the
 * chunk's transaction and the job ledger, the same on both; worker-crash.e2e-spec covers
 * each backend's retry of a killed worker's job. Two worker boots are most of the time.
 */
describe.each(queueBackends().slice(-1))(
  'a full re-match with a worker killed mid-chunk on the %s queue backend',
  (backend) => {
    let stack: TestStack;
    let owner: Client;
    let cid: string;
    let base: string;
    let sec: HttpClient;
    let robot: string;
    let mechatronics: string;
    let suspended: string;
    let last: string;
    // Graduates are expected in the postings' start year.
    const start = chinaToday(7);
    const year = Number(start.slice(0, 4));

    beforeAll(async () => {
      // Short locks, so the killed worker's chunk is found stalled within seconds.
      stack = await startTestStack({
        backend,
        worker: false,
        env: { WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000' },
      });
      owner = new Client({ connectionString: stack.db.ownerUrl });
      await owner.connect();
      const editions = await ensureTestCatalogue(stack.db.ownerUrl);
      await owner.query(
        `INSERT INTO catalogue_programme_occupations (edition, programme_code, occupation_edition, occupation_code)
       VALUES ($1, '460305', $2, '6-31-07-03') ON CONFLICT DO NOTHING`,
        [editions.programmes, editions.occupations],
      );
      cid = (await insertConsortium(stack.db.ownerUrl)).id;
      base = `/api/v1/consortia/${cid}`;
      const url = stack.db.ownerUrl;
      const enterprise = (await insertMember(url, cid, { type: 'enterprise' })).id;
      const s1 = (await insertMember(url, cid, { type: 'higher_vocational' })).id;
      const s2 = (await insertMember(url, cid, { type: 'higher_vocational' })).id;
      robot = (
        await insertOffering(url, cid, {
          organizationId: s1,
          programmeCode: '460305',
          level: 'higher_vocational',
          skills: ['plc编程'],
        })
      ).id;
      mechatronics = (
        await insertOffering(url, cid, {
          organizationId: s2,
          programmeCode: '460301',
          level: 'higher_vocational',
          skills: ['plc编程'],
        })
      ).id;
      suspended = (
        await insertOffering(url, cid, {
          organizationId: s2,
          programmeCode: '260304',
          level: 'vocational_bachelor',
          skills: ['plc编程'],
        })
      ).id;
      await owner.query(`UPDATE programme_offerings SET expected_graduates = $2 WHERE id = ANY($1::uuid[])`, [
        [robot, mechatronics, suspended],
        JSON.stringify([{ year, count: 40 }]),
      ]);
      await owner.query(`UPDATE programme_offerings SET status = 'suspended' WHERE id = $1`, [suspended]);
      // Published postings that fit both active offerings, and closed ones.
      const insertPostings = (n: number, status: string) =>
        owner.query(
          `INSERT INTO talent_demand_postings (id, consortium_id, organization_id, title, description, headcount, required_skills,
                                             employment_type, start_date, status, published_at, closed_at)
         SELECT gen_random_uuid(), $1, $2, '工业机器人运维工程师 ' || i, '负责产线设备的日常巡检与保养。', 1 + i % 5,
                '[{"skill": "plc编程", "weight": 3}]', 'full_time', $3::date, $4::text, now(),
                CASE WHEN $4::text = 'closed' THEN now() END
           FROM generate_series(1, $5::int) i`,
          [cid, enterprise, start, status, n],
        );
      await insertPostings(PUBLISHED, 'published');
      await insertPostings(5, 'closed');
      last = (
        await owner.query<{ id: string }>(
          `SELECT max(id::text) AS id FROM talent_demand_postings WHERE consortium_id = $1 AND status = 'published'`,
          [cid],
        )
      ).rows[0].id;
      // Stale rows a full run must remove: matches of the closed postings, of the suspended offering, of an old run.
      await owner.query(
        `INSERT INTO demand_matches (consortium_id, posting_id, offering_id, school_id, enterprise_id, score, rank, factors,
                                   explanation, scoring_version, run_id)
       SELECT $1, p.id, o.id, o.organization_id, p.organization_id, 50, 1, '{}', '{}', 'stale', gen_random_uuid()
         FROM talent_demand_postings p, programme_offerings o
        WHERE p.consortium_id = $1 AND o.consortium_id = $1
          AND (p.status = 'closed' OR o.id = $2 OR (p.id = $3 AND o.id = $4))`,
        [cid, suspended, last, mechatronics],
      );
      await owner.query(
        `INSERT INTO demand_match_summaries (consortium_id, posting_id, match_count, scoring_version)
       SELECT $1, id, 1, 'stale' FROM talent_demand_postings WHERE consortium_id = $1`,
        [cid],
      );
      // The setup's own re-match jobs (the posting and offering triggers) are not this test's subject.
      await owner.query(
        `DELETE FROM outbox_message WHERE job_name IN ('talent.match-posting', 'talent.match-offering')`,
      );
      sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    });

    afterAll(async () => {
      await killSpawned();
      await owner?.end();
      await stack?.close();
    });

    const run = async (runId: string) => (await sec.get(`${base}/matching-runs/${runId}`)).body;
    const completed = (runId: string) =>
      eventually(async () => {
        const r = await run(runId);
        return r.status === 'completed' ? r : undefined;
      }, 60_000);

    /** Every stored match of the consortium, with what a duplicate or stale row would show. */
    const stored = async () =>
      (
        await owner.query<{
          postingId: string;
          offeringId: string;
          score: string;
          rank: number;
          runId: string;
          status: string;
        }>(
          `SELECT d.posting_id AS "postingId", d.offering_id AS "offeringId", d.score::text AS score, d.rank,
                d.run_id AS "runId", p.status
           FROM demand_matches d JOIN talent_demand_postings p ON p.id = d.posting_id
          WHERE d.consortium_id = $1 ORDER BY d.posting_id, d.offering_id`,
          [cid],
        )
      ).rows;

    const expectCurrent = async (runId: string) => {
      const rows = await stored();
      // Each published posting matches the two active offerings, once each, written by this run.
      expect(rows).toHaveLength(2 * PUBLISHED);
      expect(new Set(rows.map((r) => `${r.postingId}/${r.offeringId}`)).size).toBe(rows.length);
      expect(rows.filter((r) => r.status !== 'published')).toEqual([]);
      expect(rows.filter((r) => r.offeringId !== robot && r.offeringId !== mechatronics)).toEqual([]);
      expect(rows.filter((r) => r.runId !== runId)).toEqual([]);
      const summaries = await owner.query<{ n: number; stale: number; runs: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE scoring_version = 'stale')::int AS stale,
              count(DISTINCT run_id)::int AS runs FROM demand_match_summaries WHERE consortium_id = $1`,
        [cid],
      );
      expect(summaries.rows[0]).toEqual({ n: PUBLISHED, stale: 0, runs: 1 });
      return rows;
    };

    it('retries the killed chunk once; the run and a rerun leave no duplicate or stale rows', async () => {
      // Hold the last chunk mid-way: an uncommitted row with the key its INSERT writes makes it
      // wait, after its DELETE replaced the posting's rows in its (uncommitted) transaction.
      const blocker = new Client({ connectionString: stack.db.ownerUrl });
      await blocker.connect();
      let workers: SpawnedProcess[] = [];
      try {
        await blocker.query('BEGIN');
        const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await blocker.query(
          `INSERT INTO demand_matches (consortium_id, posting_id, offering_id, school_id, enterprise_id, score, rank, factors,
                                     explanation, scoring_version)
         SELECT $1, $2, o.id, o.organization_id, p.organization_id, 1, 1, '{}', '{}', 'blocker'
           FROM programme_offerings o, talent_demand_postings p WHERE o.id = $3 AND p.id = $2`,
          [cid, last, robot],
        );
        const started = await sec.post(`${base}/matching-runs`);
        expect(started.status).toBe(202);
        const { runId, jobId } = started.body as { runId: string; jobId: string };
        const first = spawnNode(compiledEntry('worker'), [], stack.env);
        workers = [first];
        await eventually(async () => {
          const r = await run(runId);
          const waiting = await owner.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [blockerPid],
          );
          return r.chunksTotal === 2 && r.chunksDone === 1 && waiting.rows[0].n > 0 ? true : undefined;
        }, 60_000);

        first.child.kill('SIGKILL');
        expect((await first.exited).signal).toBe('SIGKILL');
        await blocker.query('ROLLBACK');
        // Nothing of the killed chunk committed: the run still waits for it, the last posting keeps its stale row.
        expect(await run(runId)).toMatchObject({ status: 'running', chunksDone: 1 });
        const lastRows = (await stored()).filter((r) => r.postingId === last);
        expect(lastRows.some((r) => r.runId !== runId)).toBe(true);

        const replacement = spawnNode(compiledEntry('worker'), [], stack.env);
        workers = [replacement];
        const done = await completed(runId);
        expect(done).toMatchObject({
          chunksTotal: 2,
          chunksDone: 2,
          postingsTotal: PUBLISHED,
          postingsMatched: PUBLISHED,
          postingsNoMatch: 0,
          matchesWritten: 2 * PUBLISHED,
          progress: 100,
        });
        // The killed chunk (the second) completed once, by the replacement.
        const chunk = await owner.query(`SELECT 1 FROM outbox_message WHERE id = $1 AND completed_at IS NOT NULL`, [
          followUpJobId(jobId, JobName.MatchingRunChunk, '1'),
        ]);
        expect(chunk.rows).toHaveLength(1);
        const afterCrash = await expectCurrent(runId);

        // A rerun replaces every row with the same matches, now of the rerun.
        const again = await sec.post(`${base}/matching-runs`);
        expect(again.status).toBe(202);
        await completed(again.body.runId);
        const afterRerun = await expectCurrent(again.body.runId);
        const key = (r: { postingId: string; offeringId: string; score: string; rank: number }) =>
          `${r.postingId}/${r.offeringId}/${r.score}/${r.rank}`;
        expect(afterRerun.map(key)).toEqual(afterCrash.map(key));
      } finally {
        await blocker.end();
        for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
        await Promise.all(workers.map((w) => w.exited));
      }
    });
  },
);
