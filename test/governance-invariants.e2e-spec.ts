import ExcelJS from 'exceljs';
import {
  addPerson,
  chinaToday,
  HttpClient,
  insertConsortium,
  startTestStack,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

/**
 * Governance rules hold on every path that can break them: seats only for organizations
 * still in the consortium, approved minutes keep who held each seat, no resolution slips
 * into minutes being approved, and the organization import keeps lead units fitting.
 */
describe('governance invariants on every path', () => {
  let stack: TestStack;
  let cid: string;
  let sec: HttpClient;
  let base: string;
  const org: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    base = `/api/v1/consortia/${cid}`;
    for (const [key, body] of Object.entries({
      government: { type: 'government', name: '园区管委会' },
      enterprise: { type: 'enterprise', name: '智造有限公司', creditCode: '91350100M000100Y43' },
      school: { type: 'higher_vocational', name: '职业技术学院' },
      research: { type: 'research_institute', name: '产业研究院' },
      rejected: { type: 'enterprise', name: '未获批企业', creditCode: '91110000100017643K' },
      withdrawn: { type: 'industry_association', name: '已退出协会' },
    })) {
      const created = await sec.post(`${base}/organizations`, { body });
      expect(created.status).toBe(201);
      org[key] = created.body.id;
    }
    const move = (key: string, to: string) =>
      sec.post(`${base}/organizations/${org[key]}/membership-transitions`, {
        body: { to, effectiveOn: chinaToday() },
      });
    expect((await move('rejected', 'rejected')).status).toBe(200);
    expect((await move('withdrawn', 'active')).status).toBe(200);
    expect((await move('withdrawn', 'withdrawn')).status).toBe(200);
  });

  afterAll(() => stack?.close());

  const seatBody = (organization: string, personName: string, role = 'director') => ({
    organizationId: org[organization],
    personName,
    role,
    termStart: chinaToday(-30),
    termEnd: chinaToday(3 * 365),
  });

  it('refuses a council seat for a rejected or withdrawn organization (422 naming organizationId)', async () => {
    for (const key of ['rejected', 'withdrawn']) {
      const response = await sec.post(`${base}/council/seats`, { body: seatBody(key, `理事${key}`) });
      expect({ key, status: response.status }).toEqual({ key, status: 422 });
      expect(response.body.details).toMatchObject({ code: 'organization_not_member', field: 'organizationId' });
    }
    const seats = await sec.get(`${base}/council/seats`);
    expect(seats.body).toEqual([]);
  });

  it('keeps who held each seat in approved minutes when a holder is edited later', async () => {
    const chair = (await sec.post(`${base}/council/seats`, { body: seatBody('government', '陈理事长', 'chair') })).body;
    const director = (await sec.post(`${base}/council/seats`, { body: seatBody('school', '李理事') })).body;
    expect([chair.id, director.id].every(Boolean)).toBe(true);
    const meeting = (
      await sec.post(`${base}/council/meetings`, {
        body: { kind: 'plenary', title: '第一次全体会议', scheduledAt: `${chinaToday(-1)}T09:00:00+08:00` },
      })
    ).body;
    await sec.put(`${base}/council/meetings/${meeting.id}/attendance`, {
      body: {
        entries: [
          { seatId: chair.id, status: 'present' },
          { seatId: director.id, status: 'present' },
        ],
      },
    });
    const transition = (to: string) =>
      sec.post(`${base}/council/meetings/${meeting.id}/status-transitions`, { body: { to } });
    expect((await transition('held')).status).toBe(200);
    const approved = await transition('minutes_approved');
    expect(approved.status).toBe(200);
    expect(approved.body.council.map((s: { personName: string }) => s.personName).sort()).toEqual(
      ['李理事', '陈理事长'].sort(),
    );

    const renamed = await sec.patch(`${base}/council/seats/${director.id}`, {
      body: { personName: '王新理事', personTitle: '副院长' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.personName).toBe('王新理事');

    const kept = await sec.get(`${base}/council/meetings/${meeting.id}`);
    expect(kept.body.council.find((s: { id: string }) => s.id === director.id)).toMatchObject({
      personName: '李理事',
      personTitle: null,
    });
    const file = await fetch(`${stack.http.baseUrl}${base}/council/meetings/${meeting.id}/minutes`, {
      headers: { authorization: `Bearer ${sec.accessToken}` },
    });
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const cells: string[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
    expect(cells.join('\n')).toContain('李理事');
    expect(cells.join('\n')).not.toContain('王新理事');
  });

  it('lets no resolution slip into minutes while they are being approved (parallel requests)', async () => {
    const chair = (await sec.get(`${base}/council/seats`)).body.find((s: { role: string }) => s.role === 'chair');
    for (let round = 0; round < 3; round += 1) {
      const meeting = (
        await sec.post(`${base}/council/meetings`, {
          body: { kind: 'standing', title: `常务会议${round}`, scheduledAt: `${chinaToday(-1)}T14:00:00+08:00` },
        })
      ).body;
      const url = `${base}/council/meetings/${meeting.id}`;
      await sec.put(`${url}/attendance`, { body: { entries: [{ seatId: chair.id, status: 'present' }] } });
      expect((await sec.post(`${url}/status-transitions`, { body: { to: 'held' } })).status).toBe(200);
      const [approval, ...tabled] = await Promise.all([
        sec.post(`${url}/status-transitions`, { body: { to: 'minutes_approved' } }),
        ...Array.from({ length: 8 }, (_, i) =>
          sec.post(`${url}/resolutions`, { body: { title: `临时动议${round}-${i}`, kind: 'ordinary' } }),
        ),
      ]);
      expect(approval.status).toBe(200);
      for (const response of tabled) {
        expect([201, 409]).toContain(response.status);
        if (response.status === 409) expect(response.body.details.code).toBe('meeting_not_held');
      }
      // Every resolution that exists was there when the minutes were approved: its outcome is kept.
      const after = await sec.get(url);
      expect(after.body.status).toBe('minutes_approved');
      expect(after.body.resolutions).toHaveLength(tabled.filter((r) => r.status === 201).length);
      for (const resolution of after.body.resolutions) expect(resolution.final).toBe(true);
    }
  });

  it('refuses an import row that would change a lead unit to a type its slot does not allow', async () => {
    const named = await sec.patch(base, {
      body: { leadSchoolOrgId: org.school, leadEnterpriseOrgId: org.enterprise },
    });
    expect(named.status).toBe(200);
    const csv = [
      '单位名称,单位类型,统一社会信用代码',
      '职业技术学院,科研机构,',
      '智造有限公司,企业,91350100M000100Y43',
      '产业研究院,行业协会,',
    ].join('\r\n');
    const upload = async (mode: string) => {
      const response = await fetch(`${stack.http.baseUrl}${base}/organizations/import?mode=${mode}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sec.accessToken}`, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(response.status).toBe(202);
      return waitForJobState(sec, ((await response.json()) as { jobId: string }).jobId, 'completed');
    };
    const rejected = await upload('all_or_nothing');
    expect(rejected.result).toMatchObject({ failed: 1, updated: 0, created: 0 });
    expect((rejected.result as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: '单位类型',
        reason: expect.stringContaining('lead school'),
        reasonZh: expect.stringContaining('牵头院校'),
      }),
    ]);
    const school = await sec.get(`${base}/organizations/${org.school}`);
    expect(school.body.type).toBe('higher_vocational');

    // valid_rows_only writes the other rows and still leaves the lead school alone.
    const partial = await upload('valid_rows_only');
    expect(partial.result).toMatchObject({ failed: 1, updated: 1, unchanged: 1 });
    expect((await sec.get(`${base}/organizations/${org.school}`)).body.type).toBe('higher_vocational');
    expect((await sec.get(`${base}/organizations/${org.research}`)).body.type).toBe('industry_association');
  });
});
