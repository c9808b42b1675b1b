import { addPerson, HttpClient, insertConsortium, startTestStack, TestPerson, TestStack } from '@chanjiao/testing';

/** Member organizations and the consortium profile, through HTTP with real roles. */
describe('member organizations and the consortium profile', () => {
  let stack: TestStack;
  let cid: string;
  let secretariat: TestPerson;
  let observer: TestPerson;
  let base: string;
  let sec: HttpClient;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    [secretariat, observer] = await Promise.all([
      addPerson(stack.admin, cid, 'secretariat'),
      addPerson(stack.admin, cid, 'observer'),
    ]);
    sec = secretariat.http;
    base = `/api/v1/consortia/${cid}/organizations`;
  });

  afterAll(() => stack?.close());

  const enterprise = (overrides: Record<string, unknown> = {}) => ({
    type: 'enterprise',
    name: '苏州汇川技术有限公司',
    nameEn: 'Suzhou Inovance Technology',
    creditCode: '91350100m000100y43',
    industryCode: 'C3484',
    district: '吴中区',
    leadingEnterprise: true,
    contacts: [{ name: '张伟', title: '人力资源部经理', email: 'hr@example.cn' }],
    ...overrides,
  });

  it('registers an organization as applied, normalizing its credit code', async () => {
    const created = await sec.post(base, { body: enterprise() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      creditCode: '91350100M000100Y43',
      membershipStatus: 'applied',
      leadingEnterprise: true,
      // No name given: the one GB/T 4754-2017 gives the code.
      industryCode: 'C3484',
      industryName: '机械零部件加工',
    });
    const history = await sec.get(`${base}/${created.body.id}/membership-transitions`);
    expect(history.body).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'applied' })]);
  });

  it.each([
    ['an enterprise without a credit code', { creditCode: undefined, name: '无代码企业' }, /creditCode/],
    [
      'a wrong check digit',
      { creditCode: '91350100M000100Y44', name: '错码企业' },
      /check digit should be '3' but is '4'/,
    ],
    ['a short code', { creditCode: '9135', name: '短码企业' }, /must be 18 characters \(got 4\)/],
    [
      'an illegal character',
      { creditCode: '91350100I000100Y43', name: '非法字符企业' },
      /illegal character 'I' at position 9/,
    ],
    [
      'a bad contact email',
      { contacts: [{ name: '王', email: 'nope' }], name: '联系人错误企业' },
      /contacts\.0\.email/,
    ],
    ['a bad industry code', { industryCode: 'X9', name: '行业错误企业' }, /industryCode/],
    [
      'an industry code the standard does not have',
      { industryCode: 'C3', name: '行业不存在企业' },
      /industryCode 'C3' is not a GB\/T 4754-2017 industry code/,
    ],
  ])('rejects %s with 400 naming the problem', async (_label, overrides, message) => {
    const response = await sec.post(base, { body: enterprise(overrides) });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(message);
  });

  it('refuses duplicates by name and by credit code (409), also under concurrency', async () => {
    const byName = await sec.post(base, { body: enterprise({ creditCode: '91110000100017643K' }) });
    expect(byName.status).toBe(409);
    expect(byName.body.details.field).toBe('name');
    const byCode = await sec.post(base, { body: enterprise({ name: '另一家公司' }) });
    expect(byCode.status).toBe(409);
    expect(byCode.body.details.field).toBe('creditCode');
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => sec.post(base, { body: { type: 'research_institute', name: '并发研究院' } })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
  });

  it('finds organizations by filters, any part of a name, sort and pages', async () => {
    await sec.post(base, {
      body: {
        type: 'higher_vocational',
        name: '苏州工业职业技术学院',
        nameEn: 'Suzhou Industrial Polytechnic',
        doubleHighSchool: true,
      },
    });
    await sec.post(base, { body: { type: 'government', name: '苏州工业园区管委会', district: '工业园区' } });
    const byQ = await sec.get(`${base}?q=${encodeURIComponent('汇川')}`);
    expect(byQ.body.items.map((o: { name: string }) => o.name)).toEqual(['苏州汇川技术有限公司']);
    const byEnglish = await sec.get(`${base}?q=polytechnic`);
    expect(byEnglish.body.items.map((o: { name: string }) => o.name)).toEqual(['苏州工业职业技术学院']);
    const byIndustry = await sec.get(`${base}?industryCode=C34`);
    expect(byIndustry.body.total).toBe(1);
    const byFlag = await sec.get(`${base}?doubleHighSchool=true&type=higher_vocational`);
    expect(byFlag.body.total).toBe(1);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ name: string }>; nextCursor: string | null; total: number } } =
        await sec.get(`${base}?limit=2&sort=-name${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.body.items.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toHaveLength(4);
    expect([...pages].sort().reverse()).toEqual(pages);
    expect((await sec.get(`${base}?sort=size`)).status).toBe(400);
    expect((await sec.get(`${base}?cursor=nonsense`)).status).toBe(400);
    const stats = await sec.get(`${base}/stats`);
    expect(stats.body).toMatchObject({
      total: 4,
      byType: { enterprise: 1, higher_vocational: 1, government: 1, research_institute: 1 },
    });
  });

  it('moves membership only along the lifecycle, keeping its history', async () => {
    const org = (await sec.get(`${base}?q=${encodeURIComponent('汇川')}`)).body.items[0];
    const to = (status: string, effectiveOn = '2026-05-01') =>
      sec.post(`${base}/${org.id}/membership-transitions`, {
        body: { to: status, effectiveOn, reason: `改为${status}` },
      });
    expect((await to('active')).body).toMatchObject({ membershipStatus: 'active', membershipChangedOn: '2026-05-01' });
    expect((await to('suspended')).status).toBe(200);
    expect((await to('active')).status).toBe(200);
    const refused = await to('rejected');
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ from: 'active', to: 'rejected', allowed: ['suspended', 'withdrawn'] });
    expect((await to('withdrawn', 'yesterday')).status).toBe(400);
    const history = await sec.get(`${base}/${org.id}/membership-transitions`);
    expect(history.body.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'applied',
      'active',
      'suspended',
      'active',
    ]);
  });

  it('keeps the profile’s lead units to organizations of the right type', async () => {
    const list = (await sec.get(base)).body.items as Array<{ id: string; type: string }>;
    const idOf = (type: string) => list.find((o) => o.type === type)!.id;
    const wrong = await sec.patch(`/api/v1/consortia/${cid}`, { body: { leadSchoolOrgId: idOf('enterprise') } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toMatchObject({ code: 'invalid_lead_unit', field: 'leadSchoolOrgId' });
    const right = await sec.patch(`/api/v1/consortia/${cid}`, {
      body: {
        parkName: '苏州工业园区',
        parkOutputValue: '6200.50',
        parkProvinceRank: 1,
        leadingIndustries: [{ code: 'C34', name: '通用设备制造业' }],
        leadGovernmentOrgId: idOf('government'),
        leadSchoolOrgId: idOf('higher_vocational'),
        leadEnterpriseOrgId: idOf('enterprise'),
      },
    });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({
      parkOutputValue: '6200.50',
      parkProvinceRank: 1,
      leadSchoolOrgId: idOf('higher_vocational'),
    });
    expect((await sec.patch(`/api/v1/consortia/${cid}`, { body: { parkOutputValue: 'abc' } })).status).toBe(400);
  });

  it('moves the consortium along its status lifecycle', async () => {
    const go = (to: string) =>
      sec.post(`/api/v1/consortia/${cid}/status-transitions`, { body: { to, effectiveOn: '2026-02-01', note: to } });
    expect((await go('applied')).body.status).toBe('applied');
    const skip = await go('accepted');
    expect(skip.status).toBe(409);
    expect(skip.body.details.allowed).toEqual(['provincially_recommended']);
    const history = await sec.get(`/api/v1/consortia/${cid}/status-transitions`);
    expect(history.body).toEqual([
      expect.objectContaining({ fromStatus: 'planning', toStatus: 'applied', effectiveOn: '2026-02-01' }),
    ]);
  });

  it('records changes in date order: none may take effect before the last one (422 naming effectiveOn)', async () => {
    const status = `/api/v1/consortia/${cid}/status-transitions`;
    // The consortium was moved to applied on 2026-02-01 above.
    const backwards = await sec.post(status, { body: { to: 'provincially_recommended', effectiveOn: '2026-01-31' } });
    expect(backwards.status).toBe(422);
    expect(backwards.body.details).toMatchObject({
      code: 'effective_date_before_last_change',
      field: 'effectiveOn',
      lastChangeOn: '2026-02-01',
    });
    expect(
      (await sec.post(status, { body: { to: 'provincially_recommended', effectiveOn: '2026-02-01' } })).status,
    ).toBe(200);

    // A membership registered today can still be entered with its historical dates…
    const created = await sec.post(base, { body: { type: 'research_institute', name: '历史数据研究院' } });
    const transitions = `${base}/${created.body.id}/membership-transitions`;
    expect((await sec.post(transitions, { body: { to: 'active', effectiveOn: '2024-09-01' } })).status).toBe(200);
    // …but not out of order.
    const early = await sec.post(transitions, { body: { to: 'suspended', effectiveOn: '2024-08-31' } });
    expect(early.status).toBe(422);
    expect(early.body.details).toMatchObject({ field: 'effectiveOn', lastChangeOn: '2024-09-01' });
    expect(early.body.message).toContain('effectiveOn');
    expect((await sec.get(`${base}/${created.body.id}`)).body.membershipStatus).toBe('active');
  });

  it('lets observers read but not change anything', async () => {
    const obs = observer.http;
    expect((await obs.get(base)).status).toBe(200);
    expect((await obs.get(`${base}/stats`)).status).toBe(200);
    expect((await obs.post(base, { body: { type: 'other', name: '观察员新增' } })).status).toBe(403);
    expect((await obs.patch(`/api/v1/consortia/${cid}`, { body: { parkName: 'x园区' } })).status).toBe(403);
  });

  it('audits every change', async () => {
    const log = await sec.get(`/api/v1/consortia/${cid}/audit-log?action=consortia&limit=200`);
    const actions = new Set(log.body.items.map((e: { action: string }) => e.action));
    for (const action of [
      'consortia.organization.created',
      'consortia.organization.membership_changed',
      'consortia.consortium.updated',
      'consortia.consortium.status_changed',
    ]) {
      expect(actions).toContain(action);
    }
  });
});
