import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { JOB_SCHEDULES, JobName, QueueName } from '@chanjiao/core';
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
  queueOf,
  startTestStack,
  TestPerson,
  TestStack,
} from '@chanjiao/testing';

/**
 * Matching through HTTP on real PostgreSQL (and Redis when REDIS_URL is set): publishing a
 * posting makes matches appear through the job, who sees which matches, cooperations with
 * the capacity rule under parallel accepts, pins surviving a full re-match, no stale or
 * duplicate rows, the gap table against hand-computed figures with its xlsx export and the
 * printable programme-adjustment advice, the consortium's weights (bounds, audit, the
 * re-match a change starts) and the nightly re-match through the job scheduler.
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
    // The chunk that finished the run says so (UPDATE … RETURNING read as TypeORM answers it), and the
    // run's end is the clock's at that chunk's commit, not its transaction's start.
    const chunk = await owner((c) =>
      c.query<{ result: { runCompleted: boolean } }>(
        `SELECT result FROM outbox_message WHERE job_name = 'talent.matching-run-chunk' AND payload->>'runId' = $1`,
        [run.body.runId],
      ),
    );
    expect(chunk.rows.map((r) => r.result.runCompleted)).toEqual([true]);
    expect(new Date(done.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt).getTime());
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

  /** A download with the caller's token: status, headers and the bytes. */
  const download = async (client: HttpClient, path: string) => {
    const response = await fetch(`${stack.http.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${client.accessToken}` },
    });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('exports the gap table as xlsx (zh-CN headers) and prints the programme-adjustment advice', async () => {
    const file = await download(observer.http, `${base}/talent-gap/export?year=${year}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers.get('content-disposition')).toContain(`talent-gap-${year}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按专业类', '按职业']);
    const rowsOf = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .slice(3)
        .map((row) => (row as unknown[]).slice(1));
    const byClass = book.getWorksheet('按专业类')!;
    expect(String(byClass.getCell('A1').value)).toContain(`${year}年度人才供需缺口`);
    expect(rowsOf(byClass)[0]).toEqual([
      '专业类代码',
      '专业类名称',
      '需求人数',
      '需求岗位数',
      '预计毕业生数',
      '开设专业点数',
      '缺口（需求−供给）',
      '供需比',
      '建议',
    ]);
    // The hand-computed table above, as the secretariat prints it.
    expect(rowsOf(byClass).slice(1)).toEqual([
      [undefined, '未归类', 4, 1, 0, 0, 4, undefined, '—'],
      ['4603', '自动化类', 4, 1, 10, 1, -6, 0.4, '调减招生规模'],
      ['5102', '计算机类', 0, 0, 10, 1, -10, 0, '调减招生规模'],
    ]);
    expect(rowsOf(book.getWorksheet('按职业')!)[0]?.[0]).toBe('职业代码');
    const noYear = await sec.get(`${base}/talent-gap/export`);
    expect(noYear.status).toBe(400);
    expect(JSON.stringify(noYear.body.details)).toContain('year');

    const advice = await download(sec, `${base}/talent-gap/adjustment-advice?year=${year}`);
    expect(advice.status).toBe(200);
    expect(advice.headers.get('content-type')).toContain('text/html');
    const html = advice.bytes.toString('utf8');
    expect(html).toContain(`${year}年度专业动态调整建议`);
    // Both classes shrink; the larger gap first. The unclassified demand is noted, not advised.
    const computing = html.indexOf('<td>5102</td><td>计算机类</td><td>调减招生规模</td>');
    const automation = html.indexOf('<td>4603</td><td>自动化类</td><td>调减招生规模</td>');
    expect(computing).toBeGreaterThan(0);
    expect(automation).toBeGreaterThan(computing);
    expect(html).toContain('另有 4 人的需求（1 个岗位）未能归入专业类');
    expect(html).not.toContain('<td>unclassified</td>');
  });

  it('lists the latest runs, newest first', async () => {
    const runs = await observer.http.get(`${base}/matching-runs?limit=5`);
    expect(runs.status).toBe(200);
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.items[0]).toMatchObject({ kind: 'full', trigger: 'manual', status: 'completed', progress: 100 });
    expect((await observer.http.get(`${base}/matching-runs?limit=51`)).status).toBe(400);
  });

  const DEFAULT_WEIGHTS = { programme: 35, text: 20, skills: 20, capacity: 10, mode: 5, locality: 10 };

  it('the secretariat sets weights within the bounds (422 naming the field); a change re-matches with them, audited', async () => {
    const current = await sec.get(`${base}/matching-weights`);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      weights: DEFAULT_WEIGHTS,
      textMin: 0.3,
      minScore: 25,
      custom: false,
      defaults: { weights: DEFAULT_WEIGHTS, textMin: 0.3, minScore: 25 },
      updatedAt: null,
    });
    expect(current.body.bounds).toMatchObject({
      weights: { programme: { min: 10, max: 60 }, skills: { min: 0, max: 40 } },
      textMin: { min: 0.1, max: 0.8 },
      minScore: { min: 0, max: 60 },
    });
    expect((await observer.http.get(`${base}/matching-weights`)).status).toBe(403);

    const put = (client: HttpClient, body: Record<string, unknown>) => client.put(`${base}/matching-weights`, { body });
    const valid = { weights: { ...DEFAULT_WEIGHTS, text: 40, skills: 0 }, textMin: 0.3, minScore: 25 };
    const tooHigh = await put(sec, { ...valid, weights: { ...valid.weights, programme: 61 } });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.details).toMatchObject({ code: 'invalid_settings', field: 'weights.programme' });
    const tooLow = await put(sec, { ...valid, minScore: -1 });
    expect(tooLow.status).toBe(422);
    expect(tooLow.body.details).toMatchObject({ field: 'minScore' });
    const tooPrecise = await put(sec, { ...valid, textMin: 0.3333 });
    expect(tooPrecise.status).toBe(422);
    expect(tooPrecise.body.details).toMatchObject({ field: 'textMin' });
    const missing = await put(sec, { ...valid, weights: { ...valid.weights, mode: undefined } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details)).toContain('weights.mode');
    expect((await put(hrA.http, valid)).status).toBe(403);

    const before = (await matchesOf(sec, postingId)).body.matchedAt as string;
    const changed = await put(sec, valid);
    expect(changed.status).toBe(202);
    expect(changed.body).toMatchObject({ weights: valid.weights, custom: true, run: { name: 'talent.matching-run' } });
    const run = await eventually(async () => {
      const r = await sec.get(`${base}/matching-runs/${changed.body.run.runId}`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 30_000);
    expect(run).toMatchObject({ kind: 'full', trigger: 'weights', postingsTotal: 2 });
    // The runs list tells it from the run asked for by POST (newest first).
    const listed = (await observer.http.get(`${base}/matching-runs`)).body.items as { id: string; trigger: string }[];
    expect(listed.map((r) => r.trigger)).toEqual(['weights', 'manual']);
    expect(listed[0].id).toBe(changed.body.run.runId);
    // The posting names no codes: text carries the programme weight too (40 + 35); skills weigh nothing now.
    const after = await matchedAfter(postingId, before);
    const robotMatch = after.items.find((m: { offeringId: string }) => m.offeringId === robot);
    expect(robotMatch.factors.text.weight).toBe(75);
    expect(robotMatch.factors.skills).toMatchObject({ weight: 0, points: 0 });
    expect(robotMatch.runId).toBe(changed.body.run.runId);

    // The same body again changes nothing: 200, no run, no audit entry.
    const same = await put(sec, valid);
    expect(same.status).toBe(200);
    expect(same.body.run).toBeNull();
    const audit = await owner((c) =>
      c.query<{ changes: unknown }>(
        `SELECT changes FROM audit_log WHERE consortium_id = $1 AND action = 'talent.matching_settings.updated'`,
        [cid],
      ),
    );
    expect(audit.rows.map((r) => r.changes)).toEqual([
      { 'weights.text': { from: 20, to: 40 }, 'weights.skills': { from: 20, to: 0 } },
    ]);
    expect((await sec.get(`${base}/matching-weights`)).body).toMatchObject({ weights: valid.weights, custom: true });
  });

  it('re-matches every consortium nightly through the job scheduler (02:30 China time)', async () => {
    const schedule = JOB_SCHEDULES.find((s) => s.name === JobName.MatchingNightlyTick)!;
    const queue = queueOf(stack.worker!, QueueName.Matching);
    const scheduler = await eventually(async () => (await queue.getJobScheduler(schedule.id)) ?? undefined);
    expect(scheduler).toMatchObject({ pattern: '30 2 * * *', tz: 'Asia/Shanghai' });
    const nightly = async () =>
      (
        (await sec.get(`${base}/matching-runs?limit=50`)).body.items as { id: string; kind: string; status: string }[]
      ).filter((r) => r.kind === 'nightly');
    // Runs before ours can only come from the real 02:30 tick, should this test run then.
    const before = new Set((await nightly()).map((r) => r.id));
    let done: Array<{ id: string; postingsTotal: number }> = [];
    try {
      // Let the scheduler produce an occurrence now rather than at 02:30 tonight.
      await queue.upsertJobScheduler(schedule.id, { every: 500 }, { name: schedule.name, data: schedule.payload });
      done = await eventually(async () => {
        const runs = (await nightly()).filter((r) => r.status === 'completed' && !before.has(r.id));
        return runs.length > 0 ? (runs as unknown as typeof done) : undefined;
      }, 30_000);
    } finally {
      await queue.upsertJobScheduler(
        schedule.id,
        { pattern: schedule.pattern, tz: schedule.tz },
        { name: schedule.name, data: schedule.payload },
      );
    }
    expect(done[0]).toMatchObject({
      trigger: 'nightly',
      postingsTotal: 2,
      scoringVersion: expect.stringMatching(/^match-/),
    });
    // The stored matches now come from a nightly run.
    await eventually(async () => {
      const ids = (await nightly()).map((r) => r.id);
      const rows = await owner((c) =>
        c.query<{ runId: string }>(`SELECT DISTINCT run_id AS "runId" FROM demand_matches WHERE consortium_id = $1`, [
          cid,
        ]),
      );
      return rows.rows.length > 0 && rows.rows.every((r) => ids.includes(r.runId)) ? true : undefined;
    }, 30_000);
  });
});
