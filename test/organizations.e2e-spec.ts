import { randomUUID } from 'node:crypto';
import {
  addPerson,
  chinaToday,
  HttpClient,
  insertConsortium,
  startTestStack,
  TestPerson,
  TestResponse,
  TestStack,
} from '@chanjiao/testing';

/**
 * Member organizations (成员单位), their membership lifecycle, finding them, and
 * the consortium profile and status lifecycle — end to end through HTTP on a real
 * PostgreSQL, as the secretariat of a fresh consortium (members and observers
 * only read). The tests of this file share one stack and run in order: later
 * tests build on the organizations registered by earlier ones, and the audit-log
 * tests at the end check what the earlier ones changed.
 */

/** Fields named by a validation error (400 validation_failed). */
function invalidFields(response: TestResponse): string[] {
  return ((response.body?.details?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
}

/**
 * A 400 validation error naming `field` (a dotted path such as `contacts.0.email`)
 * in its details, and the property itself in its message.
 */
function expectNamesField(response: TestResponse, field: string, message?: string | RegExp): void {
  expect({ status: response.status, fields: invalidFields(response) }).toEqual({
    status: 400,
    fields: expect.arrayContaining([field]),
  });
  expect(response.body.details.code).toBe('validation_failed');
  expect(response.body.message).toContain(field.split('.').pop());
  if (message !== undefined) expect(response.body.message).toMatch(message);
}

/** A domain error: status, machine-readable code and further details. */
function expectDomainError(
  response: TestResponse,
  status: number,
  code: string,
  details: Record<string, unknown> = {},
): void {
  expect({ status: response.status, details: response.body?.details }).toEqual({
    status,
    details: expect.objectContaining({ code, ...details }),
  });
}

/** Statuses of concurrent responses, sorted (201/200 before 409). */
const statuses = (responses: TestResponse[]) => responses.map((r) => r.status).sort((a, b) => a - b);

/** Today as the API records it (UTC date). */

/** Walks a cursor-paginated organization list; checks every page's shape and that `total` never changes. */
async function walkPages(
  client: HttpClient,
  path: string,
  params: Record<string, string>,
  limit: number,
): Promise<{ items: any[]; pages: number; total: number }> {
  const items: any[] = [];
  const cursors = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  let total: number | undefined;
  do {
    const query: URLSearchParams = new URLSearchParams({
      ...params,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    const response: TestResponse = await client.get(`${path}?${query.toString()}`);
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    total ??= response.body.total;
    expect(response.body.total).toBe(total);
    items.push(...response.body.items);
    pages += 1;
    cursor = response.body.nextCursor;
    if (cursor !== null) {
      expect(response.body.items).toHaveLength(limit);
      expect(cursors.has(cursor)).toBe(false);
      cursors.add(cursor);
    }
    if (pages > 200) throw new Error(`${path} did not end after 200 pages`);
  } while (cursor !== null);
  return { items, pages, total: total ?? 0 };
}

/** GB 32100-2015 check character, reimplemented here to make further valid codes. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function withCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CHARSET.indexOf(body[i]) * Number(3n ** BigInt(i) % 31n);
  return body + CHARSET[(31 - (sum % 31)) % 31];
}

interface AuditEntry {
  id: string;
  consortiumId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, any>;
  createdAt: string;
}

describe('member organizations and the consortium profile (secretariat of a fresh consortium)', () => {
  let stack: TestStack;
  let cid: string;
  let secretariat: TestPerson;
  let member: TestPerson;
  let observer: TestPerson;
  let sec: HttpClient;
  let base: string;
  let profile: string;
  /** Another consortium (set up with the profile tests). */
  let otherCid: string;
  /** Every organization of the consortium, in creation order, with what the tests made of it. */
  const registry: Array<{ id: string; name: string; type: string; status: string }> = [];
  const idOf = (name: string) => {
    const found = registry.find((o) => o.name === name);
    if (!found) throw new Error(`no organization named ${name} was registered`);
    return found.id;
  };
  const namesOf = (response: TestResponse) => (response.body.items as Array<{ name: string }>).map((o) => o.name);
  const sortedNames = (names: string[]) => [...names].sort();

  const HUICHUAN = '苏州汇川技术有限公司';
  const HUAWEI = '华为技术有限公司';
  const TENCENT = '深圳市腾讯计算机系统有限公司';
  const SHANGHAI_ELECTRIC = '上海电气集团股份有限公司';
  const COLLEGE = '苏州工业园区职业技术学院';
  const COMMITTEE = '苏州工业园区管理委员会';
  const INSTITUTE = '苏州市智能制造研究院';
  const ASSOCIATION = '苏州市机器人产业协会';
  const TECHNICIAN = '苏州技师学院';
  const RACE_NAME = '苏州市并发测试研究院';
  const RACE_CODE = '91110000100017643K';

  const huichuan = (overrides: Record<string, unknown> = {}) => ({
    type: 'enterprise',
    name: HUICHUAN,
    nameEn: 'Suzhou Inovance Technology Co., Ltd.',
    // Lower case on purpose: stored upper case.
    creditCode: '91350100m000100y43',
    district: '吴中区',
    address: '苏州市吴中区越溪友翔路16号',
    industryCode: 'C3484',
    industryName: '机械化农业及园艺机具制造',
    size: 'large',
    leadingEnterprise: true,
    certifiedIntegrationEnterprise: true,
    contacts: [
      { name: '张伟', title: '人力资源部经理', phone: '0512-66668888', email: 'hr@inovance.example.cn' },
      { name: '李娜', title: '校企合作专员', email: 'xiaoqi@inovance.example.cn' },
    ],
    ...overrides,
  });

  async function register(body: Record<string, unknown>): Promise<TestResponse> {
    const response = await sec.post(base, { body });
    if (response.status !== 201)
      throw new Error(`registering ${String(body.name)} answered ${response.status}: ${response.text}`);
    registry.push({ id: response.body.id, name: response.body.name, type: response.body.type, status: 'applied' });
    return response;
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    cid = (await insertConsortium(stack.db.ownerUrl, { name: `组织测试联合体-${randomUUID().slice(0, 8)}` })).id;
    secretariat = await addPerson(stack.admin, cid, 'secretariat');
    observer = await addPerson(stack.admin, cid, 'observer');
    // A member is bound to an organization: addPerson registers one (type other) through the API.
    member = await addPerson(stack.admin, cid, 'member');
    sec = secretariat.http;
    base = `/api/v1/consortia/${cid}/organizations`;
    profile = `/api/v1/consortia/${cid}`;
    const existing = await sec.get(base);
    expect(existing.body.items).toHaveLength(1);
    const [own] = existing.body.items;
    registry.push({ id: own.id, name: own.name, type: own.type, status: own.membershipStatus });
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('registering organizations (POST …/organizations)', () => {
    it('registers an enterprise as applied, with its credit code normalized to upper case and a first history entry', async () => {
      const before = chinaToday();
      const created = await register(huichuan());
      const after = chinaToday();
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'enterprise',
        name: HUICHUAN,
        nameEn: 'Suzhou Inovance Technology Co., Ltd.',
        creditCode: '91350100M000100Y43',
        district: '吴中区',
        address: '苏州市吴中区越溪友翔路16号',
        industryCode: 'C3484',
        industryName: '机械化农业及园艺机具制造',
        size: 'large',
        leadingEnterprise: true,
        certifiedIntegrationEnterprise: true,
        doubleHighSchool: false,
        contacts: huichuan().contacts,
        membershipStatus: 'applied',
        membershipChangedOn: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect([before, after]).toContain(created.body.membershipChangedOn);

      const read = await sec.get(`${base}/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const history = await sec.get(`${base}/${created.body.id}/membership-transitions`);
      expect(history.status).toBe(200);
      expect(history.body).toEqual([
        {
          id: expect.any(String),
          fromStatus: null,
          toStatus: 'applied',
          effectiveOn: created.body.membershipChangedOn,
          reason: null,
          actorUserId: secretariat.userId,
          createdAt: expect.any(String),
        },
      ]);
    });

    it('accepts the other valid credit codes (any case) and organizations of every kind', async () => {
      const enterprises = [
        {
          name: HUAWEI,
          nameEn: 'Huawei Technologies Co., Ltd.',
          creditCode: '914403001922038216',
          industryCode: 'c3921', // normalized to upper case
          district: '龙岗区',
          size: 'large',
          leadingEnterprise: true,
        },
        {
          name: TENCENT,
          nameEn: 'Shenzhen Tencent Computer Systems Co., Ltd.',
          creditCode: '91440300708461136t',
          industryCode: 'I6422',
          district: '南山区',
          size: 'large',
        },
        {
          name: SHANGHAI_ELECTRIC,
          nameEn: 'Shanghai Electric Group Co., Ltd.',
          creditCode: ' 91310000717866186P ',
          industryCode: 'C3411',
          district: '黄浦区',
          size: 'large',
        },
      ];
      for (const body of enterprises) {
        const response = await register({ type: 'enterprise', ...body });
        expect(response.body).toMatchObject({
          creditCode: body.creditCode.trim().toUpperCase(),
          industryCode: body.industryCode.toUpperCase(),
          membershipStatus: 'applied',
          leadingEnterprise: body.leadingEnterprise ?? false,
        });
      }
      const others = [
        {
          type: 'higher_vocational',
          name: COLLEGE,
          nameEn: 'Suzhou Industrial Park Institute of Vocational Technology',
          district: '工业园区',
          doubleHighSchool: true,
        },
        { type: 'government', name: COMMITTEE, nameEn: 'SIP Administrative Committee', district: '工业园区' },
        { type: 'research_institute', name: INSTITUTE, district: '相城区' },
        { type: 'industry_association', name: ASSOCIATION, district: '工业园区' },
        { type: 'technician_college', name: TECHNICIAN, district: '吴中区' },
      ];
      for (const body of others) {
        const response = await register(body);
        // A credit code is optional for non-enterprises.
        expect(response.body).toMatchObject({ type: body.type, creditCode: null, membershipStatus: 'applied' });
      }
    });

    it.each([
      ['an enterprise without a credit code', { creditCode: undefined }, 'creditCode', /creditCode/],
      [
        'a wrong check digit',
        { creditCode: '91350100M000100Y44' },
        'creditCode',
        /creditCode is not a valid unified social credit code: check digit should be '3' but is '4'/,
      ],
      [
        'a code one character short',
        { creditCode: '91350100M000100Y4' },
        'creditCode',
        /must be 18 characters \(got 17\)/,
      ],
      [
        'a code one character long',
        { creditCode: '91350100M000100Y433' },
        'creditCode',
        /must be 18 characters \(got 19\)/,
      ],
      [
        "an illegal character ('O' is never used)",
        { creditCode: '91350100M0001O0Y43' },
        'creditCode',
        /illegal character 'O' at position 14/,
      ],
      [
        "a lower-case illegal character ('i', normalized to 'I')",
        { creditCode: '91350100i000100Y43' },
        'creditCode',
        /illegal character 'I' at position 9/,
      ],
      [
        'letters where the division code belongs',
        { creditCode: '91ABCDEFM000100Y43' },
        'creditCode',
        /positions 3–8 must be an administrative division code/,
      ],
      ['a credit code that is not a string', { creditCode: 91350100 }, 'creditCode', /creditCode/],
      ['a malformed industry code', { industryCode: 'X9' }, 'industryCode', /GB\/T 4754/],
      ['an industry code with too many digits', { industryCode: 'C34841' }, 'industryCode', /GB\/T 4754/],
      [
        'a bad contact email',
        { contacts: [{ name: '王芳', email: 'nope' }] },
        'contacts.0.email',
        /email must be an email address/,
      ],
      [
        'a bad phone in the second contact',
        { contacts: [{ name: '王芳' }, { name: '赵强', phone: 'call me' }] },
        'contacts.1.phone',
        /phone must be a phone number/,
      ],
      ['a contact without a name', { contacts: [{ email: 'a@example.cn' }] }, 'contacts.0.name', /name/],
      [
        'an unknown field in a contact',
        { contacts: [{ name: '王芳', wechat: 'wf' }] },
        'contacts.0.wechat',
        /property wechat should not exist/,
      ],
      [
        'an unknown field',
        { membershipStatus: 'active' },
        'membershipStatus',
        /property membershipStatus should not exist/,
      ],
      ['an unknown type', { type: 'company' }, 'type', /type must be one of: government, enterprise/],
      ['a one-character name', { name: '汇' }, 'name', /name/],
      ['an unknown size', { size: 'huge' }, 'size', /size must be one of: large, medium, small, micro/],
      ['a flag that is not a boolean', { leadingEnterprise: 'yes' }, 'leadingEnterprise', /boolean/],
    ])('refuses %s with 400 naming the problem', async (_label, overrides, field, message) => {
      const response = await sec.post(base, {
        body: huichuan({
          name: `校验失败企业-${randomUUID().slice(0, 6)}`,
          creditCode: '91110000100017643K',
          ...overrides,
        }),
      });
      expectNamesField(response, field, message);
    });

    it('refuses a non-enterprise whose optional credit code is invalid', async () => {
      const response = await sec.post(base, {
        body: { type: 'research_institute', name: '错码研究院', creditCode: '12100000400000000X' },
      });
      expectNamesField(response, 'creditCode', /check digit should be/);
    });

    it('refuses a duplicate name with 409 details.field name (also with surrounding spaces)', async () => {
      for (const name of [HUICHUAN, `  ${HUICHUAN} `]) {
        const response = await sec.post(base, { body: huichuan({ name, creditCode: RACE_CODE }) });
        expectDomainError(response, 409, 'duplicate_organization', { field: 'name' });
        expect(response.body.message).toContain(HUICHUAN);
      }
      // Names are unique whatever the type.
      const other = await sec.post(base, { body: { type: 'other', name: HUICHUAN } });
      expectDomainError(other, 409, 'duplicate_organization', { field: 'name' });
    });

    it('refuses a duplicate credit code (in any case) with 409 details.field creditCode', async () => {
      const response = await sec.post(base, {
        body: huichuan({ name: '汇川技术另一家', creditCode: '91350100m000100Y43' }),
      });
      expectDomainError(response, 409, 'duplicate_organization', { field: 'creditCode' });
      expect(response.body.message).toContain('91350100M000100Y43');
      const nonEnterprise = await sec.post(base, {
        body: { type: 'industry_association', name: '汇川协会', creditCode: '914403001922038216' },
      });
      expectDomainError(nonEnterprise, 409, 'duplicate_organization', { field: 'creditCode' });
    });

    it('registers exactly one of 10 concurrent requests for the same name; the others get 409', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          sec.post(base, { body: { type: 'research_institute', name: RACE_NAME, district: '相城区' } }),
        ),
      );
      expect(statuses(responses)).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.status === 409)) {
        expect(refused.body.details).toMatchObject({ code: 'duplicate_organization', field: 'name' });
      }
      const winner = responses.find((r) => r.status === 201)!;
      registry.push({ id: winner.body.id, name: RACE_NAME, type: 'research_institute', status: 'applied' });
      const found = await sec.get(`${base}?q=${encodeURIComponent(RACE_NAME)}`);
      expect(found.body).toMatchObject({ total: 1, items: [{ id: winner.body.id }] });
    });

    it('registers exactly one of 10 concurrent requests with the same credit code; the others get 409', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          sec.post(base, {
            body: { type: 'enterprise', name: `并发代码企业${i}`, creditCode: RACE_CODE, industryCode: 'C3484' },
          }),
        ),
      );
      expect(statuses(responses)).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.status === 409)) {
        expect(refused.body.details).toMatchObject({ code: 'duplicate_organization', field: 'creditCode' });
      }
      const winner = responses.find((r) => r.status === 201)!;
      registry.push({ id: winner.body.id, name: winner.body.name, type: 'enterprise', status: 'applied' });
      const all = await sec.get(`${base}?limit=200`);
      expect(all.body.items.filter((o: { creditCode: string | null }) => o.creditCode === RACE_CODE)).toHaveLength(1);
    });

    it('answers 404 for an unknown organization and 400 for a malformed id', async () => {
      expectDomainError(await sec.get(`${base}/${randomUUID()}`), 404, 'organization_not_found');
      expect((await sec.get(`${base}/not-a-uuid`)).status).toBe(400);
      expectDomainError(
        await sec.post(`${base}/${randomUUID()}/membership-transitions`, {
          body: { to: 'active', effectiveOn: '2026-03-01' },
        }),
        404,
        'organization_not_found',
      );
      expectDomainError(await sec.get(`${base}/${randomUUID()}/membership-transitions`), 404, 'organization_not_found');
    });
  });

  describe('membership lifecycle (POST …/organizations/:id/membership-transitions)', () => {
    const move = (name: string, to: string, effectiveOn: string, reason?: string) =>
      sec.post(`${base}/${idOf(name)}/membership-transitions`, {
        body: { to, effectiveOn, ...(reason !== undefined ? { reason } : {}) },
      });
    const track = (name: string, status: string) => {
      registry.find((o) => o.name === name)!.status = status;
    };

    it('activates an applied organization: membershipStatus and membershipChangedOn = effectiveOn', async () => {
      const response = await move(HUICHUAN, 'active', '2026-03-01', '经理事会审议通过');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: idOf(HUICHUAN),
        membershipStatus: 'active',
        membershipChangedOn: '2026-03-01',
      });
      track(HUICHUAN, 'active');
      expect((await sec.get(`${base}/${idOf(HUICHUAN)}`)).body).toMatchObject({
        membershipStatus: 'active',
        membershipChangedOn: '2026-03-01',
      });
    });

    it('suspends an active member and restores it', async () => {
      const suspended = await move(HUICHUAN, 'suspended', '2026-04-01', '未按期履行成员义务');
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ membershipStatus: 'suspended', membershipChangedOn: '2026-04-01' });
      const restored = await move(HUICHUAN, 'active', '2026-05-01', '整改完成，恢复成员资格');
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ membershipStatus: 'active', membershipChangedOn: '2026-05-01' });
    });

    it('refuses a move the lifecycle does not allow with 409 listing the allowed ones', async () => {
      const response = await move(HUICHUAN, 'rejected', '2026-05-02', '不应允许');
      expectDomainError(response, 409, 'invalid_transition', {
        from: 'active',
        to: 'rejected',
        allowed: ['suspended', 'withdrawn'],
      });
      const toSame = await move(HUICHUAN, 'active', '2026-05-02');
      expectDomainError(toSame, 409, 'invalid_transition', { from: 'active', to: 'active' });
      expect((await sec.get(`${base}/${idOf(HUICHUAN)}`)).body).toMatchObject({
        membershipStatus: 'active',
        membershipChangedOn: '2026-05-01',
      });
    });

    it('rejects an application; a rejected organization cannot move anywhere (409, allowed [])', async () => {
      const rejected = await move(TENCENT, 'rejected', '2026-03-02', '不符合入盟条件');
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ membershipStatus: 'rejected', membershipChangedOn: '2026-03-02' });
      track(TENCENT, 'rejected');
      for (const to of ['active', 'applied', 'suspended']) {
        expectDomainError(await move(TENCENT, to, '2026-03-03'), 409, 'invalid_transition', {
          from: 'rejected',
          to,
          allowed: [],
        });
      }
    });

    it('lets an applicant withdraw; a withdrawn organization cannot come back', async () => {
      const withdrawn = await move(ASSOCIATION, 'withdrawn', '2026-03-05', '协会自愿退出');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.membershipStatus).toBe('withdrawn');
      track(ASSOCIATION, 'withdrawn');
      expectDomainError(await move(ASSOCIATION, 'active', '2026-03-06'), 409, 'invalid_transition', { allowed: [] });
    });

    it('activates further organizations (for the filters and lead units below)', async () => {
      for (const name of [HUAWEI, COLLEGE, COMMITTEE, TECHNICIAN]) {
        const response = await move(name, 'active', '2026-03-10', '首批成员单位');
        expect(response.status).toBe(200);
        track(name, 'active');
      }
    });

    it.each([
      ['a word for a date', { to: 'active', effectiveOn: 'yesterday' }, 'effectiveOn'],
      ['an impossible date', { to: 'active', effectiveOn: '2026-02-30' }, 'effectiveOn'],
      ['a timestamp instead of a date', { to: 'active', effectiveOn: '2026-03-01T08:00:00Z' }, 'effectiveOn'],
      ['no date', { to: 'active' }, 'effectiveOn'],
      ['an unknown status', { to: 'expelled', effectiveOn: '2026-03-01' }, 'to'],
      ['an unknown field', { to: 'active', effectiveOn: '2026-03-01', note: 'x' }, 'note'],
    ])('refuses %s with 400 naming the field (and changes nothing)', async (_label, body, field) => {
      const response = await sec.post(`${base}/${idOf(INSTITUTE)}/membership-transitions`, { body });
      expectNamesField(response, field);
      expect((await sec.get(`${base}/${idOf(INSTITUTE)}`)).body.membershipStatus).toBe('applied');
    });

    it('keeps every event in order with its dates, reasons and actor (refused moves leave none)', async () => {
      const history = await sec.get(`${base}/${idOf(HUICHUAN)}/membership-transitions`);
      expect(history.status).toBe(200);
      expect(
        history.body.map((e: any) => ({ from: e.fromStatus, to: e.toStatus, on: e.effectiveOn, reason: e.reason })),
      ).toEqual([
        { from: null, to: 'applied', on: expect.any(String), reason: null },
        { from: 'applied', to: 'active', on: '2026-03-01', reason: '经理事会审议通过' },
        { from: 'active', to: 'suspended', on: '2026-04-01', reason: '未按期履行成员义务' },
        { from: 'suspended', to: 'active', on: '2026-05-01', reason: '整改完成，恢复成员资格' },
      ]);
      expect(history.body.every((e: any) => e.actorUserId === secretariat.userId)).toBe(true);
      const ids = history.body.map((e: any) => Number(e.id));
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const createdAts = history.body.map((e: any) => e.createdAt);
      expect([...createdAts].sort()).toEqual(createdAts);

      const tencent = await sec.get(`${base}/${idOf(TENCENT)}/membership-transitions`);
      expect(tencent.body.map((e: any) => [e.fromStatus, e.toStatus, e.reason])).toEqual([
        [null, 'applied', null],
        ['applied', 'rejected', '不符合入盟条件'],
      ]);
    });

    it('lets exactly one of 10 concurrent applied→active moves through; the others get 409', async () => {
      const id = idOf(RACE_NAME);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          sec.post(`${base}/${id}/membership-transitions`, {
            body: { to: 'active', effectiveOn: '2026-03-20', reason: `并发请求${i}` },
          }),
        ),
      );
      expect(statuses(responses)).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.status === 409)) {
        expect(refused.body.details).toMatchObject({ code: 'invalid_transition', from: 'active', to: 'active' });
      }
      track(RACE_NAME, 'active');
      const history = await sec.get(`${base}/${id}/membership-transitions`);
      expect(history.body.map((e: any) => [e.fromStatus, e.toStatus])).toEqual([
        [null, 'applied'],
        ['applied', 'active'],
      ]);
      const winner = responses.find((r) => r.status === 200)!;
      expect(history.body[1].reason).toBe(`并发请求${responses.indexOf(winner)}`);
    });
  });

  describe('finding organizations (GET …/organizations, …/stats)', () => {
    const names = (filter: (o: (typeof registry)[number]) => boolean) =>
      sortedNames(registry.filter(filter).map((o) => o.name));

    it('lists everything by default, sorted by name', async () => {
      const all = await sec.get(`${base}?limit=200`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(registry.length);
      expect(all.body.nextCursor).toBeNull();
      expect(namesOf(all)).toEqual(sortedNames(registry.map((o) => o.name)));
    });

    it('filters by type and by membership status', async () => {
      const enterprises = await sec.get(`${base}?type=enterprise&limit=200`);
      expect(enterprises.status).toBe(200);
      expect(namesOf(enterprises)).toEqual(names((o) => o.type === 'enterprise'));
      expect(enterprises.body.total).toBe(5);
      for (const status of ['applied', 'active', 'rejected', 'withdrawn', 'suspended']) {
        const response = await sec.get(`${base}?status=${status}&limit=200`);
        expect(response.status).toBe(200);
        expect(namesOf(response)).toEqual(names((o) => o.status === status));
      }
      expect(namesOf(await sec.get(`${base}?type=enterprise&status=active`))).toEqual(sortedNames([HUICHUAN, HUAWEI]));
      expectNamesField(await sec.get(`${base}?type=company`), 'type');
      expectNamesField(await sec.get(`${base}?status=expelled`), 'status');
    });

    it('filters by industry code or its prefix (C34 matches C3484 and C3411)', async () => {
      const byPrefix = await sec.get(`${base}?industryCode=C34`);
      expect(byPrefix.status).toBe(200);
      expect(namesOf(byPrefix)).toEqual(
        sortedNames([HUICHUAN, SHANGHAI_ELECTRIC, registry.find((o) => o.name.startsWith('并发代码企业'))!.name]),
      );
      expect(namesOf(await sec.get(`${base}?industryCode=C3484&type=enterprise&leadingEnterprise=true`))).toEqual([
        HUICHUAN,
      ]);
      expect(namesOf(await sec.get(`${base}?industryCode=c39`))).toEqual([HUAWEI]);
      expect(namesOf(await sec.get(`${base}?industryCode=I`))).toEqual([TENCENT]);
      expect((await sec.get(`${base}?industryCode=C35`)).body).toMatchObject({ items: [], total: 0 });
      expectNamesField(await sec.get(`${base}?industryCode=X9`), 'industryCode');
    });

    it('filters by district', async () => {
      const park = await sec.get(`${base}?district=${encodeURIComponent('工业园区')}`);
      expect(namesOf(park)).toEqual(sortedNames([COLLEGE, COMMITTEE, ASSOCIATION]));
      const wuzhong = await sec.get(`${base}?district=${encodeURIComponent('吴中区')}&type=enterprise`);
      expect(namesOf(wuzhong)).toEqual([HUICHUAN]);
    });

    it('filters by the boolean flags', async () => {
      expect(namesOf(await sec.get(`${base}?leadingEnterprise=true`))).toEqual(sortedNames([HUICHUAN, HUAWEI]));
      const notLeading = await sec.get(`${base}?leadingEnterprise=false&limit=200`);
      expect(notLeading.body.total).toBe(registry.length - 2);
      expect(namesOf(notLeading)).not.toContain(HUICHUAN);
      expect(namesOf(await sec.get(`${base}?certifiedIntegrationEnterprise=true`))).toEqual([HUICHUAN]);
      expect(namesOf(await sec.get(`${base}?doubleHighSchool=true`))).toEqual([COLLEGE]);
      expect(namesOf(await sec.get(`${base}?doubleHighSchool=true&type=government`))).toEqual([]);
      expectNamesField(await sec.get(`${base}?leadingEnterprise=yes`), 'leadingEnterprise');
    });

    it('finds any part of a Chinese name', async () => {
      const huichuanOnly = await sec.get(`${base}?q=${encodeURIComponent('汇川')}`);
      expect(huichuanOnly.status).toBe(200);
      expect(huichuanOnly.body).toMatchObject({ total: 1, items: [{ id: idOf(HUICHUAN) }] });
      // In the middle of names.
      expect(namesOf(await sec.get(`${base}?q=${encodeURIComponent('工业园区')}`))).toEqual(
        sortedNames([COLLEGE, COMMITTEE]),
      );
      expect(namesOf(await sec.get(`${base}?q=${encodeURIComponent('研究院')}`))).toEqual(
        sortedNames([INSTITUTE, RACE_NAME]),
      );
      // Two characters of a name's end, combined with a filter.
      expect(namesOf(await sec.get(`${base}?q=${encodeURIComponent('有限公司')}&status=active`))).toEqual(
        sortedNames([HUICHUAN, HUAWEI]),
      );
    });

    it('finds any part of an English name, case-insensitively', async () => {
      expect(namesOf(await sec.get(`${base}?q=inovance`))).toEqual([HUICHUAN]);
      expect(namesOf(await sec.get(`${base}?q=TENCENT%20COMPUTER`))).toEqual([TENCENT]);
      expect(namesOf(await sec.get(`${base}?q=Technolog`))).toEqual(sortedNames([HUICHUAN, HUAWEI, COLLEGE]));
      expect(namesOf(await sec.get(`${base}?q=administrative%20COMMITTEE`))).toEqual([COMMITTEE]);
    });

    it('searches LIKE wildcards literally and answers an empty page for no match', async () => {
      for (const q of ['%', '_', '\\', '汇川%公司']) {
        const response = await sec.get(`${base}?q=${encodeURIComponent(q)}`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ items: [], nextCursor: null, total: 0 });
      }
    });

    it('sorts by name and createdAt, both directions', async () => {
      const byName = namesOf(await sec.get(`${base}?sort=name&limit=200`));
      expect(byName).toEqual(sortedNames(registry.map((o) => o.name)));
      expect(namesOf(await sec.get(`${base}?sort=-name&limit=200`))).toEqual([...byName].reverse());
      const creationOrder = registry.map((o) => o.name);
      expect(namesOf(await sec.get(`${base}?sort=createdAt&limit=200`))).toEqual(creationOrder);
      expect(namesOf(await sec.get(`${base}?sort=-createdAt&limit=200`))).toEqual([...creationOrder].reverse());
    });

    it('refuses an unknown sort with 400 naming sort', async () => {
      for (const sort of ['size', 'name,-createdAt', '--name']) {
        expectNamesField(await sec.get(`${base}?sort=${encodeURIComponent(sort)}`), 'sort', /sort must be one of/);
      }
    });

    it.each(['name', '-name', 'createdAt', '-createdAt'])(
      'walks pages of 2 (sort=%s) following nextCursor: every organization once, total unchanged',
      async (sort) => {
        const whole = await sec.get(`${base}?sort=${sort}&limit=200`);
        const walked = await walkPages(sec, base, { sort }, 2);
        expect(walked.total).toBe(registry.length);
        expect(walked.pages).toBe(Math.ceil(registry.length / 2));
        const ids = walked.items.map((o) => o.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual(whole.body.items.map((o: { id: string }) => o.id));
      },
    );

    it('walks a filtered list the same way', async () => {
      const walked = await walkPages(sec, base, { type: 'enterprise', sort: '-name' }, 2);
      expect(walked.total).toBe(5);
      expect(walked.pages).toBe(3);
      expect(walked.items.map((o) => o.name)).toEqual(names((o) => o.type === 'enterprise').reverse());
    });

    it('refuses a cursor it did not issue with 400, and a bad limit', async () => {
      for (const cursor of [
        'nonsense',
        Buffer.from('o:-1').toString('base64url'),
        Buffer.from('x:2').toString('base64url'),
      ]) {
        const response = await sec.get(`${base}?limit=2&cursor=${cursor}`);
        expectDomainError(response, 400, 'invalid_cursor', { field: 'cursor' });
        expect(response.body.message).toContain('cursor');
      }
      expectNamesField(await sec.get(`${base}?limit=0`), 'limit');
      expectNamesField(await sec.get(`${base}?limit=201`), 'limit');
      expectNamesField(await sec.get(`${base}?colour=red`), 'colour');
    });

    it('counts organizations by type and by membership status as registered and moved', async () => {
      const stats = await sec.get(`${base}/stats`);
      expect(stats.status).toBe(200);
      expect(stats.body).toEqual({
        total: 12,
        byType: {
          enterprise: 5,
          higher_vocational: 1,
          government: 1,
          research_institute: 2,
          industry_association: 1,
          technician_college: 1,
          other: 1,
        },
        byStatus: { applied: 4, active: 6, rejected: 1, withdrawn: 1 },
      });
      // The same as counting the registry.
      const count = (key: 'type' | 'status') =>
        registry.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o[key]]: (acc[o[key]] ?? 0) + 1 }), {});
      expect(stats.body).toEqual({ total: registry.length, byType: count('type'), byStatus: count('status') });
    });
  });

  describe('editing an organization (PATCH …/organizations/:id)', () => {
    it('changes fields (200) and audits each change with from and to', async () => {
      const id = idOf(HUICHUAN);
      const before = (await sec.get(`${base}/${id}`)).body;
      const contacts = [
        { name: '王芳', title: '培训中心主任', phone: '+86 512 6666 9999', email: 'peixun@inovance.example.cn' },
      ];
      const response = await sec.patch(`${base}/${id}`, {
        body: { district: '苏州工业园区', size: 'medium', doubleHighSchool: false, contacts, name: HUICHUAN },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...before,
        district: '苏州工业园区',
        size: 'medium',
        contacts,
        updatedAt: expect.any(String),
      });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
      expect((await sec.get(`${base}/${id}`)).body).toEqual(response.body);

      const log = await sec.get(
        `/api/v1/consortia/${cid}/audit-log?action=consortia.organization.updated&entityId=${id}`,
      );
      expect(log.body.items).toHaveLength(1);
      // Unchanged fields (name, doubleHighSchool) are not recorded.
      expect(log.body.items[0]).toMatchObject({
        actorUserId: secretariat.userId,
        entityType: 'organization',
        changes: {
          district: { from: '吴中区', to: '苏州工业园区' },
          size: { from: 'large', to: 'medium' },
          contacts: { from: before.contacts, to: contacts },
        },
      });
      expect(Object.keys(log.body.items[0].changes).sort()).toEqual(['contacts', 'district', 'size']);
    });

    it('answers 200 without an audit entry when nothing changes', async () => {
      const id = idOf(HUAWEI);
      const response = await sec.patch(`${base}/${id}`, { body: { district: '龙岗区', industryCode: 'c3921' } });
      expect(response.status).toBe(200);
      const log = await sec.get(
        `/api/v1/consortia/${cid}/audit-log?action=consortia.organization.updated&entityId=${id}`,
      );
      expect(log.body.items).toEqual([]);
    });

    it('refuses to make an organization an enterprise without a credit code (422 credit_code_required)', async () => {
      const id = idOf(INSTITUTE);
      const response = await sec.patch(`${base}/${id}`, { body: { type: 'enterprise' } });
      expectDomainError(response, 422, 'credit_code_required', { field: 'creditCode' });
      expect(response.body.message).toContain('creditCode');
      expect((await sec.get(`${base}/${id}`)).body).toMatchObject({ type: 'research_institute', creditCode: null });
      // Nor to take the credit code away from an enterprise.
      const cleared = await sec.patch(`${base}/${idOf(HUAWEI)}`, { body: { creditCode: null } });
      expectDomainError(cleared, 422, 'credit_code_required');
      expect((await sec.get(`${base}/${idOf(HUAWEI)}`)).body.creditCode).toBe('914403001922038216');
    });

    it('makes an organization an enterprise together with a valid credit code', async () => {
      const id = idOf(INSTITUTE);
      const code = withCheckCharacter('91320507MA1Q7K8R1');
      const response = await sec.patch(`${base}/${id}`, {
        body: { type: 'enterprise', creditCode: code.toLowerCase(), industryCode: 'M7320' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ type: 'enterprise', creditCode: code, industryCode: 'M7320' });
      registry.find((o) => o.id === id)!.type = 'enterprise';
      const log = await sec.get(
        `/api/v1/consortia/${cid}/audit-log?action=consortia.organization.updated&entityId=${id}`,
      );
      expect(log.body.items[0].changes).toEqual({
        type: { from: 'research_institute', to: 'enterprise' },
        creditCode: { from: null, to: code },
        industryCode: { from: null, to: 'M7320' },
        // Named as the standard names the code, since no name was given.
        industryName: { from: null, to: '工程和技术研究和试验发展' },
      });
    });

    it('validates edits like registrations (400) and keeps names and credit codes unique (409)', async () => {
      const id = idOf(HUAWEI);
      expectNamesField(
        await sec.patch(`${base}/${id}`, { body: { creditCode: '91350100M000100Y44' } }),
        'creditCode',
        /check digit should be '3' but is '4'/,
      );
      expectNamesField(await sec.patch(`${base}/${id}`, { body: { industryCode: 'X9' } }), 'industryCode');
      expectNamesField(
        await sec.patch(`${base}/${id}`, { body: { contacts: [{ name: '甲', email: 'x' }] } }),
        'contacts.0.email',
      );
      expectNamesField(
        await sec.patch(`${base}/${id}`, { body: { membershipStatus: 'active' } }),
        'membershipStatus',
        /should not exist/,
      );
      expectDomainError(await sec.patch(`${base}/${id}`, { body: { name: HUICHUAN } }), 409, 'duplicate_organization', {
        field: 'name',
      });
      expectDomainError(
        await sec.patch(`${base}/${id}`, { body: { creditCode: '91350100m000100y43' } }),
        409,
        'duplicate_organization',
        { field: 'creditCode' },
      );
      expectDomainError(
        await sec.patch(`${base}/${randomUUID()}`, { body: { district: '姑苏区' } }),
        404,
        'organization_not_found',
      );
      expect((await sec.get(`${base}/${id}`)).body).toMatchObject({ name: HUAWEI, creditCode: '914403001922038216' });
    });
  });

  describe('consortium profile (GET/PATCH /consortia/:cid)', () => {
    let foreignEnterpriseId: string;

    beforeAll(async () => {
      // Another consortium with an enterprise of the same name and credit code (unique per consortium only).
      otherCid = (await insertConsortium(stack.db.ownerUrl, { name: `另一联合体-${randomUUID().slice(0, 8)}` })).id;
      const foreign = await stack.admin.post(`/api/v1/consortia/${otherCid}/organizations`, { body: huichuan() });
      expect(foreign.status).toBe(201);
      foreignEnterpriseId = foreign.body.id;
    });

    it('edits the industrial park and reads it back', async () => {
      const leadingIndustries = [
        { code: 'C34', name: '通用设备制造业' },
        { code: 'C39', name: '计算机、通信和其他电子设备制造业' },
      ];
      const response = await sec.patch(profile, {
        body: { parkName: '苏州工业园区', parkOutputValue: '15000.50', parkProvinceRank: 1, leadingIndustries },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: cid,
        parkName: '苏州工业园区',
        parkOutputValue: '15000.50',
        parkProvinceRank: 1,
        leadingIndustries,
        status: 'planning',
      });
      const read = await sec.get(profile);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(response.body);
      // Whole amounts come back with two decimals.
      expect((await sec.patch(profile, { body: { parkOutputValue: '15000' } })).body.parkOutputValue).toBe('15000.00');
      expect((await sec.patch(profile, { body: { parkOutputValue: '15000.50' } })).body.parkOutputValue).toBe(
        '15000.50',
      );
    });

    it.each([
      ['a word for an amount', { parkOutputValue: 'abc' }, 'parkOutputValue'],
      ['an amount as a JSON number', { parkOutputValue: 15000.5 }, 'parkOutputValue'],
      ['three decimals', { parkOutputValue: '1.234' }, 'parkOutputValue'],
      ['a negative amount', { parkOutputValue: '-1' }, 'parkOutputValue'],
      ['rank 0', { parkProvinceRank: 0 }, 'parkProvinceRank'],
      ['a fractional rank', { parkProvinceRank: 1.5 }, 'parkProvinceRank'],
      [
        'a leading industry without a GB/T 4754 code',
        { leadingIndustries: [{ code: '34', name: '通用设备' }] },
        'leadingIndustries.0.code',
      ],
      [
        'a leading industry code the standard does not have',
        { leadingIndustries: [{ code: 'C3', name: '制造' }] },
        'leadingIndustries.0.code',
      ],
      [
        'a leading industry with an empty name',
        { leadingIndustries: [{ code: 'C34', name: '' }] },
        'leadingIndustries.0.name',
      ],
      ['a lead unit that is not a UUID', { leadSchoolOrgId: 'school-1' }, 'leadSchoolOrgId'],
      ['a status (changed only by transitions)', { status: 'accepted' }, 'status'],
    ])('refuses %s with 400 naming the field', async (_label, body, field) => {
      expectNamesField(await sec.patch(profile, { body }), field);
      expect((await sec.get(profile)).body).toMatchObject({
        parkOutputValue: '15000.50',
        parkProvinceRank: 1,
        status: 'planning',
      });
    });

    it('names leading industries as GB/T 4754-2017 does when only the code is given', async () => {
      const response = await sec.patch(profile, {
        body: { leadingIndustries: [{ code: 'c3491' }, { code: 'C39', name: '电子信息' }] },
      });
      expect(response.status).toBe(200);
      expect(response.body.leadingIndustries).toEqual([
        { code: 'C3491', name: '工业机器人制造' },
        { code: 'C39', name: '电子信息' },
      ]);
    });

    it('refuses a lead unit of the wrong type with 422 invalid_lead_unit (and changes nothing)', async () => {
      const cases: Array<[string, string]> = [
        ['leadSchoolOrgId', HUICHUAN],
        ['leadGovernmentOrgId', COLLEGE],
        ['leadEnterpriseOrgId', COMMITTEE],
        ['leadSchoolOrgId', ASSOCIATION],
      ];
      for (const [field, name] of cases) {
        const response = await sec.patch(profile, { body: { parkName: '不应保存的园区', [field]: idOf(name) } });
        expectDomainError(response, 422, 'invalid_lead_unit', { field });
        expect(response.body.message).toContain(field);
      }
      expect((await sec.get(profile)).body).toMatchObject({
        parkName: '苏州工业园区',
        leadGovernmentOrgId: null,
        leadSchoolOrgId: null,
        leadEnterpriseOrgId: null,
      });
    });

    it('accepts lead units of the right types: government, any school, enterprise', async () => {
      const response = await sec.patch(profile, {
        body: {
          leadGovernmentOrgId: idOf(COMMITTEE),
          leadSchoolOrgId: idOf(COLLEGE),
          leadEnterpriseOrgId: idOf(HUICHUAN),
        },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        leadGovernmentOrgId: idOf(COMMITTEE),
        leadSchoolOrgId: idOf(COLLEGE),
        leadEnterpriseOrgId: idOf(HUICHUAN),
      });
      // A technician college is a school too.
      const technician = await sec.patch(profile, { body: { leadSchoolOrgId: idOf(TECHNICIAN) } });
      expect(technician.status).toBe(200);
      expect(technician.body.leadSchoolOrgId).toBe(idOf(TECHNICIAN));
      const back = await sec.patch(profile, { body: { leadSchoolOrgId: idOf(COLLEGE) } });
      expect(back.body).toMatchObject({
        leadGovernmentOrgId: idOf(COMMITTEE),
        leadSchoolOrgId: idOf(COLLEGE),
        leadEnterpriseOrgId: idOf(HUICHUAN),
      });
      expect((await sec.get(profile)).body).toEqual(back.body);
    });

    it('refuses an organization of another consortium, or none at all, as lead unit (422)', async () => {
      const foreign = await sec.patch(profile, { body: { leadEnterpriseOrgId: foreignEnterpriseId } });
      expectDomainError(foreign, 422, 'invalid_lead_unit', { field: 'leadEnterpriseOrgId' });
      const unknown = await sec.patch(profile, { body: { leadGovernmentOrgId: randomUUID() } });
      expectDomainError(unknown, 422, 'invalid_lead_unit', { field: 'leadGovernmentOrgId' });
      // Not even the platform admin can link across consortia.
      const asAdmin = await stack.admin.patch(profile, { body: { leadEnterpriseOrgId: foreignEnterpriseId } });
      expectDomainError(asAdmin, 422, 'invalid_lead_unit', { field: 'leadEnterpriseOrgId' });
      // The organization of the other consortium is not visible here at all.
      expectDomainError(await sec.get(`${base}/${foreignEnterpriseId}`), 404, 'organization_not_found');
      expect((await sec.get(profile)).body).toMatchObject({
        leadGovernmentOrgId: idOf(COMMITTEE),
        leadEnterpriseOrgId: idOf(HUICHUAN),
      });
    });

    it('audits profile edits with from and to', async () => {
      const log = await sec.get(`/api/v1/consortia/${cid}/audit-log?action=consortia.consortium.updated&limit=200`);
      const entries = log.body.items as AuditEntry[];
      const park = entries.find((e) => 'parkName' in e.changes && 'leadingIndustries' in e.changes);
      expect(park).toMatchObject({
        entityType: 'consortium',
        entityId: cid,
        actorUserId: secretariat.userId,
        changes: {
          parkName: { from: null, to: '苏州工业园区' },
          parkProvinceRank: { from: null, to: 1 },
          leadingIndustries: { from: [], to: [{ code: 'C34', name: '通用设备制造业' }, expect.any(Object)] },
        },
      });
      // Refused edits left no entry.
      expect(entries.some((e) => JSON.stringify(e.changes).includes('不应保存的园区'))).toBe(false);
      expect(entries.some((e) => JSON.stringify(e.changes).includes(foreignEnterpriseId))).toBe(false);
    });
  });

  describe('consortium status lifecycle (POST /consortia/:cid/status-transitions)', () => {
    const go = (to: string, effectiveOn: string, note?: string) =>
      sec.post(`${profile}/status-transitions`, { body: { to, effectiveOn, ...(note ? { note } : {}) } });

    it('refuses to skip ahead from planning (409 with the allowed list)', async () => {
      const response = await go('accepted', '2026-01-15');
      expectDomainError(response, 409, 'invalid_transition', {
        from: 'planning',
        to: 'accepted',
        allowed: ['applied'],
      });
      expectDomainError(await go('revoked', '2026-01-15'), 409, 'invalid_transition', { allowed: ['applied'] });
      expect((await sec.get(`${profile}/status-transitions`)).body).toEqual([]);
    });

    it('moves planning → applied with a date and note, kept in the history', async () => {
      const response = await go('applied', '2026-02-01', '向省教育厅提交申报材料');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: cid, status: 'applied', statusChangedOn: '2026-02-01' });
      const history = await sec.get(`${profile}/status-transitions`);
      expect(history.status).toBe(200);
      expect(history.body).toEqual([
        {
          id: expect.any(String),
          fromStatus: 'planning',
          toStatus: 'applied',
          effectiveOn: '2026-02-01',
          note: '向省教育厅提交申报材料',
          actorUserId: secretariat.userId,
          createdAt: expect.any(String),
        },
      ]);
    });

    it('refuses revocation before provincial recommendation, and malformed requests with 400', async () => {
      expectDomainError(await go('revoked', '2026-02-02'), 409, 'invalid_transition', {
        from: 'applied',
        allowed: ['provincially_recommended'],
      });
      expectNamesField(await go('provincially_recommended', 'yesterday'), 'effectiveOn');
      expectNamesField(await go('recommended', '2026-02-02'), 'to');
      expectNamesField(
        await sec.post(`${profile}/status-transitions`, {
          body: { to: 'provincially_recommended', effectiveOn: '2026-02-02', reason: 'x' },
        }),
        'reason',
      );
    });

    it('walks on to under_construction and revokes from there; after that every move is 409 (allowed [])', async () => {
      const steps: Array<[string, string, string]> = [
        ['provincially_recommended', '2026-04-15', '省级推荐（苏教职函〔2026〕12号）'],
        ['cultivation_list', '2026-06-30', '列入国家培育名单'],
        ['under_construction', '2026-09-01', '启动建设'],
        ['revoked', '2026-12-01', '中期评估未通过，撤销'],
      ];
      for (const [to, on, note] of steps) {
        const response = await go(to, on, note);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ status: to, statusChangedOn: on });
      }
      for (const to of [
        'planning',
        'applied',
        'provincially_recommended',
        'cultivation_list',
        'under_construction',
        'accepted',
        'revoked',
      ]) {
        expectDomainError(await go(to, '2027-01-01'), 409, 'invalid_transition', { from: 'revoked', to, allowed: [] });
      }
      expect((await sec.get(profile)).body).toMatchObject({ status: 'revoked', statusChangedOn: '2026-12-01' });
      const history = await sec.get(`${profile}/status-transitions`);
      expect(history.body.map((e: any) => [e.fromStatus, e.toStatus, e.effectiveOn, e.note])).toEqual([
        ['planning', 'applied', '2026-02-01', '向省教育厅提交申报材料'],
        ['applied', 'provincially_recommended', '2026-04-15', '省级推荐（苏教职函〔2026〕12号）'],
        ['provincially_recommended', 'cultivation_list', '2026-06-30', '列入国家培育名单'],
        ['cultivation_list', 'under_construction', '2026-09-01', '启动建设'],
        ['under_construction', 'revoked', '2026-12-01', '中期评估未通过，撤销'],
      ]);
    });
  });

  describe('consortium status history across many events', () => {
    it('lists a long status history oldest first (accepted, then revoked from accepted)', async () => {
      // Event ids come from one sequence shared by all consortia; the five events above took
      // the first ids, so this history spans ids below and above 10.
      const steps: Array<[string, string]> = [
        ['applied', '2026-01-10'],
        ['provincially_recommended', '2026-03-10'],
        ['cultivation_list', '2026-05-10'],
        ['under_construction', '2026-07-10'],
        ['accepted', '2027-07-10'],
        ['revoked', '2027-12-10'],
      ];
      for (const [to, effectiveOn] of steps) {
        const response = await stack.admin.post(`/api/v1/consortia/${otherCid}/status-transitions`, {
          body: { to, effectiveOn, note: `第${to}步` },
        });
        expect({ to, status: response.status }).toEqual({ to, status: 200 });
      }
      const history = await stack.admin.get(`/api/v1/consortia/${otherCid}/status-transitions`);
      expect(history.body.map((e: any) => [e.toStatus, e.effectiveOn])).toEqual(steps);
      const ids = history.body.map((e: any) => Number(e.id));
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });
  });

  describe('roles: members and observers read, only the secretariat changes', () => {
    it.each(['member', 'observer'] as const)(
      'a %s reads organizations, stats, history and the profile (200)',
      async (role) => {
        const person = role === 'member' ? member : observer;
        const id = idOf(HUICHUAN);
        const list = await person.http.get(`${base}?q=${encodeURIComponent('汇川')}`);
        expect(list.status).toBe(200);
        expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
        expect((await person.http.get(`${base}/${id}`)).body).toMatchObject({ id, name: HUICHUAN });
        const stats = await person.http.get(`${base}/stats`);
        expect(stats.status).toBe(200);
        expect(stats.body.total).toBe(registry.length);
        const history = await person.http.get(`${base}/${id}/membership-transitions`);
        expect(history.status).toBe(200);
        expect(history.body).toHaveLength(4);
        expect((await person.http.get(profile)).body).toMatchObject({ id: cid, parkName: '苏州工业园区' });
        expect((await person.http.get(`${profile}/status-transitions`)).body).toHaveLength(5);
      },
    );

    it.each(['member', 'observer'] as const)('a %s cannot register, edit or move anything (403)', async (role) => {
      const person = role === 'member' ? member : observer;
      const id = idOf(COMMITTEE);
      const attempts: Array<[string, () => Promise<TestResponse>]> = [
        ['POST organization', () => person.http.post(base, { body: { type: 'other', name: `越权新增-${role}` } })],
        ['PATCH organization', () => person.http.patch(`${base}/${id}`, { body: { district: '越权区' } })],
        [
          'membership transition',
          () =>
            person.http.post(`${base}/${id}/membership-transitions`, {
              body: { to: 'suspended', effectiveOn: '2026-06-01' },
            }),
        ],
        ['PATCH profile', () => person.http.patch(profile, { body: { parkName: '越权园区' } })],
        [
          'status transition',
          () =>
            person.http.post(`${profile}/status-transitions`, { body: { to: 'accepted', effectiveOn: '2026-06-01' } }),
        ],
        ['audit log', () => person.http.get(`/api/v1/consortia/${cid}/audit-log`)],
      ];
      for (const [what, attempt] of attempts) {
        const response = await attempt();
        expect({ what, status: response.status }).toEqual({ what, status: 403 });
      }
      expect((await sec.get(`${base}/${id}`)).body).toMatchObject({ district: '工业园区', membershipStatus: 'active' });
      expect((await sec.get(`${base}?q=${encodeURIComponent('越权')}`)).body.total).toBe(0);
      expect((await sec.get(profile)).body.parkName).toBe('苏州工业园区');
    });

    it('answers 401 to anonymous callers', async () => {
      expect((await stack.http.get(base)).status).toBe(401);
      expect((await stack.http.post(base, { body: { type: 'other', name: '匿名新增' } })).status).toBe(401);
    });
  });

  describe('audit log (GET /consortia/:cid/audit-log)', () => {
    const auditOf = async (params: Record<string, string>): Promise<AuditEntry[]> => {
      const response = await sec.get(
        `/api/v1/consortia/${cid}/audit-log?${new URLSearchParams({ limit: '200', ...params }).toString()}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      return response.body.items;
    };

    it('records every registration (and no refused one) with what was registered', async () => {
      const created = await auditOf({ action: 'consortia.organization.created' });
      expect(created.map((e) => e.entityId).sort()).toEqual(registry.map((o) => o.id).sort());
      expect(created.find((e) => e.entityId === idOf(HUICHUAN))).toMatchObject({
        consortiumId: cid,
        actorUserId: secretariat.userId,
        entityType: 'organization',
        changes: { type: 'enterprise', name: HUICHUAN, creditCode: '91350100M000100Y43' },
      });
      expect(created.find((e) => e.entityId === idOf(COLLEGE))!.changes).toEqual({
        type: 'higher_vocational',
        name: COLLEGE,
        creditCode: null,
      });
    });

    it('records every membership change with from, to, date and reason, newest first', async () => {
      const changes = await auditOf({ action: 'consortia.organization.membership_changed', entityId: idOf(HUICHUAN) });
      expect(changes.map((e) => e.changes)).toEqual([
        {
          membershipStatus: { from: 'suspended', to: 'active' },
          effectiveOn: '2026-05-01',
          reason: '整改完成，恢复成员资格',
        },
        {
          membershipStatus: { from: 'active', to: 'suspended' },
          effectiveOn: '2026-04-01',
          reason: '未按期履行成员义务',
        },
        { membershipStatus: { from: 'applied', to: 'active' }, effectiveOn: '2026-03-01', reason: '经理事会审议通过' },
      ]);
      expect(changes.every((e) => e.actorUserId === secretariat.userId && e.entityType === 'organization')).toBe(true);
      // One entry for the one concurrent move that went through.
      expect(
        await auditOf({ action: 'consortia.organization.membership_changed', entityId: idOf(RACE_NAME) }),
      ).toHaveLength(1);
      const all = await auditOf({ action: 'consortia.organization.membership_changed' });
      // 汇川 3, 腾讯 1, 协会 1, four activations, the race 1.
      expect(all).toHaveLength(10);
    });

    it('records every consortium status change with from, to, date and note', async () => {
      const changes = await auditOf({ action: 'consortia.consortium.status_changed' });
      expect(changes.map((e) => e.changes)).toEqual([
        {
          status: { from: 'under_construction', to: 'revoked' },
          effectiveOn: '2026-12-01',
          note: '中期评估未通过，撤销',
        },
        { status: { from: 'cultivation_list', to: 'under_construction' }, effectiveOn: '2026-09-01', note: '启动建设' },
        {
          status: { from: 'provincially_recommended', to: 'cultivation_list' },
          effectiveOn: '2026-06-30',
          note: '列入国家培育名单',
        },
        {
          status: { from: 'applied', to: 'provincially_recommended' },
          effectiveOn: '2026-04-15',
          note: '省级推荐（苏教职函〔2026〕12号）',
        },
        { status: { from: 'planning', to: 'applied' }, effectiveOn: '2026-02-01', note: '向省教育厅提交申报材料' },
      ]);
      expect(changes.every((e) => e.entityType === 'consortium' && e.entityId === cid)).toBe(true);
      expect(changes.every((e) => e.actorUserId === secretariat.userId)).toBe(true);
    });

    it('lists the consortia.* actions by prefix', async () => {
      const actions = new Set((await auditOf({ action: 'consortia' })).map((e) => e.action));
      expect([...actions].sort()).toEqual([
        'consortia.consortium.status_changed',
        'consortia.consortium.updated',
        'consortia.organization.created',
        'consortia.organization.membership_changed',
        'consortia.organization.updated',
      ]);
    });
  });

  describe('input that must not end in a server error', () => {
    it.each([
      ['organization name', 'org', { name: null }, 'name'],
      ['organization type', 'org', { type: null }, 'type'],
      ['organization flag', 'org', { leadingEnterprise: null }, 'leadingEnterprise'],
      ['organization contacts', 'org', { contacts: null }, 'contacts'],
      ['consortium name', 'profile', { name: null }, 'name'],
      ['consortium leading industries', 'profile', { leadingIndustries: null }, 'leadingIndustries'],
    ])('refuses null for a required field (%s) with 400 naming it', async (_label, target, body, field) => {
      const path = target === 'org' ? `${base}/${idOf(COLLEGE)}` : profile;
      const before = (await sec.get(path)).body;
      const response = await sec.patch(path, { body });
      expectNamesField(response, field);
      expect((await sec.get(path)).body).toEqual(before);
    });

    it('accepts a credit code typed in full width (Chinese IME) and stores it in ASCII', async () => {
      const code = withCheckCharacter('91320507MA1Q7K8R2');
      const fullWidth = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      const response = await sec.post(base, {
        body: { type: 'enterprise', name: '全角代码企业', creditCode: fullWidth },
      });
      expect({ status: response.status, creditCode: response.body.creditCode }).toEqual({
        status: 201,
        creditCode: code,
      });
      expectDomainError(
        await sec.post(base, { body: { type: 'enterprise', name: '半角代码企业', creditCode: code } }),
        409,
        'duplicate_organization',
        { field: 'creditCode' },
      );
    });
  });
});
