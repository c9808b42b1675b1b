import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import {
  addPerson,
  HttpClient,
  insertConsortium,
  pdfText,
  startTestStack,
  TestPerson,
  TestStack,
} from '@chanjiao/testing';

/**
 * Seat terms: a seat counts toward a meeting only if its term covers the
 * meeting's (China-time) date, and the council is multi-party by the seats in
 * office today. Seats are edited through PATCH …/council/seats/:seatId.
 */
// Terms run far ahead so "in office today" holds whenever the suite runs.
const TERM_END = '2099-12-31';

describe('council seat terms', () => {
  let stack: TestStack;
  let base: string;
  let organizations: string;
  let secretariat: TestPerson;
  let sec: HttpClient;
  const org: Record<string, string> = {};
  const seat: Record<string, string> = {};
  let meetingId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}/council`;
    organizations = `/api/v1/consortia/${cid}/organizations`;
    secretariat = await addPerson(stack.admin, cid, 'secretariat');
    sec = secretariat.http;
    for (const [key, body] of Object.entries({
      government: { type: 'government', name: '经开区管委会' },
      enterprise: { type: 'enterprise', name: '晋江智能装备有限公司', creditCode: '91350100M000100Y43' },
      school: { type: 'technician_college', name: '泉州技师学院' },
      research: { type: 'research_institute', name: '泉州装备制造研究所' },
    })) {
      const response = await sec.post(organizations, { body });
      expect(response.status).toBe(201);
      org[key] = response.body.id;
    }
    const seats: Array<[string, string, string, string, string]> = [
      ['chair', 'government', 'chair', '2026-01-01', TERM_END],
      ['enterprise', 'enterprise', 'director', '2026-01-01', TERM_END],
      ['school', 'school', 'director', '2026-01-01', TERM_END],
      // The research seat's term ended before the meeting: it must not count.
      ['formerResearch', 'research', 'director', '2023-01-01', '2025-12-31'],
    ];
    for (const [key, organization, role, termStart, termEnd] of seats) {
      const response = await sec.post(`${base}/seats`, {
        body: { organizationId: org[organization], personName: `理事-${key}`, role, termStart, termEnd },
      });
      expect(response.status).toBe(201);
      seat[key] = response.body.id;
    }
    const meeting = await sec.post(`${base}/meetings`, {
      // 00:30 in Beijing on 1 June is still 31 May in UTC: the China-time day decides.
      body: {
        kind: 'plenary',
        title: '第二届理事会第一次会议',
        scheduledAt: '2026-06-01T00:30:00+08:00',
        // Words the font sets with ligatures (ffi, fi, fl): the PDF text must still read back.
        place: 'Office of the first affiliate flow 会议室',
      },
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
  });

  afterAll(() => stack?.close());

  it('marks seats in office today and counts only those toward multi-party completeness', async () => {
    const seats = (await sec.get(`${base}/seats`)).body as Array<{ id: string; inOffice: boolean }>;
    expect(Object.fromEntries(seats.map((s) => [s.id, s.inOffice]))).toEqual({
      [seat.chair]: true,
      [seat.enterprise]: true,
      [seat.school]: true,
      [seat.formerResearch]: false,
    });
    expect((await sec.get(base)).body).toMatchObject({
      seats: 3,
      seatsOutOfOffice: 1,
      multiPartyComplete: false,
      missingCategories: ['research'],
    });
  });

  it('leaves a seat out of office on the meeting date out of its quorum and attendance', async () => {
    const refused = await sec.put(`${base}/meetings/${meetingId}/attendance`, {
      body: { entries: [{ seatId: seat.formerResearch, status: 'present' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toMatchObject({ code: 'invalid_attendance', field: 'entries.0' });
    expect(refused.body.message).toContain('not in office on the meeting date');

    const recorded = await sec.put(`${base}/meetings/${meetingId}/attendance`, {
      body: {
        entries: [
          { seatId: seat.chair, status: 'present' },
          { seatId: seat.enterprise, status: 'present' },
        ],
      },
    });
    expect(recorded.status).toBe(200);
    // 3 seats in office on 1 June: 2/3 of 3 is 2, reached.
    expect(recorded.body.quorum).toMatchObject({ seats: 3, present: 2, required: 2, reached: true });
  });

  it('edits a seat: ending a term early takes it out of later meetings; extending one brings it back', async () => {
    const ended = await sec.patch(`${base}/seats/${seat.school}`, { body: { termEnd: '2026-05-31' } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: seat.school, termEnd: '2026-05-31', inOffice: false });
    expect((await sec.get(`${base}/meetings/${meetingId}`)).body.quorum).toMatchObject({ seats: 2, required: 2 });

    const extended = await sec.patch(`${base}/seats/${seat.formerResearch}`, {
      body: { termEnd: TERM_END, personName: '新任理事', personTitle: '所长', role: 'vice_chair' },
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      personName: '新任理事',
      personTitle: '所长',
      role: 'vice_chair',
      category: 'research',
      inOffice: true,
    });
    expect((await sec.get(base)).body).toMatchObject({ seats: 3, multiPartyComplete: false });
    expect((await sec.get(`${base}/meetings/${meetingId}`)).body.quorum).toMatchObject({ seats: 3 });
    const restored = await sec.patch(`${base}/seats/${seat.school}`, { body: { termEnd: TERM_END } });
    expect(restored.status).toBe(200);
    expect((await sec.get(base)).body).toMatchObject({ seats: 4, multiPartyComplete: true });
  });

  it('refuses bad seat edits naming the field, and unknown seats with 404', async () => {
    const backwards = await sec.patch(`${base}/seats/${seat.chair}`, { body: { termEnd: '2025-12-31' } });
    expect(backwards.status).toBe(422);
    expect(backwards.body.details.field).toBe('termEnd');
    const nullName = await sec.patch(`${base}/seats/${seat.chair}`, { body: { personName: null } });
    expect(nullName.status).toBe(400);
    expect(nullName.body.details.field).toBe('personName');
    const badRole = await sec.patch(`${base}/seats/${seat.chair}`, { body: { role: 'king' } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.message).toContain('role must be one of');
    const moved = await sec.patch(`${base}/seats/${seat.chair}`, { body: { organizationId: org.school } });
    expect(moved.status).toBe(400);
    expect(moved.body.details.fields[0].field).toBe('organizationId');
    expect((await sec.patch(`${base}/seats/${randomUUID()}`, { body: { personName: '某人' } })).status).toBe(404);
    const unchanged = (await sec.get(`${base}/seats`)).body.find((s: { id: string }) => s.id === seat.chair);
    expect(unchanged).toMatchObject({ personName: '理事-chair', termEnd: TERM_END });
  });

  it('prints the meeting time in China time in the minutes, and only that meeting’s council', async () => {
    // In office today, but seated after the meeting: not part of its council.
    const later = await sec.post(`${base}/seats`, {
      body: {
        organizationId: org.government,
        personName: '理事-later',
        role: 'director',
        termStart: '2026-07-01',
        termEnd: TERM_END,
      },
    });
    expect(later.status).toBe(201);
    const response = await fetch(`${stack.http.baseUrl}${base}/meetings/${meetingId}/minutes`, {
      headers: { authorization: `Bearer ${sec.accessToken}` },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    const time = sheet.getRow(3).getCell(2).value;
    expect(time).toBe('2026-06-01 00:30（北京时间 UTC+8）');
    // Only the seats of that meeting's council are listed.
    const listed = JSON.stringify(sheet.getSheetValues());
    expect(listed).toContain('理事-chair');
    expect(listed).not.toContain('理事-later');

    const pdf = await fetch(`${stack.http.baseUrl}${base}/meetings/${meetingId}/minutes?format=pdf`, {
      headers: { authorization: `Bearer ${sec.accessToken}` },
    });
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('2026-06-01 00:30（北京时间 UTC+8）');
    expect(text).toContain('Office of the first affiliate flow 会议室');
    expect(text).toContain('草稿：纪要尚未审定 Draft: the minutes are not approved yet');
    expect(text).not.toContain('理事-later');
    expect(text).toContain('理事-chair');
  });

  it('moves a seat to its organization’s new category when the organization’s type changes', async () => {
    const changed = await sec.patch(`${organizations}/${org.research}`, { body: { type: 'industry_association' } });
    expect(changed.status).toBe(200);
    const moved = (await sec.get(`${base}/seats`)).body.find((s: { id: string }) => s.id === seat.formerResearch);
    expect(moved.category).toBe('industry_association');
    expect((await sec.get(base)).body).toMatchObject({ multiPartyComplete: false, missingCategories: ['research'] });
    expect((await sec.patch(`${organizations}/${org.research}`, { body: { type: 'research_institute' } })).status).toBe(
      200,
    );
    expect((await sec.get(base)).body).toMatchObject({ multiPartyComplete: true });
  });

  it('lets an organization leave only once its council seats have ended', async () => {
    const leave = () =>
      sec.post(`${organizations}/${org.enterprise}/membership-transitions`, {
        body: { to: 'withdrawn', effectiveOn: '2026-12-01', reason: '企业搬迁' },
      });
    const refused = await leave();
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ code: 'holds_council_seat', field: 'to', seatIds: [seat.enterprise] });
    expect(refused.body.message).toContain('理事-enterprise');
    const ended = await sec.patch(`${base}/seats/${seat.enterprise}`, { body: { termEnd: '2026-11-30' } });
    expect(ended.status).toBe(200);
    const left = await leave();
    expect(left.status).toBe(200);
    expect(left.body.membershipStatus).toBe('withdrawn');
  });
});
