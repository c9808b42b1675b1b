import { Client } from 'pg';
import {
  addPerson,
  chinaToday,
  ensureTestCatalogue,
  eventually,
  HttpClient,
  insertConsortium,
  insertMember,
  insertOffering,
  queueBackends,
  startTestStack,
  TestPerson,
  TestStack,
} from '@chanjiao/testing';

/**
 * Matching through HTTP on real PostgreSQL (and Redis when REDIS_URL is set): publishing a
 * posting makes matches appear through the job, who sees which matches, cooperations with
 * the capacity rule under parallel accepts, pins surviving a full re-match, no stale or
 * duplicate rows, and the gap table against hand-computed figures.
 */
describe.each(queueBackends())('matching on the %s queue backend', (backend) => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let org: { a: string; b: string; s1: string; s2: string };
  let sec: HttpClient;
  let hrA: TestPerson;
  let hrB: TestPerson;
  let teacher1: TestPerson;
  let teacher2: TestPerson;
  let observer: TestPerson;
  let robot: string; // S1's 工业机器人技术 offering
  let computing: string; // S2's 计算机应用技术 offering
  const start = chinaToday(7);
  const year = Number(start.slice(0, 4));

  const owner = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: stack.db.ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    stack = await startTestStack({ backend });
    const editions = await ensureTestCatalogue(stack.db.ownerUrl);
    await owner((c) =>
      c.query(
        `INSERT INTO catalogue_programme_occupations (edition, programme_code, occupation_edition, occupation_code)
         VALUES ($1, '460305', $2, '6-31-07-03'), ($1, '660303', $2, '6-31-07-03') ON CONFLICT DO NOTHING`,
        [editions.programmes, editions.occupations],
      ),
    );
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    const url = stack.db.ownerUrl;
    org = {
      a: (await insertMember(url, cid, { type: 'enterprise', name: '苏州博睿机器人科技有限公司' })).id,
      b: (await insertMember(url, cid, { type: 'enterprise', name: '苏州云帆软件有限公司' })).id,
      s1: (await insertMember(url, cid, { type: 'higher_vocational', name: '苏州工业职业技术学院' })).id,
      s2: (await insertMember(url, cid, { type: 'higher_vocational', name: '苏州信息职业技术学院' })).id,
    };
    robot = (
      await insertOffering(url, cid, {
        organizationId: org.s1,
        programmeCode: '460305',
        level: 'higher_vocational',
        skills: ['plc编程'],
      })
    ).id;
    computing = (
      await insertOffering(url, cid, {
        organizationId: org.s2,
        programmeCode: '510201',
        level: 'higher_vocational',
        skills: ['java'],
      })
    ).id;
    await owner((c) =>
      c.query(
        `UPDATE programme_offerings SET expected_graduates = $2, training_modes = '{order_class}' WHERE id = ANY($1::uuid[])`,
        [[robot, computing], JSON.stringify([{ year, count: 10 }])],
      ),
    );
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    [hrA, hrB, teacher1, teacher2, observer] = await Promise.all([
      addPerson(stack.admin, cid, 'member', org.a),
      addPerson(stack.admin, cid, 'member', org.b),
      addPerson(stack.admin, cid, 'member', org.s1),
      addPerson(stack.admin, cid, 'member', org.s2),
      addPerson(stack.admin, cid, 'observer'),
    ]);
  });

  afterAll(() => stack?.close());

  async function publish(client: HttpClient, body: Record<string, unknown>): Promise<string> {
    const created = await client.post(`${base}/demand-postings`, {
      body: { headcount: 4, employmentType: 'order_class', startDate: start, ...body },
    });
    expect(created.status).toBe(201);
    expect(
      (await client.post(`${base}/demand-postings/${created.body.id}/transitions`, { body: { action: 'publish' } }))
        .status,
    ).toBe(200);
    return created.body.id as string;
  }

  const matchesOf = (client: HttpClient, postingId: string) =>
    client.get(`${base}/demand-postings/${postingId}/matches`);
  const matchedAfter = (
    postingId: string,
    after: string | null,
    check: (body: { items: { offeringId: string }[] }) => boolean = () => true,
  ) =>
    eventually(async () => {
      const res = await matchesOf(sec, postingId);
      return res.status === 200 && res.body.matchedAt && res.body.matchedAt !== after && check(res.body)
        ? res.body
        : undefined;
    }, 30_000);

  let postingId: string;

  it('publishing a posting with no codes makes its matches appear through the job, explained', async () => {
    postingId = await publish(hrA.http, {
      title: '工业机器人运维工程师',
      description: '负责产线设备的日常巡检与保养。',
      requiredSkills: [
        { skill: 'ＰＬＣ编程', weight: 3 },
        { skill: '电气识图', weight: 1 },
      ],
    });
    const body = await matchedAfter(postingId, null);
    expect(body.items.map((m: { offeringId: string }) => m.offeringId)).toEqual([robot]);
    const top = body.items[0];
    expect(top).toMatchObject({
      schoolId: org.s1,
      schoolName: '苏州工业职业技术学院',
      programmeCode: '460305',
      rank: 1,
      pinned: false,
    });
    expect(top.explanation.text.source.name).toContain('工业机器人');
    expect(top.explanation.text.words).toContain('工业机器人');
    expect(top.explanation.skills).toEqual({ matched: ['plc编程'], missing: ['电气识图'], offeringHasNoSkills: false });
    expect(top.explanation.capacity).toMatchObject({
      year,
      expected: 10,
      committed: 0,
      available: 10,
      headcount: 4,
      value: 1,
    });
    expect(top.factors.programme).toBeUndefined();
    expect(body.scoringVersion).toMatch(/^match-/);
  });

  it('shows matches to the posting’s enterprise, the offering’s school, the secretariat and observers only', async () => {
    expect((await matchesOf(hrA.http, postingId)).status).toBe(200);
    expect((await matchesOf(observer.http, postingId)).status).toBe(200);
    expect((await matchesOf(hrB.http, postingId)).status).toBe(404);
    expect((await matchesOf(teacher1.http, postingId)).status).toBe(404);
    const mine = await teacher1.http.get(`${base}/programme-offerings/${robot}/matches`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((m: { postingId: string }) => m.postingId)).toContain(postingId);
    expect((await teacher2.http.get(`${base}/programme-offerings/${robot}/matches`)).status).toBe(404);
  });

  it('says "no match" with the nearest offerings and their reasons instead of weak matches', async () => {
    const chef = await publish(hrB.http, { title: '西式面点师', description: '负责烘焙', employmentType: 'full_time' });
    const body = await matchedAfter(chef, null);
    expect(body.items).toEqual([]);
    expect(body.noMatch.nearest.length).toBeGreaterThan(0);
    for (const n of body.noMatch.nearest) expect(n.reasons).toContain('no_programme_text_or_skill_fit');
  });

  it('accepting a cooperation lowers the capacity the next match sees; parallel accepts never over-commit', async () => {
    const before = (await matchesOf(sec, postingId)).body.matchedAt as string;
    const propose = (client: HttpClient, headcount: number) =>
      client.post(`${base}/cooperations`, {
        body: { postingId, offeringId: robot, kind: 'order_class', headcount, startDate: start },
      });
    const bad = await propose(hrA.http, 0);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('headcount');
    expect((await propose(hrB.http, 2)).status).toBe(403); // not the posting's enterprise
    const first = await propose(hrA.http, 8);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'proposed',
      proposedBySide: 'enterprise',
      enterpriseId: org.a,
      schoolId: org.s1,
      cohortYear: year,
    });
    const url = (id: string) => `${base}/cooperations/${id}/transitions`;
    expect((await hrA.http.post(url(first.body.id), { body: { action: 'accept' } })).status).toBe(409); // the other side accepts
    const accepted = await teacher1.http.post(url(first.body.id), { body: { action: 'accept' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.status).toBe('active');

    const after = await matchedAfter(postingId, before);
    expect(after.items[0].explanation.capacity).toMatchObject({
      expected: 10,
      committed: 8,
      available: 2,
      headcount: 4,
      value: 0.5,
    });

    // 2 graduates left: of two proposals of 2, accepted at once, exactly one commits.
    const [p1, p2] = [await propose(hrA.http, 2), await propose(hrA.http, 2)];
    const answers = await Promise.all(
      [p1, p2].map((p) => teacher1.http.post(url(p.body.id), { body: { action: 'accept' } })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.status === 409);
    expect(refused?.body.details).toMatchObject({
      code: 'capacity_exceeded',
      expected: 10,
      committed: 10,
      requested: 2,
    });
    const active = await sec.get(`${base}/cooperations?status=active&offeringId=${robot}`);
    expect(active.body.items.reduce((s: number, c: { headcount: number }) => s + c.headcount, 0)).toBe(10);
    const counts = await observer.http.get(`${base}/cooperations/counts`);
    expect(counts.body).toEqual([{ year, kind: 'order_class', students: 10, cooperations: 2 }]);
    expect((await hrB.http.get(`${base}/cooperations/${first.body.id}`)).status).toBe(404);
  });

  it('a pinned match survives a full re-match, which leaves no duplicate or stale rows', async () => {
    const before = (await matchesOf(sec, postingId)).body.matchedAt as string;
    expect(
      (
        await teacher1.http.put(`${base}/demand-postings/${postingId}/matches/${computing}/decision`, {
          body: { decision: 'pinned' },
        })
      ).status,
    ).toBe(404);
    const pin = await sec.put(`${base}/demand-postings/${postingId}/matches/${computing}/decision`, {
      body: { decision: 'pinned' },
    });
    expect(pin.status).toBe(200);
    const pinned = await matchedAfter(postingId, before, (b) => b.items.some((m) => m.offeringId === computing));
    expect(pinned.items[0]).toMatchObject({ offeringId: computing, pinned: true, rank: null });

    const closed = await publish(hrA.http, {
      title: '工业机器人系统操作员',
      requiredSkills: [{ skill: 'plc编程', weight: 1 }],
    });
    await matchedAfter(closed, null);
    await owner((c) =>
      c.query(`UPDATE talent_demand_postings SET status = 'closed', closed_at = now() WHERE id = $1`, [closed]),
    );

    const run = await sec.post(`${base}/matching-runs`);
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ name: 'talent.matching-run', statusUrl: `/api/v1/jobs/${run.body.jobId}` });
    const done = await eventually(async () => {
      const r = await observer.http.get(`${base}/matching-runs/${run.body.runId}`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 30_000);
    expect(done).toMatchObject({
      progress: 100,
      postingsTotal: 2,
      postingsMatched: 1,
      postingsNoMatch: 1,
      scoringVersion: pinned.scoringVersion,
    });
    const after = await matchesOf(sec, postingId);
    expect(after.body.items.map((m: { offeringId: string; pinned: boolean }) => [m.offeringId, m.pinned])).toEqual([
      [computing, true],
      [robot, false],
    ]);
    const rows = await owner((c) =>
      c.query<{ n: number; pairs: number; stale: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT (posting_id, offering_id))::int AS pairs,
                count(*) FILTER (WHERE p.status <> 'published')::int AS stale
           FROM demand_matches d JOIN talent_demand_postings p ON p.id = d.posting_id WHERE d.consortium_id = $1`,
        [cid],
      ),
    );
    expect(rows.rows[0]).toEqual({ n: 2, pairs: 2, stale: 0 });
  });

  it('hides need a reason and the secretariat; the enterprise marks not relevant; hidden matches leave the others’ view', async () => {
    const decide = (client: HttpClient, body: Record<string, unknown>) =>
      client.put(`${base}/demand-postings/${postingId}/matches/${robot}/decision`, { body });
    const noReason = await decide(sec, { decision: 'hidden' });
    expect(noReason.status).toBe(409);
    expect(noReason.body.details).toMatchObject({ field: 'reason' });
    expect((await decide(hrA.http, { decision: 'hidden', reason: 'x' })).status).toBe(409);
    expect((await decide(hrA.http, { decision: 'not_relevant' })).body).toMatchObject({
      side: 'enterprise',
      decision: 'not_relevant',
    });
    expect((await decide(sec, { decision: 'hidden', reason: '专业方向不符' })).status).toBe(200);
    const forEnterprise = await matchesOf(hrA.http, postingId);
    expect(forEnterprise.body.items.map((m: { offeringId: string }) => m.offeringId)).toEqual([computing]);
    const forSecretariat = await matchesOf(sec, postingId);
    expect(forSecretariat.body.items.find((m: { offeringId: string }) => m.offeringId === robot)).toMatchObject({
      hidden: true,
      hiddenReason: '专业方向不符',
      notRelevant: true,
    });
    const feedback = await sec.get(`${base}/matching-feedback`);
    expect(feedback.status).toBe(200);
    expect(feedback.body.hiddenTotal).toBe(1); // hidden and not relevant: one pair
    expect(feedback.body.factors.map((f: { factor: string }) => f.factor)).toEqual([
      'programme',
      'text',
      'skills',
      'capacity',
      'mode',
      'locality',
    ]);
    const audit = await owner((c) =>
      c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE consortium_id = $1 AND action = 'talent.match.decided'`,
        [cid],
      ),
    );
    expect(audit.rows[0].n).toBe(3);
  });

  it('the gap table counts each posting once per row (hand-computed)', async () => {
    expect((await sec.get(`${base}/talent-gap`)).status).toBe(400);
    const gap = await observer.http.get(`${base}/talent-gap?year=${year}`);
    expect(gap.status).toBe(200);
    // Published postings starting this year: 工业机器人运维工程师 (4, best match 460305 → class 4603) and
    // 西式面点师 (4, no codes, no match → unclassified). Supply: 460305 and 510201, 10 graduates each.
    expect(gap.body.byClass).toEqual([
      {
        key: 'unclassified',
        name: null,
        demand: 4,
        postings: 1,
        supply: 0,
        offerings: 0,
        gap: 4,
        ratio: null,
        recommendation: 'maintain',
      },
      {
        key: '4603',
        name: '自动化类',
        demand: 4,
        postings: 1,
        supply: 10,
        offerings: 1,
        gap: -6,
        ratio: 0.4,
        recommendation: 'shrink',
      },
      {
        key: '5102',
        name: '计算机类',
        demand: 0,
        postings: 0,
        supply: 10,
        offerings: 1,
        gap: -10,
        ratio: 0,
        recommendation: 'shrink',
      },
    ]);
    const strict = await sec.get(`${base}/talent-gap?year=${year}&shrinkBelow=0.3`);
    expect(strict.body.byClass.find((r: { key: string }) => r.key === '4603').recommendation).toBe('maintain');
  });
});
