import { Client } from 'pg';
import ExcelJS from 'exceljs';
import { addPerson, HttpClient, insertConsortium, startTestStack, TestPerson, TestStack } from '@chanjiao/testing';

/** The council through HTTP: seats, a meeting, quorum, votes (also in parallel), outcomes, minutes, roles. */
describe('council governance', () => {
  let stack: TestStack;
  let cid: string;
  let sec: HttpClient;
  let member: TestPerson;
  let base: string;
  const seat: Record<string, string> = {};
  const org: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    const secretariat = await addPerson(stack.admin, cid, 'secretariat');
    member = await addPerson(stack.admin, cid, 'member');
    sec = secretariat.http;
    base = `/api/v1/consortia/${cid}/council`;
    for (const [key, body] of Object.entries({
      government: { type: 'government', name: '园区管委会' },
      enterprise: { type: 'enterprise', name: '智造公司', creditCode: '91350100M000100Y43' },
      school: { type: 'higher_vocational', name: '职业技术学院' },
      research: { type: 'research_institute', name: '产业研究院' },
      association: { type: 'industry_association', name: '机器人协会' },
    })) {
      org[key] = (await sec.post(`/api/v1/consortia/${cid}/organizations`, { body })).body.id;
    }
  });

  afterAll(() => stack?.close());

  const addSeat = async (key: string, organization: string, role: string) => {
    const response = await sec.post(`${base}/seats`, {
      body: {
        organizationId: org[organization],
        personName: `理事${key}`,
        role,
        termStart: '2026-01-01',
        termEnd: '2099-12-31',
      },
    });
    expect(response.status).toBe(201);
    seat[key] = response.body.id;
    return response;
  };

  it('is multi-party complete once government, enterprise, school and research are seated', async () => {
    expect((await sec.get(base)).body).toMatchObject({
      multiPartyComplete: false,
      quorum: { numerator: 2, denominator: 3 },
    });
    expect((await addSeat('chair', 'government', 'chair')).body.category).toBe('government');
    await addSeat('vice', 'school', 'vice_chair');
    await addSeat('secgen', 'enterprise', 'secretary_general');
    await addSeat('dir1', 'research', 'director');
    await addSeat('dir2', 'enterprise', 'director');
    await addSeat('sup', 'association', 'supervisor');
    const council = await sec.get(base);
    expect(council.body).toMatchObject({ seats: 6, multiPartyComplete: true, missingCategories: [] });
    const badTerm = await sec.post(`${base}/seats`, {
      body: {
        organizationId: org.school,
        personName: 'x',
        role: 'director',
        termStart: '2027-01-01',
        termEnd: '2026-01-01',
      },
    });
    expect(badTerm.body.details.field).toBe('termEnd');
  });

  it('runs a meeting: quorum with a proxy, votes, outcomes by the charter, parallel votes from one seat', async () => {
    const meeting = (
      await sec.post(`${base}/meetings`, {
        body: { kind: 'plenary', title: '全体会议', scheduledAt: '2026-06-01T09:00:00+08:00', agenda: ['审议计划'] },
      })
    ).body;
    const ordinary = (
      await sec.post(`${base}/meetings/${meeting.id}/resolutions`, { body: { title: '普通决议', kind: 'ordinary' } })
    ).body;
    const special = (
      await sec.post(`${base}/meetings/${meeting.id}/resolutions`, { body: { title: '章程修订', kind: 'special' } })
    ).body;
    const vote = (resolutionId: string, seatId: string, choice: string) =>
      sec.post(`${base}/resolutions/${resolutionId}/votes`, { body: { seatId, choice } });

    expect((await vote(ordinary.id, seat.chair, 'for')).body.details.code).toBe('meeting_not_held');
    const badProxy = await sec.put(`${base}/meetings/${meeting.id}/attendance`, {
      body: { entries: [{ seatId: seat.dir1, status: 'proxy', proxySeatId: seat.sup }] },
    });
    expect(badProxy.status).toBe(422);
    expect(badProxy.body.details.field).toBe('entries.0');
    const attendance = await sec.put(`${base}/meetings/${meeting.id}/attendance`, {
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
    expect(attendance.body.quorum).toMatchObject({ present: 3, represented: 1, required: 4, reached: true });
    expect((await sec.post(`${base}/meetings/${meeting.id}/status-transitions`, { body: { to: 'held' } })).status).toBe(
      200,
    );

    expect((await vote(ordinary.id, seat.dir2, 'for')).body.details.code).toBe('not_entitled_to_vote');
    // 20 parallel votes from one seat: one vote remains.
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) => vote(ordinary.id, seat.chair, ['for', 'against', 'abstain'][i % 3])),
    );
    expect(racing.every((r) => r.status === 200)).toBe(true);
    const owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    try {
      const count = await owner.query(
        `SELECT count(*)::int AS n FROM council_vote WHERE resolution_id = $1 AND seat_id = $2`,
        [ordinary.id, seat.chair],
      );
      expect(count.rows[0].n).toBe(1);
    } finally {
      await owner.end();
    }
    await vote(ordinary.id, seat.chair, 'for');
    await vote(ordinary.id, seat.vice, 'for');
    await vote(ordinary.id, seat.secgen, 'against');
    const tie = await vote(ordinary.id, seat.dir1, 'against');
    expect(tie.body).toMatchObject({ outcome: 'failed', tally: { for: 2, against: 2, abstain: 0, cast: 4 } });
    const changed = await vote(ordinary.id, seat.dir1, 'for');
    expect(changed.body).toMatchObject({ outcome: 'passed', tally: { for: 3, against: 1 } });

    // Special: 4 for of 6 seats reaches 2/3 of ALL seats.
    for (const key of ['chair', 'vice', 'secgen']) await vote(special.id, seat[key], 'for');
    expect((await sec.get(`${base}/resolutions/${special.id}`)).body).toMatchObject({
      outcome: 'failed',
      votesNeeded: 4,
    });
    expect((await vote(special.id, seat.dir1, 'for')).body.outcome).toBe('passed');

    const task = await sec.post(`${base}/resolutions/${ordinary.id}/tasks`, {
      body: { title: '编制方案', assigneeOrganizationId: org.school, dueOn: '2026-09-30' },
    });
    expect(task.status).toBe(201);
    const done = await sec.patch(`${base}/tasks/${task.body.tasks[0].id}`, { body: { status: 'done' } });
    expect(done.body.tasks[0].status).toBe('done');

    expect(
      (await sec.post(`${base}/meetings/${meeting.id}/status-transitions`, { body: { to: 'minutes_approved' } }))
        .status,
    ).toBe(200);
    expect((await sec.get(`${base}/resolutions/${ordinary.id}`)).body).toMatchObject({
      outcome: 'passed',
      final: true,
    });
    expect((await vote(ordinary.id, seat.chair, 'against')).body.details.code).toBe('meeting_not_held');
    const back = await sec.post(`${base}/meetings/${meeting.id}/status-transitions`, { body: { to: 'held' } });
    expect(back.status).toBe(409);

    const minutes = await fetch(`${stack.http.baseUrl}${base}/meetings/${meeting.id}/minutes`, {
      headers: { authorization: `Bearer ${member.http.accessToken}` },
    });
    expect(minutes.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await minutes.arrayBuffer()) as never);
    const text = JSON.stringify(workbook.worksheets[0].getSheetValues());
    expect(text).toContain('全体会议');
    expect(text).toContain('章程修订');
    expect(text).toContain('通过 Passed');
  });

  it('lets members read the council but not change it', async () => {
    const m = member.http;
    expect((await m.get(base)).status).toBe(200);
    expect((await m.get(`${base}/meetings`)).status).toBe(200);
    expect(
      (
        await m.post(`${base}/meetings`, {
          body: { kind: 'special', title: '越权会议', scheduledAt: '2026-07-01T09:00:00Z' },
        })
      ).status,
    ).toBe(403);
    expect((await m.patch(base, { body: { name: '越权' } })).status).toBe(403);
  });
});
