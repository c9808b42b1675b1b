import ExcelJS from 'exceljs';
import { Clock, followUpJobId, JOB_SCHEDULES, JobName, QueueName } from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
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
  seedDemo,
  startTestStack,
  TestPerson,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

/**
 * Talent supply and demand postings through HTTP: ownership for every role, bad input
 * naming the field, search, the skill synonym list, the daily expiry scheduler and the
 * demand bulletin against hand-computed tables.
 */
describe('talent postings', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let org: { a: string; b: string; school: string; otherSchool: string };
  let sec: HttpClient;
  let hrA: TestPerson;
  let hrB: TestPerson;
  let teacher: TestPerson;
  let observer: TestPerson;
  let offeringId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    await ensureTestCatalogue(stack.db.ownerUrl);
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    const owner = stack.db.ownerUrl;
    org = {
      a: (
        await insertMember(owner, cid, {
          type: 'enterprise',
          name: '苏州博睿机器人科技有限公司',
          industryCode: 'C3484',
        })
      ).id,
      b: (await insertMember(owner, cid, { type: 'enterprise', name: '苏州云帆软件有限公司', industryCode: 'I6513' }))
        .id,
      school: (await insertMember(owner, cid, { type: 'higher_vocational', name: '苏州工业职业技术学院' })).id,
      otherSchool: (await insertMember(owner, cid, { type: 'higher_vocational', name: '苏州信息职业技术学院' })).id,
    };
    offeringId = (
      await insertOffering(owner, cid, {
        organizationId: org.school,
        programmeCode: '460305',
        level: 'higher_vocational',
        skills: ['工业机器人操作', 'plc编程'],
      })
    ).id;
    const secretariat = await addPerson(stack.admin, cid, 'secretariat');
    sec = secretariat.http;
    [hrA, hrB, teacher, observer] = await Promise.all([
      addPerson(stack.admin, cid, 'member', org.a),
      addPerson(stack.admin, cid, 'member', org.b),
      addPerson(stack.admin, cid, 'member', org.school),
      addPerson(stack.admin, cid, 'observer'),
    ]);
  });

  afterAll(() => stack?.close());

  const demand = (overrides: Record<string, unknown> = {}) => ({
    title: '工业机器人运维工程师',
    description: '负责焊接机器人工作站的点检与故障排除。',
    headcount: 3,
    employmentType: 'full_time',
    requiredSkills: [{ skill: 'ＰＬＣ', weight: 5 }],
    ...overrides,
  });

  async function published(client: HttpClient, body: Record<string, unknown> = {}): Promise<string> {
    const created = await client.post(`${base}/demand-postings`, { body: demand(body) });
    expect(created.status).toBe(201);
    const done = await client.post(`${base}/demand-postings/${created.body.id}/transitions`, {
      body: { action: 'publish' },
    });
    expect(done.status).toBe(200);
    return created.body.id as string;
  }

  it('takes a posting with only a title, a description and skills, normalising the skills', async () => {
    const created = await hrA.http.post(`${base}/demand-postings`, {
      body: {
        title: '设备操作实习生',
        description: '学习自动化产线操作',
        headcount: 2,
        employmentType: 'internship',
        requiredSkills: [
          { skill: ' ＰＬＣ ', weight: 3 },
          { skill: 'plc', weight: 4 },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      organizationId: org.a,
      status: 'draft',
      occupationCode: null,
      programmeCodes: [],
      requiredSkills: [{ skill: 'plc', weight: 4 }],
      publishedAt: null,
    });
  });

  it('keeps drafts to their own organization: others get 404, the secretariat sees them', async () => {
    const draft = await hrA.http.post(`${base}/demand-postings`, { body: demand({ title: '草稿岗位' }) });
    const url = `${base}/demand-postings/${draft.body.id}`;
    expect((await hrA.http.get(url)).status).toBe(200);
    expect((await sec.get(url)).status).toBe(200);
    expect((await hrB.http.get(url)).status).toBe(404);
    expect((await observer.http.get(url)).status).toBe(404);
    expect((await hrB.http.patch(url, { body: { title: '改' } })).status).toBe(404);
    const listed = await hrB.http.get(`${base}/demand-postings?limit=200`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.body.id);
    const mine = await hrA.http.get(`${base}/demand-postings?mine=true&status=draft&limit=200`);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(draft.body.id);
  });

  it('makes published postings read-only for other organizations and readable by observers', async () => {
    const id = await published(hrA.http);
    const url = `${base}/demand-postings/${id}`;
    expect((await observer.http.get(url)).body.status).toBe('published');
    expect((await hrB.http.get(url)).status).toBe(200);
    const edit = await hrB.http.patch(url, { body: { headcount: 99 } });
    expect(edit.status).toBe(403);
    expect(edit.body.details).toMatchObject({ code: 'read_only_posting', field: 'organizationId' });
    expect((await hrB.http.post(`${url}/transitions`, { body: { action: 'fill' } })).status).toBe(403);
    expect((await observer.http.patch(url, { body: { headcount: 1 } })).status).toBe(403);
    expect((await observer.http.post(`${base}/demand-postings`, { body: demand() })).status).toBe(403);
    const own = await hrA.http.patch(url, { body: { headcount: 4, salaryMin: '6000', salaryMax: '9000' } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ headcount: 4, salaryMin: '6000.00', salaryMax: '9000.00', status: 'published' });
  });

  it.each([
    ['an unknown occupation code', { occupationCode: '6-99-99-99' }, 422, 'occupationCode'],
    ['a malformed occupation code', { occupationCode: 'welder' }, 400, 'occupationCode'],
    ['an unknown programme code', { programmeCodes: ['460305', '999999'] }, 422, 'programmeCodes'],
    ['an unknown programme class', { programmeClassCodes: ['9999'] }, 422, 'programmeClassCodes'],
    ['headcount 0', { headcount: 0 }, 400, 'headcount'],
    ['a salary minimum above the maximum', { salaryMin: '9000', salaryMax: '8000' }, 400, 'salaryMin'],
    ['a salary that is not an amount', { salaryMin: '八千' }, 400, 'salaryMin'],
    ['validUntil before today (China time)', { validUntil: chinaToday(-1) }, 400, 'validUntil'],
    ['another organization', { organizationId: '00000000-0000-4000-8000-000000000001' }, 403, 'organizationId'],
  ])('refuses %s, naming the field', async (_label, overrides, status, field) => {
    const response = await hrA.http.post(`${base}/demand-postings`, { body: demand(overrides) });
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body.details)).toContain(field);
  });

  it('accepts codes of the catalogue, and validUntil today', async () => {
    const response = await hrA.http.post(`${base}/demand-postings`, {
      body: demand({
        occupationCode: '6-31-07-03',
        programmeCodes: ['460305'],
        programmeClassCodes: ['4603'],
        validUntil: chinaToday(0),
        minLevel: 'higher_vocational',
      }),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      occupationCode: '6-31-07-03',
      programmeCodes: ['460305'],
      validUntil: chinaToday(0),
    });
  });

  it('refuses demand from a school and from an enterprise naming another enterprise', async () => {
    const school = await teacher.http.post(`${base}/demand-postings`, { body: demand() });
    expect(school.status).toBe(422);
    expect(school.body.details).toMatchObject({ code: 'wrong_organization_type', field: 'organizationId' });
    const other = await hrA.http.post(`${base}/demand-postings`, { body: demand({ organizationId: org.b }) });
    expect(other.status).toBe(403);
    expect(other.body.details).toMatchObject({ field: 'organizationId' });
    const forSchool = await sec.post(`${base}/demand-postings`, { body: demand({ organizationId: org.school }) });
    expect(forSchool.status).toBe(422);
    const noOrg = await sec.post(`${base}/demand-postings`, { body: demand() });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.details).toMatchObject({ field: 'organizationId' });
    expect((await sec.post(`${base}/demand-postings`, { body: demand({ organizationId: org.b }) })).status).toBe(201);
  });

  it('lets the secretariat close any posting, with a reason', async () => {
    const id = await published(hrB.http, { title: '待审核岗位' });
    const url = `${base}/demand-postings/${id}/transitions`;
    const bare = await sec.post(url, { body: { action: 'close' } });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toMatchObject({ field: 'reason' });
    const closed = await sec.post(url, { body: { action: 'close', reason: '岗位信息不实' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: '岗位信息不实' });
    expect((await sec.post(url, { body: { action: 'fill' } })).status).toBe(409);
    expect((await hrB.http.patch(`${base}/demand-postings/${id}`, { body: { headcount: 2 } })).status).toBe(409);
    const reopened = await hrB.http.post(url, { body: { action: 'reopen' } });
    expect(reopened.body).toMatchObject({ status: 'draft', closeReason: null });
  });

  it('publishes a draft once when two requests race', async () => {
    const draft = await hrA.http.post(`${base}/demand-postings`, { body: demand({ title: '并发发布' }) });
    const url = `${base}/demand-postings/${draft.body.id}/transitions`;
    const answers = await Promise.all([1, 2, 3].map(() => hrA.http.post(url, { body: { action: 'publish' } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('finds postings by Chinese text, full-width skills and filters, page by page', async () => {
    await published(hrA.http, {
      title: '焊接机器人调试员',
      description: '负责弧焊工作站调试',
      requiredSkills: [{ skill: '焊接', weight: 4 }],
      district: '吴中区',
      salaryMax: '12000',
    });
    const q = async (query: string) =>
      (await observer.http.get(`${base}/demand-postings?${query}`)).body.items.map((p: { title: string }) => p.title);
    expect(await q(`q=${encodeURIComponent('弧焊')}`)).toEqual(['焊接机器人调试员']);
    expect(await q(`q=${encodeURIComponent('ＰＬＣ')}&limit=200`)).toContain('工业机器人运维工程师');
    expect(await q(`district=${encodeURIComponent('吴中区')}`)).toEqual(['焊接机器人调试员']);
    expect(await q(`salaryAtLeast=10000`)).toEqual(['焊接机器人调试员']);
    expect(await q(`skill=${encodeURIComponent('焊接')}`)).toEqual(['焊接机器人调试员']);
    const bad = await observer.http.get(`${base}/demand-postings?status=open`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('status');

    const all = (await sec.get(`${base}/demand-postings?limit=200`)).body.items.map((p: { id: string }) => p.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await sec.get(
        `${base}/demand-postings?limit=3&sort=-headcount${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...all].sort());
  });

  it('maps skill variants with the secretariat’s synonym list and rewrites postings that used them', async () => {
    const id = await published(hrB.http, {
      title: '电气工程师',
      requiredSkills: [{ skill: '可编程控制器', weight: 4 }],
    });
    expect(
      (await hrA.http.post(`${base}/skill-synonyms`, { body: { variant: '可编程控制器', skill: 'PLC' } })).status,
    ).toBe(403);
    const created = await sec.post(`${base}/skill-synonyms`, { body: { variant: '可编程控制器', skill: 'ＰＬＣ' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ variant: '可编程控制器', skill: 'plc' });
    expect((await sec.post(`${base}/skill-synonyms`, { body: { variant: '可编程控制器', skill: 'x' } })).status).toBe(
      409,
    );
    expect(
      (await sec.post(`${base}/skill-synonyms`, { body: { variant: 'Plc', skill: 'PLC' } })).body.details,
    ).toMatchObject({ field: 'variant' });
    expect((await hrB.http.get(`${base}/demand-postings/${id}`)).body.requiredSkills).toEqual([
      { skill: 'plc', weight: 4 },
    ]);
    const later = await hrB.http.post(`${base}/demand-postings`, {
      body: demand({ requiredSkills: [{ skill: '可编程控制器', weight: 2 }] }),
    });
    expect(later.body.requiredSkills).toEqual([{ skill: 'plc', weight: 2 }]);
    expect((await observer.http.get(`${base}/skill-synonyms`)).body).toHaveLength(1);
    expect((await sec.delete(`${base}/skill-synonyms/${created.body.id}`)).status).toBe(204);
  });

  it('takes supply postings from schools for their own offerings only', async () => {
    const created = await teacher.http.post(`${base}/supply-postings`, {
      body: {
        offeringId,
        cohortYear: Number(chinaToday(0).slice(0, 4)) + 1,
        headcount: 40,
        modes: ['employment', 'internship'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      organizationId: org.school,
      programmeCode: '460305',
      programmeClassCode: '4603',
      level: 'higher_vocational',
      status: 'draft',
      skills: [
        { skill: '工业机器人操作', weight: 3 },
        { skill: 'plc编程', weight: 3 },
      ],
    });
    const url = `${base}/supply-postings/${created.body.id}`;
    expect((await hrA.http.get(url)).status).toBe(404);
    const enterprise = await hrA.http.post(`${base}/supply-postings`, {
      body: { offeringId, cohortYear: 2027, headcount: 1 },
    });
    expect(enterprise.status).toBe(403);
    expect(enterprise.body.details).toMatchObject({ field: 'offeringId' });
    const unknown = await teacher.http.post(`${base}/supply-postings`, {
      body: { offeringId: '00000000-0000-4000-8000-000000000009', cohortYear: 2027, headcount: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toMatchObject({ field: 'offeringId' });
    expect(
      (await teacher.http.post(`${base}/supply-postings`, { body: { offeringId, cohortYear: 2027, headcount: 0 } }))
        .status,
    ).toBe(400);
    expect((await teacher.http.post(`${url}/transitions`, { body: { action: 'publish' } })).body.status).toBe(
      'published',
    );
    expect((await hrA.http.get(url)).status).toBe(200);
    expect((await hrA.http.patch(url, { body: { headcount: 1 } })).status).toBe(403);
    const listed = await observer.http.get(`${base}/supply-postings?programmeClassCode=4603`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
  });

  it('counts postings for dashboards by status', async () => {
    const stats = await sec.get(`${base}/talent-stats`);
    expect(stats.status).toBe(200);
    const published = stats.body.demand.find((s: { status: string }) => s.status === 'published');
    const list = await sec.get(`${base}/demand-postings?status=published&limit=200`);
    expect(published.postings).toBe(list.body.items.length);
    expect(stats.body.supply.find((s: { status: string }) => s.status === 'published').headcount).toBe(40);
    const forObserver = await observer.http.get(`${base}/talent-stats`);
    expect(forObserver.body.demand.find((s: { status: string }) => s.status === 'draft').postings).toBe(0);
  });

  it('seeds the demo enterprises about 60 postings in every state, several without codes', async () => {
    const parent = await seedDemo(stack.admin);
    const job = await waitForJobState(stack.admin, followUpJobId(parent.id, JobName.SeedDemoTalent), 'completed');
    expect(job.result?.created).toBeGreaterThanOrEqual(50);
    const demo = await stack.admin.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/demand-postings?limit=200`);
    const items: Array<{
      status: string;
      occupationCode: string | null;
      programmeCodes: string[];
      programmeClassCodes: string[];
      validUntil: string;
    }> = demo.body.items;
    expect(new Set(items.map((p) => p.status))).toEqual(new Set(['draft', 'published', 'closed', 'filled', 'expired']));
    const uncoded = items.filter(
      (p) => !p.occupationCode && p.programmeCodes.length === 0 && p.programmeClassCodes.length === 0,
    );
    expect(uncoded.length).toBeGreaterThanOrEqual(5);
    expect(items.filter((p) => p.status === 'expired').every((p) => p.validUntil < chinaToday(0))).toBe(true);
    expect(items.filter((p) => p.status === 'published').every((p) => p.validUntil >= chinaToday(0))).toBe(true);
    const again = await seedDemo(stack.admin);
    const second = await waitForJobState(stack.admin, followUpJobId(again.id, JobName.SeedDemoTalent), 'completed');
    expect(second.result?.created).toBe(0);
  });
});

describe.each(queueBackends())('daily expiry on the %s queue backend', (backend) => {
  let stack: TestStack;
  let base: string;
  let sec: HttpClient;
  let hr: TestPerson;
  let teacher: TestPerson;
  let offeringId: string;

  beforeAll(async () => {
    stack = await startTestStack({ backend });
    await ensureTestCatalogue(stack.db.ownerUrl);
    const cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    const enterprise = (await insertMember(stack.db.ownerUrl, cid, { type: 'enterprise' })).id;
    const school = (await insertMember(stack.db.ownerUrl, cid, { type: 'higher_vocational' })).id;
    offeringId = (
      await insertOffering(stack.db.ownerUrl, cid, {
        organizationId: school,
        programmeCode: '460305',
        level: 'higher_vocational',
      })
    ).id;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    hr = await addPerson(stack.admin, cid, 'member', enterprise);
    teacher = await addPerson(stack.admin, cid, 'member', school);
  });

  afterAll(() => stack?.close());

  async function published(
    client: HttpClient,
    body: Record<string, unknown>,
    side: 'demand' | 'supply' = 'demand',
  ): Promise<string> {
    const created = await client.post(`${base}/${side}-postings`, {
      body:
        side === 'demand'
          ? { title: '岗位', headcount: 1, employmentType: 'full_time', ...body }
          : { offeringId, cohortYear: 2026, headcount: 10, ...body },
    });
    expect(created.status).toBe(201);
    const done = await client.post(`${base}/${side}-postings/${created.body.id}/transitions`, {
      body: { action: 'publish' },
    });
    expect(done.status).toBe(200);
    return created.body.id as string;
  }

  it('expires published postings after their last day through the daily job scheduler', async () => {
    const schedule = JOB_SCHEDULES.find((s) => s.name === JobName.TalentExpiryTick)!;
    const queue = queueOf(stack.worker!, QueueName.Talent);
    const scheduler = await eventually(async () => (await queue.getJobScheduler(schedule.id)) ?? undefined);
    expect(scheduler).toMatchObject({ pattern: '5 0 * * *', tz: 'Asia/Shanghai' });

    const lastDayToday = await published(hr.http, { title: '今日截止岗位', validUntil: chinaToday(0) });
    const alsoLapsing = await published(hr.http, { title: '另一今日截止岗位', validUntil: chinaToday(0) });
    const open = await published(hr.http, { title: '长期岗位', validUntil: chinaToday(30) });
    const supplyLapsing = await published(teacher.http, { validUntil: chinaToday(0) }, 'supply');
    const supplyOpen = await published(teacher.http, { validUntil: chinaToday(30) }, 'supply');
    const clock = stack.worker!.get(Clock);
    try {
      clock.travelTo(new Date(`${chinaToday(1)}T00:05:00+08:00`));
      // Let the scheduler produce an occurrence now rather than at 00:05 tomorrow.
      await queue.upsertJobScheduler(schedule.id, { every: 500 }, { name: schedule.name, data: schedule.payload });
      await eventually(async () => {
        const p = await sec.get(`${base}/demand-postings/${lastDayToday}`);
        return p.body.status === 'expired' ? true : undefined;
      });
    } finally {
      await queue.upsertJobScheduler(
        schedule.id,
        { pattern: schedule.pattern, tz: schedule.tz },
        { name: schedule.name, data: schedule.payload },
      );
      clock.travelTo(new Date());
    }
    expect((await sec.get(`${base}/demand-postings/${open}`)).body.status).toBe('published');
    expect((await sec.get(`${base}/demand-postings/${alsoLapsing}`)).body.status).toBe('expired');
    expect((await sec.get(`${base}/supply-postings/${supplyLapsing}`)).body.status).toBe('expired');
    expect((await sec.get(`${base}/supply-postings/${supplyOpen}`)).body.status).toBe('published');
    // One audit entry per expired posting (written in one statement per side), none for the others.
    const expiredEntries = async (side: 'demand' | 'supply') =>
      (await sec.get(`${base}/audit-log?action=talent.${side}_posting.expired`)).body.items as Array<{
        entityType: string;
        entityId: string;
        changes: unknown;
        requestId: string;
      }>;
    const demandEntries = await expiredEntries('demand');
    const supplyEntries = await expiredEntries('supply');
    const change = { status: { from: 'published', to: 'expired' }, today: chinaToday(1) };
    expect(demandEntries.map((e) => e.entityId).sort()).toEqual([lastDayToday, alsoLapsing].sort());
    expect(supplyEntries.map((e) => e.entityId)).toEqual([supplyLapsing]);
    for (const entry of demandEntries) {
      expect(entry).toMatchObject({ entityType: 'talent_demand_posting', changes: change });
    }
    expect(supplyEntries[0]).toMatchObject({ entityType: 'talent_supply_posting', changes: change });
    expect(new Set([...demandEntries, ...supplyEntries].map((e) => e.requestId)).size).toBe(1);
    const reopened = await hr.http.post(`${base}/demand-postings/${lastDayToday}/transitions`, {
      body: { action: 'reopen' },
    });
    expect(reopened.body.status).toBe('draft');
    const republish = await hr.http.post(`${base}/demand-postings/${lastDayToday}/transitions`, {
      body: { action: 'publish' },
    });
    expect(republish.status).toBe(200);
  });
});

describe('talent demand bulletin', () => {
  let stack: TestStack;
  let base: string;
  let sec: HttpClient;
  const year = Number(chinaToday(0).slice(0, 4));

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await ensureTestCatalogue(stack.db.ownerUrl);
    const cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    const a = (await insertMember(stack.db.ownerUrl, cid, { type: 'enterprise', industryCode: 'C3484' })).id;
    const b = (await insertMember(stack.db.ownerUrl, cid, { type: 'enterprise', industryCode: 'I6513' })).id;
    const post = async (organizationId: string, body: Record<string, unknown>, action: string | null = 'publish') => {
      const created = await sec.post(`${base}/demand-postings`, {
        body: { organizationId, title: '岗位', headcount: 1, employmentType: 'full_time', ...body },
      });
      expect(created.status).toBe(201);
      if (action) await sec.post(`${base}/demand-postings/${created.body.id}/transitions`, { body: { action } });
      return created.body.id as string;
    };
    // A: two postings in class 4603 (one by class, one by programme) and one with no codes at all.
    await post(a, {
      programmeClassCodes: ['4603'],
      occupationCode: '6-31-07-03',
      headcount: 5,
      salaryMin: '6000',
      salaryMax: '8000',
    });
    await post(a, {
      programmeCodes: ['460305'],
      occupationCode: '6-31-07-03',
      headcount: 3,
      salaryMin: '8000',
      salaryMax: '10000',
    });
    await post(a, { headcount: 2 });
    // B: a programme of class 5102 with a 细类, and class 4603 with a minimum salary only.
    await post(b, {
      programmeCodes: ['510201'],
      occupationCode: '2-02-07-07',
      headcount: 4,
      salaryMin: '10000',
      salaryMax: '12000',
    });
    await post(b, { programmeClassCodes: ['4603'], headcount: 1, salaryMin: '5000' });
    // Not published demand: a draft, and a posting withdrawn after publication.
    await post(b, { programmeClassCodes: ['4603'], headcount: 50 }, null);
    const withdrawn = await post(b, { programmeClassCodes: ['4603'], headcount: 70 });
    await sec.post(`${base}/demand-postings/${withdrawn}/transitions`, { body: { action: 'close', reason: '撤回' } });
  });

  afterAll(() => stack?.close());

  const row = (
    code: string | null,
    name: string,
    headcount: number,
    enterprises: number,
    postings: number,
    salaryMedian: string | null,
  ) => ({
    code,
    name,
    headcount,
    enterprises,
    postings,
    salaryMedian,
  });

  it('matches the hand-computed tables', async () => {
    const response = await sec.get(`${base}/talent-demand-bulletin?year=${year}`);
    expect(response.status).toBe(200);
    const bulletin = response.body;
    expect(bulletin.total).toEqual(row(null, '合计', 15, 2, 5, '8000.00'));
    expect(bulletin.programmeClasses).toEqual([
      // A counted once for its two postings here; salary points 7000, 9000, 5000.
      row('4603', '自动化类', 9, 2, 3, '7000.00'),
      row('5102', '计算机类', 4, 1, 1, '11000.00'),
      row(null, '未分类', 2, 1, 1, null),
    ]);
    const level = (n: number) => bulletin.occupations.find((o: { level: number }) => o.level === n).rows;
    expect(level(1)).toEqual([
      row('2-00-00-00', '专业技术人员', 4, 1, 1, '11000.00'),
      row('6-00-00-00', '生产制造及有关人员', 8, 1, 2, '8000.00'),
      row(null, '未分类', 3, 2, 2, '5000.00'),
    ]);
    expect(level(4)).toEqual([
      row('2-02-07-07', '自动控制工程技术人员', 4, 1, 1, '11000.00'),
      row('6-31-07-03', '工业机器人系统操作员', 8, 1, 2, '8000.00'),
      row(null, '未分类', 3, 2, 2, '5000.00'),
    ]);
    expect(bulletin.industries).toEqual([
      row('C34', '通用设备制造业', 10, 1, 3, '8000.00'),
      row('I65', '软件和信息技术服务业', 5, 1, 2, '8000.00'),
    ]);
  });

  it('is empty for a year without published demand, and refuses a bad year naming it', async () => {
    const empty = await sec.get(`${base}/talent-demand-bulletin?year=${year - 5}`);
    expect(empty.body.total).toEqual(row(null, '合计', 0, 0, 0, null));
    const bad = await sec.get(`${base}/talent-demand-bulletin?year=abc`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('year');
  });

  it('exports the bulletin as xlsx with zh-CN headers', async () => {
    const response = await fetch(`${stack.http.baseUrl}${base}/talent-demand-bulletin/export?year=${year}`, {
      headers: { authorization: `Bearer ${sec.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('talent-demand-bulletin');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '按专业类',
      '按职业大类',
      '按职业中类',
      '按职业小类',
      '按职业细类',
      '按行业',
    ]);
    const classes = workbook.getWorksheet('按专业类')!;
    expect(classes.getRow(3).values).toEqual([
      undefined,
      '专业类代码',
      '专业类名称',
      '需求人数',
      '企业数',
      '岗位数',
      '月薪中位数（元）',
    ]);
    expect(classes.getRow(4).values).toEqual([undefined, '4603', '自动化类', 9, 2, 3, 7000]);
    expect(classes.getRow(6).values).toEqual([undefined, '', '未分类', 2, 1, 1, '']);
  });
});
