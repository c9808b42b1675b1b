import { Client } from 'pg';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { followUpJobId, JobName } from '@chanjiao/core';
import { eventually, seedDemo, startTestStack, TestStack, waitForJobState } from '@chanjiao/testing';

/**
 * The demo (POST /demo/seed) on its own stack: after the talent demo, a chained job gives
 * the demo consortium a few cooperations grown from its matches — active ones of several
 * kinds and proposals waiting for the other side — that never commit more than an
 * offering's expected graduates, that the matches then see, and that a second seed does
 * not repeat. The gap table and the advice have rows to show.
 */
describe('matching demo', () => {
  jest.setTimeout(180_000);
  let stack: TestStack;
  let owner: Client;
  const base = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}`;

  beforeAll(async () => {
    stack = await startTestStack();
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
  });

  /** The seed, then its talent demo, then the cooperations it chains: the cooperations job's result. */
  const seedCooperations = async () => {
    const parent = await seedDemo(stack.admin);
    const talent = await waitForJobState(
      stack.admin,
      followUpJobId(parent.id, JobName.SeedDemoTalent),
      'completed',
      120_000,
    );
    const nextJobId = (talent.result as { nextJobId: string }).nextJobId;
    expect(nextJobId).toBe(followUpJobId(talent.id, JobName.SeedDemoCooperations));
    return waitForJobState(stack.admin, nextJobId, 'completed', 60_000);
  };

  interface CooperationBody {
    id: string;
    postingId: string;
    offeringId: string;
    kind: string;
    status: string;
    headcount: number;
    cohortYear: number;
  }

  it('gives the demo a few cooperations from its matches, within capacity, once', async () => {
    const job = await seedCooperations();
    expect((job.result as { created: number }).created).toBeGreaterThanOrEqual(3);
    const list = await stack.admin.get(`${base}/cooperations?limit=50`);
    expect(list.status).toBe(200);
    const cooperations: CooperationBody[] = list.body.items;
    expect(cooperations).toHaveLength((job.result as { created: number }).created);
    expect(cooperations.filter((c) => c.status === 'active').length).toBeGreaterThanOrEqual(2);
    expect(cooperations.some((c) => c.status === 'proposed')).toBe(true);
    expect(new Set(cooperations.map((c) => c.kind)).size).toBeGreaterThanOrEqual(2);

    // Active headcount never exceeds an offering's expected graduates of the cohort year.
    const overCommitted = await owner.query(
      `SELECT c.offering_id FROM cooperations c JOIN programme_offerings o ON o.id = c.offering_id
        WHERE c.consortium_id = $1 AND c.status = 'active'
        GROUP BY c.offering_id, c.cohort_year, o.expected_graduates
       HAVING sum(c.headcount) > coalesce((SELECT sum((g->>'count')::int) FROM jsonb_array_elements(o.expected_graduates) g
                                            WHERE (g->>'year')::int = c.cohort_year), 0)`,
      [DEMO_CONSORTIUM_ID],
    );
    expect(overCommitted.rows).toEqual([]);

    // Each cooperation grew from a match the matching jobs store, and an active one is committed capacity there.
    const active = cooperations.find((c) => c.status === 'active')!;
    const match = await eventually(async () => {
      const matches = await stack.admin.get(`${base}/demand-postings/${active.postingId}/matches`);
      const m = matches.body.items?.find((i: { offeringId: string }) => i.offeringId === active.offeringId);
      return m && m.explanation.capacity.committed >= active.headcount ? m : undefined;
    }, 60_000);
    expect(match.explanation.capacity.year).toBe(active.cohortYear);
    const counts = await stack.admin.get(`${base}/cooperations/counts`);
    const students = counts.body.reduce((s: number, r: { students: number }) => s + r.students, 0);
    expect(students).toBe(cooperations.filter((c) => c.status === 'active').reduce((s, c) => s + c.headcount, 0));

    // The gap table of the cooperations' year has rows, and the advice prints.
    const gap = await stack.admin.get(`${base}/talent-gap?year=${active.cohortYear}`);
    expect(gap.body.byClass.length).toBeGreaterThan(0);
    const advice = await fetch(`${stack.http.baseUrl}${base}/talent-gap/adjustment-advice?year=${active.cohortYear}`, {
      headers: { authorization: `Bearer ${stack.admin.accessToken}` },
    });
    expect(advice.status).toBe(200);
    expect(await advice.text()).toContain('专业动态调整建议');

    // Seeding again adds none.
    const again = await seedCooperations();
    expect(again.result).toMatchObject({ created: 0 });
    const after = await stack.admin.get(`${base}/cooperations?limit=50`);
    expect(after.body.items.map((c: { id: string }) => c.id).sort()).toEqual(cooperations.map((c) => c.id).sort());
  });
});
