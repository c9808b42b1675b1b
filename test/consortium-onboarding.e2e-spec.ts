import { Client } from 'pg';
import {
  addPerson,
  chinaToday,
  HttpClient,
  insertConsortium,
  signIn,
  signInFirstTime,
  startTestStack,
  TestStack,
} from '@chanjiao/testing';

/** A platform admin creates a consortium with its lead units and first secretariat user. */
describe('consortium onboarding (POST /api/v1/consortia)', () => {
  let stack: TestStack;
  let sequence = 0;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });

  afterAll(() => stack?.close());

  const newConsortium = (overrides: Record<string, unknown> = {}) => {
    sequence += 1;
    return {
      code: `wx-iec-${sequence}`,
      name: `无锡高新区集成电路市域产教联合体${sequence}`,
      nameEn: `Wuxi IC consortium ${sequence}`,
      province: '江苏省',
      city: '无锡市',
      parkName: '无锡国家高新技术产业开发区',
      parkOutputValue: '4200.50',
      parkProvinceRank: 3,
      leadingIndustries: [{ code: 'C397', name: '电子器件制造' }],
      leadUnits: {
        government: { type: 'government', name: `无锡高新区管委会${sequence}` },
        school: { type: 'higher_vocational', name: `无锡职业技术学院${sequence}`, doubleHighSchool: true },
        enterprise: { type: 'enterprise', name: `华润微电子有限公司${sequence}`, creditCode: '91350100M000100Y43' },
      },
      secretariat: { email: `secretariat-${sequence}-${Date.now()}@wx.test.cn`, displayName: '周敏' },
      ...overrides,
    };
  };

  it('creates the consortium in planning, its lead units as active members, and a secretariat who can sign in', async () => {
    const body = newConsortium();
    const created = await stack.admin.post('/api/v1/consortia', { body });
    expect(created.status).toBe(201);
    const { consortium, secretariat } = created.body;
    expect(consortium).toMatchObject({
      code: body.code.toUpperCase(),
      name: body.name,
      status: 'planning',
      parkOutputValue: '4200.50',
      parkProvinceRank: 3,
      leadingIndustries: body.leadingIndustries,
    });
    expect(secretariat.membership).toMatchObject({ email: body.secretariat.email, role: 'secretariat' });
    expect(secretariat.initialPassword).toEqual(expect.any(String));

    // A one-time password opens only me, change-password and logout.
    const first = stack.http.as(
      (await signIn(stack.http, body.secretariat.email, secretariat.initialPassword)).accessToken,
    );
    const me = await first.get('/api/v1/auth/me');
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ consortiumId: consortium.id, role: 'secretariat' }),
    ]);
    const blocked = await first.get(`/api/v1/consortia/${consortium.id}`);
    expect(blocked.status).toBe(403);
    expect(blocked.body.details.code).toBe('password_change_required');
    const tokens = await signInFirstTime(stack.http, body.secretariat.email, secretariat.initialPassword);
    const sec = stack.http.as(tokens.accessToken);

    const organizations = await sec.get(`/api/v1/consortia/${consortium.id}/organizations?sort=name`);
    expect(organizations.status).toBe(200);
    const byId = new Map(organizations.body.items.map((o: { id: string }) => [o.id, o]));
    expect(byId.get(consortium.leadGovernmentOrgId)).toMatchObject({ type: 'government', membershipStatus: 'active' });
    expect(byId.get(consortium.leadSchoolOrgId)).toMatchObject({ type: 'higher_vocational', doubleHighSchool: true });
    expect(byId.get(consortium.leadEnterpriseOrgId)).toMatchObject({
      type: 'enterprise',
      creditCode: '91350100M000100Y43',
      membershipStatus: 'active',
    });

    // The new secretariat runs the consortium from here.
    const renamed = await sec.patch(`/api/v1/consortia/${consortium.id}`, { body: { parkProvinceRank: 2 } });
    expect(renamed.status).toBe(200);
    const audit = await sec.get(`/api/v1/consortia/${consortium.id}/audit-log?limit=100`);
    const actions = audit.body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'consortia.consortium.created',
        'consortia.organization.created',
        'consortia.organization.membership_changed',
        'identity.user.created',
        'identity.membership.created',
      ]),
    );
  });

  it('makes an existing account the secretariat without a new password, and needs no lead units', async () => {
    const existing = await addPerson(stack.admin, (await insertConsortium(stack.db.ownerUrl)).id, 'observer');
    const created = await stack.admin.post('/api/v1/consortia', {
      body: newConsortium({ leadUnits: undefined, secretariat: { email: existing.email, displayName: '已有账号' } }),
    });
    expect(created.status).toBe(201);
    expect(created.body.secretariat.initialPassword).toBeNull();
    expect(created.body.consortium).toMatchObject({
      leadGovernmentOrgId: null,
      leadSchoolOrgId: null,
      leadEnterpriseOrgId: null,
    });
    const me = await existing.http.get('/api/v1/auth/me');
    expect(me.body.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['observer', 'secretariat']);
  });

  it.each([
    ['a missing code', { code: undefined }, 'code'],
    ['a code with spaces', { code: 'bad code' }, 'code'],
    ['a missing province', { province: undefined }, 'province'],
    ['a bad output value', { parkOutputValue: '12,000' }, 'parkOutputValue'],
    ['no secretariat', { secretariat: undefined }, 'secretariat'],
    ['a bad secretariat email', { secretariat: { email: 'nope', displayName: '某人' } }, 'secretariat.email'],
    [
      'a lead enterprise with a wrong check digit',
      { leadUnits: { enterprise: { type: 'enterprise', name: '错码企业', creditCode: '91350100M000100Y44' } } },
      'leadUnits.enterprise.creditCode',
    ],
    ['an unknown lead-unit slot', { leadUnits: { bank: { type: 'other', name: '某银行' } } }, 'leadUnits.bank'],
  ])('answers 400 naming the field for %s', async (_label, overrides, field) => {
    const response = await stack.admin.post('/api/v1/consortia', { body: newConsortium(overrides) });
    expect(response.status).toBe(400);
    expect(response.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('records when each lead unit really joined (joinedOn), refusing a future day', async () => {
    const joinedOn = chinaToday(-400);
    const body = newConsortium({
      leadUnits: {
        school: { type: 'higher_vocational', name: `历史牵头院校${Date.now()}`, joinedOn },
        enterprise: { type: 'enterprise', name: `当日牵头企业${Date.now()}`, creditCode: '91350100M000100Y43' },
      },
    });
    const created = await stack.admin.post('/api/v1/consortia', { body });
    expect(created.status).toBe(201);
    const { id, leadSchoolOrgId, leadEnterpriseOrgId } = created.body.consortium;
    const history = async (orgId: string) =>
      (await stack.admin.get(`/api/v1/consortia/${id}/organizations/${orgId}/membership-transitions`)).body;
    expect(await history(leadSchoolOrgId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ toStatus: 'active', effectiveOn: joinedOn })]),
    );
    expect(await history(leadEnterpriseOrgId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ toStatus: 'active', effectiveOn: chinaToday() })]),
    );
    // Later changes may be dated from the joining day on, not before it.
    const url = `/api/v1/consortia/${id}/organizations/${leadSchoolOrgId}/membership-transitions`;
    const tooEarly = await stack.admin.post(url, { body: { to: 'suspended', effectiveOn: chinaToday(-401) } });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.details).toMatchObject({ code: 'effective_date_before_last_change', field: 'effectiveOn' });
    expect((await stack.admin.post(url, { body: { to: 'suspended', effectiveOn: chinaToday(-10) } })).status).toBe(200);

    const future = await stack.admin.post('/api/v1/consortia', {
      body: newConsortium({
        leadUnits: { government: { type: 'government', name: `未来管委会${Date.now()}`, joinedOn: chinaToday(1) } },
      }),
    });
    expect(future.status).toBe(422);
    expect(future.body.details).toMatchObject({
      code: 'effective_date_in_future',
      field: 'leadUnits.government.joinedOn',
    });
    const impossible = await stack.admin.post('/api/v1/consortia', {
      body: newConsortium({
        leadUnits: { government: { type: 'government', name: `无效日期${Date.now()}`, joinedOn: '2025-02-30' } },
      }),
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.details.fields.map((f: { field: string }) => f.field)).toContain(
      'leadUnits.government.joinedOn',
    );
  });

  it('answers 422 naming the slot for a lead unit of the wrong type', async () => {
    const response = await stack.admin.post('/api/v1/consortia', {
      body: newConsortium({ leadUnits: { school: { type: 'research_institute', name: '某研究院' } } }),
    });
    expect(response.status).toBe(422);
    expect(response.body.details).toMatchObject({ code: 'invalid_lead_unit', field: 'leadUnits.school.type' });
  });

  it('refuses a code already used (any case) with 409, once under concurrency, and leaves nothing behind', async () => {
    const first = newConsortium();
    expect((await stack.admin.post('/api/v1/consortia', { body: first })).status).toBe(201);
    const again = await stack.admin.post('/api/v1/consortia', {
      body: newConsortium({ code: first.code.toLowerCase() }),
    });
    expect(again.status).toBe(409);
    expect(again.body.details).toMatchObject({ code: 'duplicate_consortium_code', field: 'code' });

    const code = `RACE-${Date.now()}`;
    const racers = Array.from({ length: 6 }, () => newConsortium({ code }));
    const statuses = (await Promise.all(racers.map((body) => stack.admin.post('/api/v1/consortia', { body })))).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409, 409]);

    // Only the winner's secretariat account exists: the losers' transactions left no user behind.
    const owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    try {
      const emails = racers.map((body) => body.secretariat.email);
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM app_user WHERE email = ANY($1)`, [emails]);
      expect(rows[0].n).toBe(1);
      const consortia = await owner.query(`SELECT count(*)::int AS n FROM consortium WHERE code = $1`, [code]);
      expect(consortia.rows[0].n).toBe(1);
    } finally {
      await owner.end();
    }
  });

  it('rolls everything back when a later step fails', async () => {
    const body = newConsortium({
      leadUnits: {
        government: { type: 'government', name: '重名单位' },
        school: { type: 'technician_college', name: '重名单位' },
      },
    });
    const failed = await stack.admin.post('/api/v1/consortia', { body });
    expect(failed.status).toBe(409);
    expect(failed.body.details.field).toBe('name');
    // The code is still free and the secretariat's account was never kept.
    const retried = await stack.admin.post('/api/v1/consortia', { body: { ...body, leadUnits: undefined } });
    expect(retried.status).toBe(201);
    expect(retried.body.secretariat.initialPassword).toEqual(expect.any(String));
  });

  it('lists consortia for platform admins by name, filtered by q, status and province, in cursor pages', async () => {
    const tag = `LIST${Date.now().toString(36).toUpperCase()}`;
    for (const [suffix, province, name] of [
      ['C', '江苏省', `${tag}-C 苏州联合体`],
      ['A', '浙江省', `${tag}-A 宁波联合体`],
      ['B', '江苏省', `${tag}-B 常州联合体`],
    ]) {
      const created = await stack.admin.post('/api/v1/consortia', {
        body: newConsortium({ code: `${tag}-${suffix}`, name, province, leadUnits: undefined }),
      });
      expect(created.status).toBe(201);
    }
    const names = (body: { items: Array<{ name: string }> }) => body.items.map((c) => c.name);
    const byCode = await stack.admin.get(`/api/v1/consortia?q=${tag.toLowerCase()}`);
    expect(byCode.status).toBe(200);
    // By name, whatever order they were created in.
    expect(names(byCode.body)).toEqual([`${tag}-A 宁波联合体`, `${tag}-B 常州联合体`, `${tag}-C 苏州联合体`]);
    const jiangsu = await stack.admin.get(`/api/v1/consortia?q=${tag}&province=${encodeURIComponent('江苏省')}`);
    expect(names(jiangsu.body)).toEqual([`${tag}-B 常州联合体`, `${tag}-C 苏州联合体`]);
    const first = await stack.admin.get(`/api/v1/consortia?q=${tag}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await stack.admin.get(`/api/v1/consortia?q=${tag}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ name: `${tag}-C 苏州联合体` }], nextCursor: null });
    const accepted = await stack.admin.get(`/api/v1/consortia?q=${tag}&status=accepted`);
    expect(accepted.body.items).toEqual([]);
    for (const [query, field] of [
      ['status=done', 'status'],
      ['cursor=nope', 'cursor'],
      ['limit=500', 'limit'],
    ]) {
      const bad = await stack.admin.get(`/api/v1/consortia?${query}`);
      expect({ query, status: bad.status, message: bad.body.message }).toEqual({
        query,
        status: 400,
        message: expect.stringContaining(field),
      });
    }
  });

  it('is for platform admins only', async () => {
    const cid = (await insertConsortium(stack.db.ownerUrl)).id;
    const secretariat = await addPerson(stack.admin, cid, 'secretariat');
    const response = await secretariat.http.post('/api/v1/consortia', { body: newConsortium() });
    expect(response.status).toBe(403);
    expect((await stack.http.post('/api/v1/consortia', { body: newConsortium() })).status).toBe(401);
  });

  describe('lead units stay fitting members', () => {
    let cid: string;
    let leads: { school: string; enterprise: string; government: string };
    let sec: HttpClient;

    beforeAll(async () => {
      const body = newConsortium();
      const created = await stack.admin.post('/api/v1/consortia', { body });
      cid = created.body.consortium.id;
      leads = {
        school: created.body.consortium.leadSchoolOrgId,
        enterprise: created.body.consortium.leadEnterpriseOrgId,
        government: created.body.consortium.leadGovernmentOrgId,
      };
      const tokens = await signInFirstTime(
        stack.http,
        body.secretariat.email,
        created.body.secretariat.initialPassword,
      );
      sec = stack.http.as(tokens.accessToken);
    });

    it('refuses to change a lead unit to a type that no longer fits its slot (409 naming type)', async () => {
      const response = await sec.patch(`/api/v1/consortia/${cid}/organizations/${leads.school}`, {
        body: { type: 'research_institute' },
      });
      expect(response.status).toBe(409);
      expect(response.body.details).toMatchObject({ code: 'lead_unit_in_use', field: 'type', leadUnit: 'school' });
      // Another school type still fits the slot.
      const fits = await sec.patch(`/api/v1/consortia/${cid}/organizations/${leads.school}`, {
        body: { type: 'vocational_bachelor' },
      });
      expect(fits.status).toBe(200);
    });

    it('refuses to let a lead unit withdraw; suspension is allowed', async () => {
      const url = `/api/v1/consortia/${cid}/organizations/${leads.enterprise}/membership-transitions`;
      const withdrawn = await sec.post(url, { body: { to: 'withdrawn', effectiveOn: chinaToday() } });
      expect(withdrawn.status).toBe(409);
      expect(withdrawn.body.details).toMatchObject({ code: 'lead_unit_in_use', leadUnit: 'enterprise' });
      const suspended = await sec.post(url, { body: { to: 'suspended', effectiveOn: chinaToday() } });
      expect(suspended.status).toBe(200);
    });

    it('lets the organization go once another lead unit is named, and refuses a withdrawn one as lead', async () => {
      const other = await sec.post(`/api/v1/consortia/${cid}/organizations`, {
        body: { type: 'enterprise', name: '无锡华虹半导体有限公司', creditCode: '91110000100017643K' },
      });
      expect(other.status).toBe(201);
      const switched = await sec.patch(`/api/v1/consortia/${cid}`, { body: { leadEnterpriseOrgId: other.body.id } });
      expect(switched.status).toBe(200);
      const left = await sec.post(`/api/v1/consortia/${cid}/organizations/${leads.enterprise}/membership-transitions`, {
        body: { to: 'withdrawn', effectiveOn: chinaToday(), reason: '战略调整' },
      });
      expect(left.status).toBe(200);
      const back = await sec.patch(`/api/v1/consortia/${cid}`, { body: { leadEnterpriseOrgId: leads.enterprise } });
      expect(back.status).toBe(422);
      expect(back.body.details).toMatchObject({ code: 'invalid_lead_unit', field: 'leadEnterpriseOrgId' });
    });
  });
});
