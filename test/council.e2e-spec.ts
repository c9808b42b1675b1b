import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import ExcelJS from 'exceljs';
import {
  addPerson,
  HttpClient,
  insertConsortium,
  insertOrganization,
  pdfText,
  startTestStack,
  TestPerson,
  TestResponse,
  TestStack,
} from '@chanjiao/testing';

/**
 * The council (理事会) end to end through HTTP on a real PostgreSQL: charter and
 * seats, meetings with attendance and quorum, resolutions with votes and outcomes
 * by the charter, follow-up tasks, minutes as xlsx, roles and the audit trail.
 *
 * The tests of this file share one consortium and run in order: seats made in
 * the first block are voted with in the later ones, and the audit block at the
 * end checks that every change made before it was recorded.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type SeatKey = 'chair' | 'vice' | 'secgen' | 'dir1' | 'dir2' | 'sup';

/** Fields named by a 400 validation_failed answer. */
function invalidFields(response: TestResponse): string[] {
  return ((response.body?.details?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
}

function expectValidation(response: TestResponse, field: string): void {
  expect({ status: response.status, fields: invalidFields(response) }).toEqual({
    status: 400,
    fields: expect.arrayContaining([field]),
  });
  // The message names the property; details.fields carries the full path (entries.0.status).
  expect(response.body.message).toContain(field.split('.').pop());
}

function expectError(response: TestResponse, status: number, code: string, field?: string): void {
  expect({ status: response.status, code: response.body?.details?.code }).toEqual({ status, code });
  if (field !== undefined) {
    expect(response.body.details.field).toBe(field);
    expect(response.body.message).toContain(field);
  }
}

describe('council governance (理事会)', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let secretariat: TestPerson;
  let sec: HttpClient;
  let member: TestPerson;
  let observer: TestPerson;
  /** Secretariat of another consortium, for the tenant checks. */
  let otherSec: TestPerson;
  let otherCid: string;
  let foreignOrganization: string;

  const org: Record<string, string> = {};
  const seat = {} as Record<SeatKey, string>;
  const meeting: Record<string, string> = {};
  const resolution: Record<string, string> = {};
  let taskId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}/council`;
    secretariat = await addPerson(stack.admin, cid, 'secretariat');
    sec = secretariat.http;
    member = await addPerson(stack.admin, cid, 'member');
    observer = await addPerson(stack.admin, cid, 'observer');
    otherCid = (await insertConsortium(stack.db.ownerUrl)).id;
    otherSec = await addPerson(stack.admin, otherCid, 'secretariat');
    foreignOrganization = (await insertOrganization(stack.db.ownerUrl, otherCid, { type: 'government' })).id;

    for (const [key, body] of Object.entries({
      government: { type: 'government', name: '高新区管委会' },
      enterprise: { type: 'enterprise', name: '闽江智能装备有限公司', creditCode: '91350100M000100Y43' },
      school: { type: 'higher_vocational', name: '福州职业技术学院' },
      research: { type: 'research_institute', name: '海西智能制造研究院' },
      association: { type: 'industry_association', name: '福州市机器人行业协会' },
    })) {
      const response = await sec.post(`/api/v1/consortia/${cid}/organizations`, { body });
      if (response.status !== 201) throw new Error(`organization ${key}: ${response.status} ${response.text}`);
      org[key] = response.body.id;
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  const seatBody = (organization: string, role: string, overrides: Record<string, unknown> = {}) => ({
    organizationId: org[organization] ?? organization,
    personName: `理事-${role}-${randomUUID().slice(0, 4)}`,
    personTitle: '负责人',
    role,
    termStart: '2026-01-01',
    termEnd: '2099-12-31',
    ...overrides,
  });

  const vote = (resolutionId: string, seatId: string, choice: string, client: HttpClient = sec) =>
    client.post(`${base}/resolutions/${resolutionId}/votes`, { body: { seatId, choice } });

  const transition = (meetingId: string, to: string, client: HttpClient = sec) =>
    client.post(`${base}/meetings/${meetingId}/status-transitions`, { body: { to } });

  const table = async (meetingId: string, title: string, kind: 'ordinary' | 'special') => {
    const response = await sec.post(`${base}/meetings/${meetingId}/resolutions`, {
      body: { title, kind, text: `${title}：会议审议。` },
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  describe('charter and seats', () => {
    it('starts with the default charter and no seats, not multi-party complete', async () => {
      const response = await sec.get(base);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        quorum: { numerator: 2, denominator: 3 },
        ordinaryPass: { numerator: 1, denominator: 2 },
        specialPass: { numerator: 2, denominator: 3 },
        seats: 0,
        categoriesSeated: [],
        multiPartyComplete: false,
      });
      expect([...response.body.missingCategories].sort()).toEqual(['enterprise', 'government', 'research', 'school']);
      expect((await sec.get(`${base}/seats`)).body).toEqual([]);
    });

    it('derives each seat’s category from its organization’s type and reports completeness as seats fill', async () => {
      const steps: Array<[SeatKey, string, string, string, string[]]> = [
        ['chair', 'government', 'chair', 'government', ['enterprise', 'research', 'school']],
        ['sup', 'association', 'supervisor', 'industry_association', ['enterprise', 'research', 'school']],
        ['secgen', 'enterprise', 'secretary_general', 'enterprise', ['research', 'school']],
        ['vice', 'school', 'vice_chair', 'school', ['research']],
        ['dir1', 'research', 'director', 'research', []],
        ['dir2', 'enterprise', 'director', 'enterprise', []],
      ];
      for (const [key, organization, role, category, missing] of steps) {
        const body = seatBody(organization, role);
        const response = await sec.post(`${base}/seats`, { body });
        expect(response.status).toBe(201);
        expect(response.body).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          organizationId: org[organization],
          organizationName: expect.any(String),
          personName: body.personName,
          personTitle: '负责人',
          role,
          category,
          termStart: '2026-01-01',
          termEnd: '2099-12-31',
          inOffice: true,
        });
        seat[key] = response.body.id;
        const council = (await sec.get(base)).body;
        expect({ key, missing: [...council.missingCategories].sort(), complete: council.multiPartyComplete }).toEqual({
          key,
          missing,
          complete: missing.length === 0,
        });
      }
      const council = (await sec.get(base)).body;
      expect(council).toMatchObject({
        seats: 6,
        multiPartyComplete: true,
        missingCategories: [],
        categoriesSeated: ['enterprise', 'government', 'industry_association', 'research', 'school'],
      });
    });

    it('lists seats chair first, then vice chair, secretary general, directors, supervisor', async () => {
      const seats = (await sec.get(`${base}/seats`)).body as Array<{
        id: string;
        role: string;
        organizationName: string;
      }>;
      expect(seats.map((s) => s.role)).toEqual([
        'chair',
        'vice_chair',
        'secretary_general',
        'director',
        'director',
        'supervisor',
      ]);
      expect(seats.find((s) => s.id === seat.chair)?.organizationName).toBe('高新区管委会');
    });

    it('refuses a term that ends before (or when) it starts, naming termEnd', async () => {
      for (const termEnd of ['2025-12-31', '2026-01-01']) {
        const response = await sec.post(`${base}/seats`, { body: seatBody('school', 'director', { termEnd }) });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body.details.field).toBe('termEnd');
        expect(response.body.message).toContain('termEnd');
      }
      expectValidation(
        await sec.post(`${base}/seats`, { body: seatBody('school', 'director', { termStart: '2026-13-01' }) }),
        'termStart',
      );
      expectValidation(await sec.post(`${base}/seats`, { body: seatBody('school', 'president') }), 'role');
      expectValidation(
        await sec.post(`${base}/seats`, { body: seatBody('school', 'director', { organizationId: 'nope' }) }),
        'organizationId',
      );
      expect((await sec.get(base)).body.seats).toBe(6);
    });

    it('answers 404 for an unknown organization or one of another consortium', async () => {
      for (const organizationId of [randomUUID(), foreignOrganization]) {
        const response = await sec.post(`${base}/seats`, { body: seatBody(organizationId, 'director') });
        expectError(response, 404, 'organization_not_found');
      }
      expect((await sec.get(base)).body.seats).toBe(6);
    });

    it('changes the charter (quorum 3/4) and shows it; refuses fractions out of range', async () => {
      const changed = await sec.patch(base, {
        body: { name: '高新区市域产教联合体理事会', quorum: { numerator: 3, denominator: 4 } },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        name: '高新区市域产教联合体理事会',
        quorum: { numerator: 3, denominator: 4 },
        ordinaryPass: { numerator: 1, denominator: 2 },
        specialPass: { numerator: 2, denominator: 3 },
      });
      expect((await sec.get(base)).body.quorum).toEqual({ numerator: 3, denominator: 4 });

      const ordinary = await sec.patch(base, { body: { ordinaryPass: { numerator: 2, denominator: 2 } } });
      expectError(ordinary, 422, 'invalid_charter', 'ordinaryPass');
      expectError(
        await sec.patch(base, { body: { quorum: { numerator: 4, denominator: 3 } } }),
        422,
        'invalid_charter',
        'quorum',
      );
      expectError(
        await sec.patch(base, { body: { specialPass: { numerator: 5, denominator: 4 } } }),
        422,
        'invalid_charter',
        'specialPass',
      );
      expect((await sec.patch(base, { body: { quorum: { numerator: 0, denominator: 3 } } })).status).toBe(400);
      expect((await sec.patch(base, { body: { specialPass: { numerator: 2, denominator: 0 } } })).status).toBe(400);
      // Refused changes change nothing.
      expect((await sec.get(base)).body).toMatchObject({
        quorum: { numerator: 3, denominator: 4 },
        ordinaryPass: { numerator: 1, denominator: 2 },
        specialPass: { numerator: 2, denominator: 3 },
      });
    });
  });

  describe('meetings and attendance', () => {
    it('schedules meetings (201), lists them newest first and shows one', async () => {
      const plenary = await sec.post(`${base}/meetings`, {
        body: {
          kind: 'plenary',
          title: '第一届理事会第一次全体会议',
          scheduledAt: '2026-06-01T09:00:00+08:00',
          place: '管委会第一会议室',
          agenda: ['审议年度工作计划', '审议章程修订'],
        },
      });
      expect(plenary.status).toBe(201);
      expect(plenary.body).toMatchObject({
        id: expect.any(String),
        kind: 'plenary',
        title: '第一届理事会第一次全体会议',
        place: '管委会第一会议室',
        agenda: ['审议年度工作计划', '审议章程修订'],
        status: 'scheduled',
        attendance: [],
        resolutions: [],
      });
      expect(new Date(plenary.body.scheduledAt).toISOString()).toBe('2026-06-01T01:00:00.000Z');
      meeting.plenary = plenary.body.id;

      for (const [key, kind, scheduledAt] of [
        ['cancelled', 'special', '2026-05-01T09:00:00+08:00'],
        ['thin', 'standing', '2026-07-01T09:00:00+08:00'],
      ]) {
        const response = await sec.post(`${base}/meetings`, { body: { kind, title: `会议-${key}`, scheduledAt } });
        expect(response.status).toBe(201);
        meeting[key] = response.body.id;
      }

      const list = await sec.get(`${base}/meetings`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([
        meeting.thin,
        meeting.plenary,
        meeting.cancelled,
      ]);
      expect(list.body.nextCursor).toBeNull();
      // Keyset pages of one, newest first, then the end.
      const first = await sec.get(`${base}/meetings?limit=1`);
      expect(first.body.items.map((m: { id: string }) => m.id)).toEqual([meeting.thin]);
      const second = await sec.get(`${base}/meetings?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((m: { id: string }) => m.id)).toEqual([meeting.plenary, meeting.cancelled]);
      expect(second.body.nextCursor).toBeNull();

      const one = await sec.get(`${base}/meetings/${meeting.plenary}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: meeting.plenary, status: 'scheduled', kind: 'plenary' });

      expectValidation(
        await sec.post(`${base}/meetings`, {
          body: { kind: 'party', title: '会议', scheduledAt: '2026-06-01T09:00:00Z' },
        }),
        'kind',
      );
      expectValidation(
        await sec.post(`${base}/meetings`, { body: { kind: 'plenary', title: '会议', scheduledAt: 'next monday' } }),
        'scheduledAt',
      );
      expectError(await sec.get(`${base}/meetings/${randomUUID()}`), 404, 'meeting_not_found');
      expect((await sec.get(`${base}/meetings/not-a-uuid`)).status).toBe(400);
    });

    it('records attendance with present, absent and proxy seats and computes the quorum by the charter', async () => {
      const response = await sec.put(`${base}/meetings/${meeting.plenary}/attendance`, {
        body: {
          entries: [
            { seatId: seat.chair, status: 'present' },
            { seatId: seat.vice, status: 'present' },
            { seatId: seat.secgen, status: 'present' },
            { seatId: seat.dir1, status: 'proxy', proxySeatId: seat.chair },
            { seatId: seat.dir2, status: 'absent' },
            { seatId: seat.sup, status: 'absent' },
          ],
        },
      });
      expect(response.status).toBe(200);
      expect(response.body.attendance).toHaveLength(6);
      expect(response.body.attendance).toContainEqual({ seatId: seat.dir1, status: 'proxy', proxySeatId: seat.chair });
      // Quorum 3/4 of 6 seats: 5 needed, 4 present or represented.
      expect(response.body.quorum).toMatchObject({ seats: 6, present: 3, represented: 1, required: 5, reached: false });

      // Back to the default 2/3: 4 needed.
      const restored = await sec.patch(base, { body: { quorum: { numerator: 2, denominator: 3 } } });
      expect(restored.body.quorum).toEqual({ numerator: 2, denominator: 3 });
      expect((await sec.get(`${base}/meetings/${meeting.plenary}`)).body.quorum).toMatchObject({
        seats: 6,
        present: 3,
        represented: 1,
        required: 4,
        reached: true,
      });
    });

    it('refuses bad attendance lists with 422 naming the entry, and keeps the recorded one', async () => {
      const put = (entries: unknown[]) =>
        sec.put(`${base}/meetings/${meeting.plenary}/attendance`, { body: { entries } });
      const cases: Array<[string, unknown[], string]> = [
        [
          'proxy to an absent seat',
          [
            { seatId: seat.chair, status: 'present' },
            { seatId: seat.sup, status: 'absent' },
            { seatId: seat.dir2, status: 'proxy', proxySeatId: seat.sup },
          ],
          'entries.2',
        ],
        [
          'proxy to a seat not listed',
          [
            { seatId: seat.chair, status: 'present' },
            { seatId: seat.dir2, status: 'proxy', proxySeatId: seat.vice },
          ],
          'entries.1',
        ],
        [
          'proxy to a proxy (chain)',
          [
            { seatId: seat.chair, status: 'present' },
            { seatId: seat.dir1, status: 'proxy', proxySeatId: seat.chair },
            { seatId: seat.dir2, status: 'proxy', proxySeatId: seat.dir1 },
          ],
          'entries.2',
        ],
        ['proxy to itself', [{ seatId: seat.dir2, status: 'proxy', proxySeatId: seat.dir2 }], 'entries.0'],
        ['proxy without a holder', [{ seatId: seat.dir2, status: 'proxy' }], 'entries.0'],
        [
          'present with a proxy holder',
          [{ seatId: seat.chair, status: 'present', proxySeatId: seat.vice }],
          'entries.0',
        ],
        [
          'the same seat twice',
          [
            { seatId: seat.chair, status: 'present' },
            { seatId: seat.vice, status: 'present' },
            { seatId: seat.chair, status: 'absent' },
          ],
          'entries.2',
        ],
        [
          'not a seat',
          [
            { seatId: seat.chair, status: 'present' },
            { seatId: randomUUID(), status: 'present' },
          ],
          'entries.1',
        ],
      ];
      for (const [name, entries, field] of cases) {
        const response = await put(entries);
        expect({
          name,
          status: response.status,
          code: response.body.details?.code,
          field: response.body.details?.field,
        }).toEqual({
          name,
          status: 422,
          code: 'invalid_attendance',
          field,
        });
        expect(response.body.message).toContain(field);
      }
      expectValidation(await put([{ seatId: seat.chair, status: 'late' }]), 'entries.0.status');
      const after = (await sec.get(`${base}/meetings/${meeting.plenary}`)).body;
      expect(after.attendance).toHaveLength(6);
      expect(after.quorum).toMatchObject({ present: 3, represented: 1, required: 4, reached: true });
    });

    it('tables ordinary and special resolutions while scheduled; refuses votes before the meeting is held', async () => {
      resolution.ordinary = await table(meeting.plenary, '关于审议2026年度工作计划的决议', 'ordinary');
      resolution.tie = await table(meeting.plenary, '关于共建实训基地的决议', 'ordinary');
      resolution.abstain = await table(meeting.plenary, '关于调整会费标准的决议', 'ordinary');
      resolution.specialFails = await table(meeting.plenary, '关于修订联合体章程的决议', 'special');
      resolution.specialPasses = await table(meeting.plenary, '关于除名失联成员单位的决议', 'special');
      resolution.race = await table(meeting.plenary, '关于设立产业学院的决议', 'ordinary');
      resolution.manySeats = await table(meeting.plenary, '关于年度预算的决议', 'ordinary');

      const one = await sec.get(`${base}/resolutions/${resolution.specialFails}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        id: resolution.specialFails,
        meetingId: meeting.plenary,
        title: '关于修订联合体章程的决议',
        kind: 'special',
        final: false,
        votes: [],
        tasks: [],
        tally: { for: 0, against: 0, abstain: 0, cast: 0 },
      });
      expectValidation(
        await sec.post(`${base}/meetings/${meeting.plenary}/resolutions`, { body: { title: '决议', kind: 'secret' } }),
        'kind',
      );

      const early = await vote(resolution.ordinary, seat.chair, 'for');
      expectError(early, 409, 'meeting_not_held');
      expect((await sec.get(`${base}/resolutions/${resolution.ordinary}`)).body.votes).toEqual([]);
    });

    it('moves scheduled → held and scheduled → cancelled; refuses the other transitions with 409 and the allowed list', async () => {
      const cancelled = await transition(meeting.cancelled, 'cancelled');
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      const revive = await transition(meeting.cancelled, 'held');
      expectError(revive, 409, 'invalid_transition');
      expect(revive.body.details).toMatchObject({ from: 'cancelled', to: 'held', allowed: [] });

      const skip = await transition(meeting.plenary, 'minutes_approved');
      expectError(skip, 409, 'invalid_transition');
      expect(skip.body.details.allowed).toEqual(['held', 'cancelled']);

      const held = await transition(meeting.plenary, 'held');
      expect(held.status).toBe(200);
      expect(held.body.status).toBe('held');

      for (const to of ['scheduled', 'held', 'cancelled']) {
        const back = await transition(meeting.plenary, to);
        expectError(back, 409, 'invalid_transition');
        expect(back.body.details).toMatchObject({ from: 'held', to, allowed: ['minutes_approved'] });
      }
      expectValidation(await transition(meeting.plenary, 'adjourned'), 'to');
      expectError(await transition(randomUUID(), 'held'), 404, 'meeting_not_found');
      expect((await sec.get(`${base}/meetings/${meeting.plenary}`)).body.status).toBe('held');

      // A cancelled meeting takes no resolutions, attendance or votes.
      expectError(
        await sec.post(`${base}/meetings/${meeting.cancelled}/resolutions`, {
          body: { title: '决议', kind: 'ordinary' },
        }),
        409,
        'meeting_not_held',
      );
      expectError(
        await sec.put(`${base}/meetings/${meeting.cancelled}/attendance`, {
          body: { entries: [{ seatId: seat.chair, status: 'present' }] },
        }),
        409,
        'meeting_not_held',
      );
    });
  });

  describe('votes and outcomes', () => {
    it('lets only present or represented seats vote', async () => {
      for (const seatId of [seat.dir2, seat.sup, randomUUID()]) {
        const response = await vote(resolution.ordinary, seatId, 'for');
        expectError(response, 409, 'not_entitled_to_vote');
      }
      // dir1 is represented by the chair's proxy.
      const represented = await vote(resolution.ordinary, seat.dir1, 'for');
      expect(represented.status).toBe(200);
      expect(represented.body.votes).toEqual([{ seatId: seat.dir1, choice: 'for' }]);
      expectValidation(await vote(resolution.ordinary, seat.chair, 'maybe'), 'choice');
      expectValidation(await vote(resolution.ordinary, 'nope', 'for'), 'seatId');
      expectError(await vote(randomUUID(), seat.chair, 'for'), 404, 'resolution_not_found');
      expect((await sec.get(`${base}/resolutions/${resolution.ordinary}`)).body.tally).toEqual({
        for: 1,
        against: 0,
        abstain: 0,
        cast: 1,
      });
    });

    it('passes an ordinary resolution with more than half of the votes cast', async () => {
      await vote(resolution.ordinary, seat.chair, 'for');
      await vote(resolution.ordinary, seat.vice, 'against');
      const last = await vote(resolution.ordinary, seat.secgen, 'for');
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({
        outcome: 'passed',
        final: false,
        tally: { for: 3, against: 1, abstain: 0, cast: 4 },
        votesNeeded: 3,
      });
    });

    it('fails a tie; a changed vote replaces the old one (one vote per seat) and changes the tally', async () => {
      await vote(resolution.tie, seat.chair, 'for');
      await vote(resolution.tie, seat.vice, 'for');
      await vote(resolution.tie, seat.secgen, 'against');
      const tie = await vote(resolution.tie, seat.dir1, 'against');
      expect(tie.body).toMatchObject({
        outcome: 'failed',
        tally: { for: 2, against: 2, abstain: 0, cast: 4 },
        votesNeeded: 3,
      });

      const changed = await vote(resolution.tie, seat.dir1, 'for');
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ outcome: 'passed', tally: { for: 3, against: 1, abstain: 0, cast: 4 } });
      expect(changed.body.votes).toHaveLength(4);
      expect(changed.body.votes.filter((v: { seatId: string }) => v.seatId === seat.dir1)).toEqual([
        { seatId: seat.dir1, choice: 'for' },
      ]);

      const back = await vote(resolution.tie, seat.dir1, 'against');
      expect(back.body).toMatchObject({ outcome: 'failed', tally: { for: 2, against: 2, abstain: 0, cast: 4 } });
      expect(back.body.votes).toHaveLength(4);
    });

    it('counts abstentions as votes cast', async () => {
      await vote(resolution.abstain, seat.chair, 'for');
      await vote(resolution.abstain, seat.vice, 'for');
      const oneAbstains = await vote(resolution.abstain, seat.secgen, 'abstain');
      // 2 of 3 cast is more than half.
      expect(oneAbstains.body).toMatchObject({
        outcome: 'passed',
        tally: { for: 2, against: 0, abstain: 1, cast: 3 },
        votesNeeded: 2,
      });
      const twoAbstain = await vote(resolution.abstain, seat.dir1, 'abstain');
      // 2 of 4 cast is not more than half, with no vote against.
      expect(twoAbstain.body).toMatchObject({
        outcome: 'failed',
        tally: { for: 2, against: 0, abstain: 2, cast: 4 },
        votesNeeded: 3,
      });
    });

    it('fails a special matter without 2/3 of ALL seats even with quorum and a majority present', async () => {
      for (const key of ['chair', 'vice', 'secgen'] as const) await vote(resolution.specialFails, seat[key], 'for');
      const response = await vote(resolution.specialFails, seat.dir1, 'against');
      // 3 of 4 votes cast would pass an ordinary resolution; a special one needs 4 of 6 seats.
      expect(response.body).toMatchObject({
        outcome: 'failed',
        tally: { for: 3, against: 1, abstain: 0, cast: 4 },
        votesNeeded: 4,
      });

      for (const key of ['chair', 'vice', 'secgen'] as const) await vote(resolution.specialPasses, seat[key], 'for');
      expect((await sec.get(`${base}/resolutions/${resolution.specialPasses}`)).body).toMatchObject({
        outcome: 'failed',
        votesNeeded: 4,
      });
      const fourth = await vote(resolution.specialPasses, seat.dir1, 'for');
      expect(fourth.body).toMatchObject({ outcome: 'passed', tally: { for: 4, cast: 4 }, votesNeeded: 4 });
    });

    it('keeps exactly one vote after 20 concurrent votes from one seat with mixed choices', async () => {
      const choices = ['for', 'against', 'abstain'];
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => vote(resolution.race, seat.vice, choices[i % 3])),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses).toEqual(Array(20).fill(200));

      const after = await sec.get(`${base}/resolutions/${resolution.race}`);
      expect(after.body.votes).toHaveLength(1);
      expect(after.body.votes[0]).toEqual({
        seatId: seat.vice,
        choice: expect.stringMatching(/^(for|against|abstain)$/),
      });
      expect(after.body.tally.cast).toBe(1);

      const owner = new Client({ connectionString: stack.db.ownerUrl });
      await owner.connect();
      try {
        const count = await owner.query(`SELECT count(*)::int AS n FROM council_vote WHERE resolution_id = $1`, [
          resolution.race,
        ]);
        expect(count.rows[0].n).toBe(1);
        const stored = await owner.query(`SELECT choice FROM council_vote WHERE resolution_id = $1`, [resolution.race]);
        expect(stored.rows[0].choice).toBe(after.body.votes[0].choice);
      } finally {
        await owner.end();
      }
    });

    it('keeps one vote per seat when four seats vote five times each, all at once', async () => {
      const voters = [seat.chair, seat.vice, seat.secgen, seat.dir1];
      const choices = ['for', 'against', 'abstain', 'for', 'against'];
      const responses = await Promise.all(
        voters.flatMap((seatId) => choices.map((choice) => vote(resolution.manySeats, seatId, choice))),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
      const after = (await sec.get(`${base}/resolutions/${resolution.manySeats}`)).body;
      expect(after.votes.map((v: { seatId: string }) => v.seatId).sort()).toEqual([...voters].sort());
      expect(after.tally.cast).toBe(4);
      expect(after.tally.for + after.tally.against + after.tally.abstain).toBe(4);
    });

    it('answers no_quorum when attendance is below the quorum', async () => {
      const thin = meeting.thin;
      const attendance = await sec.put(`${base}/meetings/${thin}/attendance`, {
        body: {
          // The proxy may come before its holder in the list.
          entries: [
            { seatId: seat.secgen, status: 'proxy', proxySeatId: seat.vice },
            { seatId: seat.chair, status: 'present' },
            { seatId: seat.vice, status: 'present' },
            { seatId: seat.dir1, status: 'absent' },
          ],
        },
      });
      expect(attendance.status).toBe(200);
      expect(attendance.body.quorum).toMatchObject({
        seats: 6,
        present: 2,
        represented: 1,
        required: 4,
        reached: false,
      });
      resolution.thinOrdinary = await table(thin, '关于新增理事单位的决议', 'ordinary');
      resolution.thinSpecial = await table(thin, '关于变更联合体名称的决议', 'special');
      expect((await transition(thin, 'held')).status).toBe(200);
      for (const key of ['chair', 'vice', 'secgen'] as const) {
        expect((await vote(resolution.thinOrdinary, seat[key], 'for')).status).toBe(200);
        expect((await vote(resolution.thinSpecial, seat[key], 'for')).status).toBe(200);
      }
      for (const id of [resolution.thinOrdinary, resolution.thinSpecial]) {
        expect((await sec.get(`${base}/resolutions/${id}`)).body).toMatchObject({
          outcome: 'no_quorum',
          tally: { for: 3, cast: 3 },
          votesNeeded: null,
        });
      }
      const approved = await transition(thin, 'minutes_approved');
      expect(approved.status).toBe(200);
      expect(approved.body.resolutions.map((r: { outcome: string; final: boolean }) => [r.outcome, r.final])).toEqual([
        ['no_quorum', true],
        ['no_quorum', true],
      ]);
    });
  });

  describe('follow-up tasks', () => {
    it('assigns a task to a member organization and tracks it to done', async () => {
      const created = await sec.post(`${base}/resolutions/${resolution.ordinary}/tasks`, {
        body: { title: '牵头编制年度工作计划实施方案', assigneeOrganizationId: org.school, dueOn: '2026-09-30' },
      });
      expect(created.status).toBe(201);
      expect(created.body.tasks).toEqual([
        {
          id: expect.any(String),
          title: '牵头编制年度工作计划实施方案',
          assigneeOrganizationId: org.school,
          assigneeName: '福州职业技术学院',
          dueOn: '2026-09-30',
          status: 'open',
        },
      ]);
      taskId = created.body.tasks[0].id;

      const started = await sec.patch(`${base}/tasks/${taskId}`, { body: { status: 'in_progress' } });
      expect(started.status).toBe(200);
      expect(started.body.tasks[0]).toMatchObject({ id: taskId, status: 'in_progress' });
      const done = await sec.patch(`${base}/tasks/${taskId}`, { body: { status: 'done' } });
      expect(done.status).toBe(200);
      expect(done.body.tasks[0]).toMatchObject({ id: taskId, status: 'done' });
      expect((await sec.get(`${base}/resolutions/${resolution.ordinary}`)).body.tasks[0].status).toBe('done');
    });

    it('refuses unknown assignees, tasks and resolutions with 404 and bad values with 400', async () => {
      for (const assigneeOrganizationId of [randomUUID(), foreignOrganization]) {
        const response = await sec.post(`${base}/resolutions/${resolution.ordinary}/tasks`, {
          body: { title: '无主任务', assigneeOrganizationId, dueOn: '2026-09-30' },
        });
        expectError(response, 404, 'organization_not_found');
      }
      expectError(
        await sec.post(`${base}/resolutions/${randomUUID()}/tasks`, {
          body: { title: '无主任务', assigneeOrganizationId: org.school, dueOn: '2026-09-30' },
        }),
        404,
        'resolution_not_found',
      );
      expectError(
        await sec.patch(`${base}/tasks/${randomUUID()}`, { body: { status: 'done' } }),
        404,
        'task_not_found',
      );
      expectValidation(await sec.patch(`${base}/tasks/${taskId}`, { body: { status: 'finished' } }), 'status');
      expectValidation(
        await sec.post(`${base}/resolutions/${resolution.ordinary}/tasks`, {
          body: { title: '任务', assigneeOrganizationId: org.school, dueOn: '30/09/2026' },
        }),
        'dueOn',
      );
      expect((await sec.get(`${base}/resolutions/${resolution.ordinary}`)).body.tasks).toHaveLength(1);
    });
  });

  describe('minutes approved', () => {
    it('makes outcomes final and closes voting, attendance and new resolutions', async () => {
      const approved = await transition(meeting.plenary, 'minutes_approved');
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('minutes_approved');

      const expected: Record<string, string> = {
        ordinary: 'passed',
        tie: 'failed',
        abstain: 'failed',
        specialFails: 'failed',
        specialPasses: 'passed',
      };
      for (const [key, outcome] of Object.entries(expected)) {
        const response = await sec.get(`${base}/resolutions/${resolution[key]}`);
        expect({ key, outcome: response.body.outcome, final: response.body.final }).toEqual({
          key,
          outcome,
          final: true,
        });
      }

      expectError(await vote(resolution.tie, seat.dir1, 'for'), 409, 'meeting_not_held');
      expect((await sec.get(`${base}/resolutions/${resolution.tie}`)).body).toMatchObject({
        outcome: 'failed',
        tally: { for: 2, against: 2 },
      });
      expectError(
        await sec.put(`${base}/meetings/${meeting.plenary}/attendance`, {
          body: { entries: [{ seatId: seat.chair, status: 'absent' }] },
        }),
        409,
        'meeting_not_held',
      );
      expectError(
        await sec.post(`${base}/meetings/${meeting.plenary}/resolutions`, {
          body: { title: '迟到决议', kind: 'ordinary' },
        }),
        409,
        'meeting_not_held',
      );
      for (const to of ['held', 'scheduled', 'cancelled']) {
        const response = await transition(meeting.plenary, to);
        expectError(response, 409, 'invalid_transition');
        expect(response.body.details.allowed).toEqual([]);
      }
    });
  });

  describe('minutes export', () => {
    const download = (path: string, token: string) =>
      fetch(`${stack.http.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

    async function rowsOf(response: Response): Promise<string[][]> {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      const rows: string[][] = [];
      workbook.worksheets[0].eachRow((row) => {
        rows.push((row.values as unknown[]).slice(1).map((value) => (value == null ? '' : String(value))));
      });
      return rows;
    }

    it('exports the minutes as xlsx with the meeting, its resolutions and their outcomes', async () => {
      const response = await download(`${base}/meetings/${meeting.plenary}/minutes`, secretariat.http.accessToken!);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(XLSX);
      expect(response.headers.get('content-disposition')).toContain('attachment');
      const rows = await rowsOf(response);
      const text = JSON.stringify(rows);
      expect(text).toContain('第一届理事会第一次全体会议');
      expect(text).toContain('管委会第一会议室');
      expect(text).toContain('审议年度工作计划');
      const outcomeOf = (title: string) => rows.find((row) => row.includes(title))?.[2];
      expect({
        ordinary: outcomeOf('关于审议2026年度工作计划的决议'),
        tie: outcomeOf('关于共建实训基地的决议'),
        abstain: outcomeOf('关于调整会费标准的决议'),
        specialFails: outcomeOf('关于修订联合体章程的决议'),
        specialPasses: outcomeOf('关于除名失联成员单位的决议'),
      }).toEqual({
        ordinary: '通过 Passed',
        tie: '未通过 Failed',
        abstain: '未通过 Failed',
        specialFails: '未通过 Failed',
        specialPasses: '通过 Passed',
      });
      expect(rows.find((row) => row.includes('关于共建实训基地的决议'))?.[3]).toBe('2/2/0');
      expect(text).toContain('牵头编制年度工作计划实施方案');
    });

    it('shows no_quorum outcomes in the minutes of the thin meeting', async () => {
      const response = await download(`${base}/meetings/${meeting.thin}/minutes`, secretariat.http.accessToken!);
      expect(response.status).toBe(200);
      const rows = await rowsOf(response);
      expect(rows.find((row) => row.includes('关于新增理事单位的决议'))?.[2]).toBe('未达法定人数 No quorum');
      expect(rows.find((row) => row.includes('关于变更联合体名称的决议'))?.[2]).toBe('未达法定人数 No quorum');
    });

    it('exports the approved minutes as a printable PDF (?format=pdf) with the same content', async () => {
      const response = await download(
        `${base}/meetings/${meeting.plenary}/minutes?format=pdf`,
        observer.http.accessToken!,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('第一届理事会第一次全体会议-会议纪要.pdf')}`,
      );
      const file = Buffer.from(await response.arrayBuffer());
      expect(file.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(file);
      for (const phrase of [
        '第一届理事会第一次全体会议  会议纪要 Minutes',
        '2026-06-01 09:00（北京时间 UTC+8）',
        '纪要已审定 Minutes approved',
        '1. 审议年度工作计划',
        '理事长 Chair',
        '委托 Proxy',
        '关于审议2026年度工作计划的决议',
        '结果 Outcome: 通过 Passed',
        '结果 Outcome: 未通过 Failed',
        '表决 Votes: 赞成 For 2，反对 Against 2，弃权 Abstain 0',
        '牵头编制年度工作计划实施方案',
        '主持人 Chair：',
      ]) {
        // On failure the whole extracted text shows in the diff.
        expect({ phrase, found: text.includes(phrase) ? true : text }).toEqual({ phrase, found: true });
      }
      expect(text).not.toContain('草稿');
      expect(text).toMatch(/第 1 \/ \d+ 页 Page 1 of \d+/);
    });

    it('refuses an unknown minutes format with 400 naming format', async () => {
      const response = await sec.get(`${base}/meetings/${meeting.plenary}/minutes?format=docx`);
      expectValidation(response, 'format');
    });

    it('answers 404 for an unknown meeting', async () => {
      const response = await download(`${base}/meetings/${randomUUID()}/minutes`, secretariat.http.accessToken!);
      expect(response.status).toBe(404);
    });
  });

  describe('final outcomes stay', () => {
    it('keeps approved minutes (quorum, tallies, thresholds, outcomes) when seats and the charter change afterwards', async () => {
      type Described = { title: string; outcome: string; final: boolean; tally: object; votesNeeded: number | null };
      const record = (body: { quorum: object; resolutions: Described[] }) => ({
        quorum: body.quorum,
        resolutions: body.resolutions.map((r) => [r.title, r.outcome, r.final, r.tally, r.votesNeeded]),
      });
      const before = record((await sec.get(`${base}/meetings/${meeting.plenary}`)).body);
      expect(before.quorum).toMatchObject({ seats: 6, reached: true });
      // A seventh seat in office on the meeting date and a stricter charter would change a live count.
      const added = await sec.post(`${base}/seats`, { body: seatBody('school', 'director') });
      expect(added.status).toBe(201);
      const stricter = await sec.patch(base, {
        body: { quorum: { numerator: 6, denominator: 7 }, specialPass: { numerator: 6, denominator: 7 } },
      });
      expect(stricter.status).toBe(200);
      const after = (await sec.get(`${base}/meetings/${meeting.plenary}`)).body;
      expect(record(after)).toEqual(before);
      expect(
        Object.fromEntries(after.resolutions.map((r: Described) => [r.title, [r.outcome, r.final]])),
      ).toMatchObject({
        关于审议2026年度工作计划的决议: ['passed', true],
        关于共建实训基地的决议: ['failed', true],
        关于除名失联成员单位的决议: ['passed', true],
      });
      const restored = await sec.patch(base, {
        body: { quorum: { numerator: 2, denominator: 3 }, specialPass: { numerator: 2, denominator: 3 } },
      });
      expect(restored.status).toBe(200);
    });
  });

  describe('roles', () => {
    const readPaths = () => [
      base,
      `${base}/seats`,
      `${base}/meetings`,
      `${base}/meetings/${meeting.plenary}`,
      `${base}/resolutions/${resolution.ordinary}`,
    ];

    const writes = (): Array<[string, string, unknown]> => [
      ['PATCH', base, { quorum: { numerator: 1, denominator: 2 } }],
      ['POST', `${base}/seats`, seatBody('school', 'director')],
      ['POST', `${base}/meetings`, { kind: 'special', title: '越权会议', scheduledAt: '2026-08-01T09:00:00Z' }],
      ['POST', `${base}/meetings/${meeting.plenary}/status-transitions`, { to: 'cancelled' }],
      [
        'PUT',
        `${base}/meetings/${meeting.plenary}/attendance`,
        { entries: [{ seatId: seat.chair, status: 'present' }] },
      ],
      ['POST', `${base}/meetings/${meeting.plenary}/resolutions`, { title: '越权决议', kind: 'ordinary' }],
      ['POST', `${base}/resolutions/${resolution.ordinary}/votes`, { seatId: seat.chair, choice: 'against' }],
      [
        'POST',
        `${base}/resolutions/${resolution.ordinary}/tasks`,
        { title: '越权任务', assigneeOrganizationId: org.school, dueOn: '2026-09-30' },
      ],
      ['PATCH', `${base}/tasks/${taskId}`, { status: 'cancelled' }],
    ];

    for (const role of ['member', 'observer'] as const) {
      it(`lets a ${role} read everything (200) but change nothing (403)`, async () => {
        const person = role === 'member' ? member : observer;
        const before = JSON.stringify([
          (await sec.get(base)).body,
          (await sec.get(`${base}/seats`)).body,
          (await sec.get(`${base}/meetings`)).body,
          (await sec.get(`${base}/meetings/${meeting.plenary}`)).body,
        ]);
        for (const path of readPaths()) {
          expect({ path, status: (await person.http.get(path)).status }).toEqual({ path, status: 200 });
        }
        const minutes = await fetch(`${stack.http.baseUrl}${base}/meetings/${meeting.plenary}/minutes`, {
          headers: { authorization: `Bearer ${person.http.accessToken}` },
        });
        expect(minutes.status).toBe(200);
        expect(minutes.headers.get('content-type')).toContain(XLSX);
        await minutes.arrayBuffer();

        for (const [method, path, body] of writes()) {
          const response = await person.http.request(method, path, { body });
          expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
        }
        const after = JSON.stringify([
          (await sec.get(base)).body,
          (await sec.get(`${base}/seats`)).body,
          (await sec.get(`${base}/meetings`)).body,
          (await sec.get(`${base}/meetings/${meeting.plenary}`)).body,
        ]);
        expect(after).toBe(before);
      });
    }

    it('hides the council from another consortium’s secretariat', async () => {
      const foreignBase = `/api/v1/consortia/${otherCid}/council`;
      expectError(await otherSec.http.get(`${foreignBase}/meetings/${meeting.plenary}`), 404, 'meeting_not_found');
      expectError(
        await otherSec.http.get(`${foreignBase}/resolutions/${resolution.ordinary}`),
        404,
        'resolution_not_found',
      );
      expectError(
        await otherSec.http.post(`${foreignBase}/resolutions/${resolution.race}/votes`, {
          body: { seatId: seat.chair, choice: 'for' },
        }),
        404,
        'resolution_not_found',
      );
      expectError(
        await otherSec.http.patch(`${foreignBase}/tasks/${taskId}`, { body: { status: 'open' } }),
        404,
        'task_not_found',
      );
      expect((await otherSec.http.get(`${foreignBase}/meetings`)).body).toEqual({ items: [], nextCursor: null });
      expect((await otherSec.http.get(base)).status).toBe(404);
      // Its own council is created with the default charter on first use, also when asked for at once.
      const first = await Promise.all(Array.from({ length: 10 }, () => otherSec.http.get(foreignBase)));
      expect(first.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(first[0].body).toMatchObject({
        seats: 0,
        quorum: { numerator: 2, denominator: 3 },
        multiPartyComplete: false,
      });
    });
  });

  describe('audit', () => {
    interface AuditEntry {
      action: string;
      entityType: string;
      entityId: string | null;
      actorUserId: string | null;
      consortiumId: string | null;
      changes: Record<string, any>;
    }

    async function councilEntries(): Promise<AuditEntry[]> {
      const items: AuditEntry[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page += 1) {
        const query: URLSearchParams = new URLSearchParams({
          action: 'consortia.council',
          limit: '100',
          ...(cursor ? { cursor } : {}),
        });
        const response: TestResponse = await sec.get(`/api/v1/consortia/${cid}/audit-log?${query.toString()}`);
        expect(response.status).toBe(200);
        items.push(...response.body.items);
        cursor = response.body.nextCursor;
        if (!cursor) return items;
      }
      throw new Error('the audit log did not end');
    }

    it('records every council change as consortia.council.* by the secretariat', async () => {
      const entries = await councilEntries();
      const actions = new Set(entries.map((e) => e.action));
      expect([...actions].sort()).toEqual([
        'consortia.council.attendance_recorded',
        'consortia.council.charter_changed',
        'consortia.council.meeting_scheduled',
        'consortia.council.meeting_status_changed',
        'consortia.council.resolution_tabled',
        'consortia.council.seat_added',
        'consortia.council.task_assigned',
        'consortia.council.task_status_changed',
        'consortia.council.vote_cast',
      ]);
      expect(entries.every((e) => e.consortiumId === cid && e.actorUserId === secretariat.userId)).toBe(true);
      const count = (action: string) => entries.filter((e) => e.action === `consortia.council.${action}`).length;
      expect(count('seat_added')).toBe(7);
      expect(count('meeting_scheduled')).toBe(3);
      expect(count('resolution_tabled')).toBe(9);
      expect(count('task_assigned')).toBe(1);
      expect(count('task_status_changed')).toBe(2);
      // 4 charter changes succeeded (3/4, back to 2/3, stricter, restored); refused ones left no entry.
      expect(count('charter_changed')).toBe(4);
      // Refused attendance lists left no entry: plenary once, thin once.
      expect(count('attendance_recorded')).toBe(2);
      // Every accepted vote is recorded, the 20 racing ones included.
      const raceVotes = entries.filter(
        (e) => e.action === 'consortia.council.vote_cast' && e.entityId === resolution.race,
      );
      expect(raceVotes).toHaveLength(20);
      expect(raceVotes.every((e) => e.changes.seatId === seat.vice)).toBe(true);

      const plenaryStatus = entries
        .filter((e) => e.action === 'consortia.council.meeting_status_changed' && e.entityId === meeting.plenary)
        .map((e) => e.changes.status)
        .reverse();
      expect(plenaryStatus).toEqual([
        { from: 'scheduled', to: 'held' },
        { from: 'held', to: 'minutes_approved' },
      ]);
      expect(
        entries.find((e) => e.action === 'consortia.council.seat_added' && e.entityId === seat.chair),
      ).toMatchObject({
        entityType: 'council_seat',
        changes: { organizationId: org.government, role: 'chair' },
      });
    });
  });
});
