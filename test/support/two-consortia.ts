import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addPerson, signInFirstTime, TestPerson } from './auth-helpers';
import { insertSampleCatalogue } from './catalogue';
import { chinaToday } from './clock';
import { insertConsortium } from './factories';
import { HttpClient } from './http-client';
import { TestStack } from './test-stack';

export interface ConsortiumFixture {
  id: string;
  name: string;
  secretariat: TestPerson;
  member: TestPerson;
  observer: TestPerson;
  /** A person the tests act upon (never a caller). */
  target: TestPerson;
  /** A job of this consortium, requested by its secretariat. */
  jobId: string;
  /** A member organization (active, with one membership transition). */
  organizationId: string;
  /** A council seat, and a held meeting where it is present, with a resolution voted on and a follow-up task. */
  seatId: string;
  meetingId: string;
  resolutionId: string;
  taskId: string;
  /** A reporting period on the default framework with a target, an extension, an approved report with evidence, and a roll-up. */
  periodId: string;
  reportId: string;
  evidenceId: string;
  rollupId: string;
  /** A training base hosted by the member's organization (with an area, equipment and a closure) and a booking. */
  baseId: string;
  bookingId: string;
  /** A training need; a plan of this year with an approved version; an item of it provided by the member's organization; a session of it with a roster. */
  needId: string;
  planId: string;
  versionId: string;
  itemId: string;
  deliveryId: string;
  /** A school (higher vocational) with one programme offering (460305, of the sample catalogue). */
  schoolId: string;
  offeringId: string;
  /** Published talent postings of the member's organization, and a skill synonym. */
  demandPostingId: string;
  supplyPostingId: string;
  synonymId: string;
  /** Matching: the posting's match to the school's offering, a run and a proposed cooperation. */
  runId: string;
  cooperationId: string;
}

export interface TwoConsortia {
  a: ConsortiumFixture;
  b: ConsortiumFixture;
  /** Platform reference data the routes read: the default indicator framework (published). */
  frameworkId: string;
  /** Platform reference data: a programme and an occupation of the sample catalogue (imported once). */
  programmeCode: string;
  occupationCode: string;
  /** Signed in, member of no consortium. */
  outsider: HttpClient;
  outsiderCredentials: { email: string; password: string };
}

async function consortiumFixture(stack: TestStack, label: string): Promise<ConsortiumFixture> {
  const row = await insertConsortium(stack.db.ownerUrl, { name: `${label}市域产教联合体-${randomUUID().slice(0, 8)}` });
  const [secretariat, member, observer, target] = await Promise.all([
    addPerson(stack.admin, row.id, 'secretariat'),
    addPerson(stack.admin, row.id, 'member'),
    addPerson(stack.admin, row.id, 'observer'),
    addPerson(stack.admin, row.id, 'observer'),
  ]);
  // A job of this tenant, as if its secretariat had started one.
  const jobId = randomUUID();
  const owner = new Client({ connectionString: stack.db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `INSERT INTO outbox_message (id, consortium_id, queue, job_name, payload, requested_by, dispatched_at)
       VALUES ($1, $2, 'identity', 'identity.seed-demo-users', $3, $4, NULL)`,
      [jobId, row.id, JSON.stringify({ consortiumId: row.id }), secretariat.userId],
    );
  } finally {
    await owner.end();
  }
  const organization = await stack.admin.post(`/api/v1/consortia/${row.id}/organizations`, {
    body: { type: 'research_institute', name: `${label}产业技术研究院-${randomUUID().slice(0, 6)}` },
  });
  if (organization.status !== 201)
    throw new Error(`creating an organization answered ${organization.status}: ${organization.text}`);
  const organizationId: string = organization.body.id;
  await stack.admin.post(`/api/v1/consortia/${row.id}/organizations/${organizationId}/membership-transitions`, {
    body: { to: 'active', effectiveOn: '2026-01-15', reason: '理事会审议通过' },
  });
  await stack.admin.post(`/api/v1/consortia/${row.id}/status-transitions`, {
    body: { to: 'applied', effectiveOn: '2026-02-01', note: '提交申报材料' },
  });
  const council = await councilFixture(stack.admin, row.id, organizationId);
  const indicators = await indicatorsFixture(stack, row.id);
  const trainingBases = await trainingBasesFixture(stack, row.id, member.userId, organizationId);
  const training = await trainingFixture(stack.admin, row.id, organizationId, member.userId);
  const programmes = await offeringsFixture(stack.admin, row.id, label);
  const talent = await talentFixture(stack, row.id, member.userId);
  const matching = await matchingFixture(stack, row.id, talent.demandPostingId, programmes);
  return {
    id: row.id,
    name: row.name,
    secretariat,
    member,
    observer,
    target,
    jobId,
    organizationId,
    ...council,
    ...indicators,
    ...trainingBases,
    ...training,
    ...programmes,
    ...talent,
    ...matching,
  };
}

async function trainingFixture(admin: HttpClient, consortiumId: string, organizationId: string, memberUserId: string) {
  const base = `/api/v1/consortia/${consortiumId}`;
  const expectOk = <R extends { status: number; text: string }>(response: R, what: string): R => {
    if (response.status >= 300) throw new Error(`${what} answered ${response.status}: ${response.text}`);
    return response;
  };
  const memberOrganizationId: string = expectOk(await admin.get(`${base}/users/${memberUserId}`), 'member').body
    .organizationId;
  const need = expectOk(
    await admin.post(`${base}/training-needs`, {
      body: { organizationId, topic: '测试培训需求', type: 'on_job', trainees: 10 },
    }),
    'training need',
  ).body;
  const today = chinaToday();
  const plan = expectOk(
    await admin.post(`${base}/training-plans`, { body: { year: Number(today.slice(0, 4)), title: '测试培训规划' } }),
    'training plan',
  ).body;
  const versionId: string = plan.versions[0].id;
  const item = expectOk(
    await admin.post(`${base}/training-plans/${plan.id}/versions/${versionId}/items`, {
      body: {
        title: '测试培训项目',
        type: 'on_job',
        providerOrganizationId: memberOrganizationId,
        targetOrganizationIds: [organizationId],
        plannedSessions: 2,
        plannedParticipantTimes: 20,
        plannedHours: 8,
        budget: '1000.00',
        fundingSource: 'fiscal',
      },
    }),
    'training item',
  ).body;
  for (const to of ['submitted', 'approved']) {
    expectOk(
      await admin.post(`${base}/training-plans/${plan.id}/versions/${versionId}/status-transitions`, { body: { to } }),
      `plan ${to}`,
    );
  }
  const delivery = expectOk(
    await admin.post(`${base}/training-plans/${plan.id}/deliveries`, {
      body: {
        itemKey: item.itemKey,
        heldOn: today,
        hours: 4,
        participantCount: 2,
        roster: [{ name: '测试学员', organizationId, idNumber: '11010519491231002X' }, { name: '测试学员二' }],
      },
    }),
    'training session',
  ).body;
  return {
    needId: need.id as string,
    planId: plan.id as string,
    versionId,
    itemId: item.id as string,
    deliveryId: delivery.id as string,
  };
}

/** Matching rows as the owner: the posting's match to the school's offering (pinned), a finished run and a proposed cooperation. */
async function matchingFixture(
  stack: TestStack,
  consortiumId: string,
  demandPostingId: string,
  school: { schoolId: string; offeringId: string },
) {
  const { offeringId, schoolId } = school;
  const [runId, cooperationId] = [randomUUID(), randomUUID()];
  const owner = new Client({ connectionString: stack.db.ownerUrl });
  await owner.connect();
  try {
    const posting = await owner.query<{ organizationId: string }>(
      `SELECT organization_id AS "organizationId" FROM talent_demand_postings WHERE id = $1`,
      [demandPostingId],
    );
    const organizationId = posting.rows[0].organizationId;
    await owner.query(
      `INSERT INTO demand_matches (consortium_id, posting_id, offering_id, school_id, enterprise_id, score, rank, factors,
                                   explanation, scoring_version)
       VALUES ($1, $2, $3, $4, $5, 50, 1, '{}', '{}', 'fixture') ON CONFLICT DO NOTHING`,
      [consortiumId, demandPostingId, offeringId, schoolId, organizationId],
    );
    await owner.query(
      `INSERT INTO demand_match_summaries (consortium_id, posting_id, match_count, scoring_version)
       VALUES ($1, $2, 1, 'fixture') ON CONFLICT DO NOTHING`,
      [consortiumId, demandPostingId],
    );
    await owner.query(
      `INSERT INTO match_decisions (consortium_id, posting_id, offering_id, side, decision) VALUES ($1, $2, $3, 'secretariat', 'pinned')`,
      [consortiumId, demandPostingId, offeringId],
    );
    await owner.query(
      `INSERT INTO matching_runs (id, consortium_id, kind, status, scoring_version, job_id, finished_at)
       VALUES ($1, $2, 'full', 'completed', 'fixture', $3, now())`,
      [runId, consortiumId, randomUUID()],
    );
    await owner.query(
      `INSERT INTO matching_settings (consortium_id, weights, text_min, min_score) VALUES ($1, '{}', 0.3, 25)`,
      [consortiumId],
    );
    await owner.query(
      `INSERT INTO cooperations (id, consortium_id, posting_id, offering_id, enterprise_id, school_id, kind, headcount, cohort_year,
                                 start_date, proposed_by_side)
       VALUES ($1, $2, $3, $4, $5, $6, 'internship', 2, 2027, '2027-07-01', 'school')`,
      [cooperationId, consortiumId, demandPostingId, offeringId, organizationId, schoolId],
    );
  } finally {
    await owner.end();
  }
  return { runId, cooperationId };
}

/** A base hosted by the member user's organization, open all day, and one requested booking of the research institute. */
async function trainingBasesFixture(
  stack: TestStack,
  consortiumId: string,
  memberUserId: string,
  organizationId: string,
) {
  const base = `/api/v1/consortia/${consortiumId}/training-bases`;
  const owner = new Client({ connectionString: stack.db.ownerUrl });
  await owner.connect();
  let hostOrganizationId: string;
  try {
    const found = await owner.query<{ organization_id: string }>(
      `SELECT organization_id FROM consortium_membership WHERE consortium_id = $1 AND user_id = $2`,
      [consortiumId, memberUserId],
    );
    hostOrganizationId = found.rows[0].organization_id;
  } finally {
    await owner.end();
  }
  const created = await stack.admin.post(base, {
    body: {
      name: '测试实训基地',
      hostOrganizationId,
      kind: 'public_practice_center',
      functions: ['practical_teaching'],
      workstations: 20,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
      leadTimeHours: 0,
      areas: [{ name: '测试区', workstations: 5 }],
      equipment: [{ name: '测试设备', quantity: 1, valueYuan: '1000.00' }],
      closures: [{ startsOn: chinaToday(200), endsOn: chinaToday(201), reason: '检修' }],
    },
  });
  if (created.status !== 201) throw new Error(`creating a training base answered ${created.status}: ${created.text}`);
  const booking = await stack.admin.post(`${base}/${created.body.id}/bookings`, {
    body: {
      organizationId,
      startsAt: `${chinaToday(30)}T09:00:00+08:00`,
      endsAt: `${chinaToday(30)}T11:00:00+08:00`,
      workstations: 2,
      purpose: 'training',
    },
  });
  if (booking.status !== 201) throw new Error(`booking answered ${booking.status}: ${booking.text}`);
  return { baseId: created.body.id as string, bookingId: booking.body.bookings[0].id as string };
}

async function offeringsFixture(admin: HttpClient, consortiumId: string, label: string) {
  const school = await admin.post(`/api/v1/consortia/${consortiumId}/organizations`, {
    body: { type: 'higher_vocational', name: `${label}职业技术学院-${randomUUID().slice(0, 6)}` },
  });
  if (school.status !== 201) throw new Error(`creating a school answered ${school.status}: ${school.text}`);
  const offering = await admin.post(`/api/v1/consortia/${consortiumId}/programme-offerings`, {
    body: { organizationId: school.body.id, programmeCode: '460305', startYear: 2019, skills: ['PLC'] },
  });
  if (offering.status !== 201) throw new Error(`creating an offering answered ${offering.status}: ${offering.text}`);
  return { schoolId: school.body.id as string, offeringId: offering.body.id as string };
}

/** Talent rows as the owner: the member's organization's published postings (any type of member may own one here) and a synonym. */
async function talentFixture(stack: TestStack, consortiumId: string, memberUserId: string) {
  const [demandPostingId, supplyPostingId, synonymId] = [randomUUID(), randomUUID(), randomUUID()];
  const owner = new Client({ connectionString: stack.db.ownerUrl });
  await owner.connect();
  try {
    const membership = await owner.query<{ organizationId: string }>(
      `SELECT organization_id AS "organizationId" FROM consortium_membership WHERE consortium_id = $1 AND user_id = $2`,
      [consortiumId, memberUserId],
    );
    const organizationId = membership.rows[0].organizationId;
    await owner.query(
      `INSERT INTO talent_demand_postings (id, consortium_id, organization_id, title, headcount, employment_type, status,
                                           published_at, required_skills, search_text)
       VALUES ($1, $2, $3, '测试需求岗位', 2, 'full_time', 'published', now(), '[{"skill":"plc","weight":3}]', '测试需求岗位 plc')`,
      [demandPostingId, consortiumId, organizationId],
    );
    await owner.query(
      `INSERT INTO talent_supply_postings (id, consortium_id, organization_id, offering_id, programme_code, programme_class_code,
                                           level, title, cohort_year, headcount, status, published_at, search_text)
       VALUES ($1, $2, $3, $4, '460305', '4603', 'higher_vocational', '测试供给', 2027, 10, 'published', now(), '测试供给')`,
      [supplyPostingId, consortiumId, organizationId, randomUUID()],
    );
    await owner.query(
      `INSERT INTO talent_skill_synonyms (id, consortium_id, variant, skill) VALUES ($1, $2, '可编程控制器', 'plc')`,
      [synonymId, consortiumId],
    );
  } finally {
    await owner.end();
  }
  return { demandPostingId, supplyPostingId, synonymId };
}

async function councilFixture(admin: HttpClient, consortiumId: string, organizationId: string) {
  const base = `/api/v1/consortia/${consortiumId}/council`;
  const expectOk = <R extends { status: number; text: string }>(response: R, what: string): R => {
    if (response.status >= 300) throw new Error(`${what} answered ${response.status}: ${response.text}`);
    return response;
  };
  const seat = expectOk(
    await admin.post(`${base}/seats`, {
      body: {
        organizationId,
        personName: '测试理事',
        role: 'director',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
      },
    }),
    'seating',
  ).body;
  const meeting = expectOk(
    await admin.post(`${base}/meetings`, {
      body: { kind: 'plenary', title: '测试理事会会议', scheduledAt: '2026-06-01T09:00:00+08:00' },
    }),
    'scheduling',
  ).body;
  expectOk(
    await admin.put(`${base}/meetings/${meeting.id}/attendance`, {
      body: { entries: [{ seatId: seat.id, status: 'present' }] },
    }),
    'attendance',
  );
  expectOk(await admin.post(`${base}/meetings/${meeting.id}/status-transitions`, { body: { to: 'held' } }), 'holding');
  const resolution = expectOk(
    await admin.post(`${base}/meetings/${meeting.id}/resolutions`, { body: { title: '测试决议', kind: 'ordinary' } }),
    'resolution',
  ).body;
  expectOk(
    await admin.post(`${base}/resolutions/${resolution.id}/votes`, { body: { seatId: seat.id, choice: 'for' } }),
    'vote',
  );
  const withTask = expectOk(
    await admin.post(`${base}/resolutions/${resolution.id}/tasks`, {
      body: { title: '测试督办', assigneeOrganizationId: organizationId, dueOn: '2026-12-31' },
    }),
    'task',
  ).body;
  return {
    seatId: seat.id as string,
    meetingId: meeting.id as string,
    resolutionId: resolution.id as string,
    taskId: withTask.tasks[0].id as string,
  };
}

async function indicatorsFixture(stack: TestStack, consortiumId: string) {
  const base = `/api/v1/consortia/${consortiumId}`;
  const expectOk = <R extends { status: number; text: string }>(response: R, what: string): R => {
    if (response.status >= 300) throw new Error(`${what} answered ${response.status}: ${response.text}`);
    return response;
  };
  const frameworks = await stack.admin.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
  const period = expectOk(
    await stack.admin.post(`${base}/indicator-periods`, {
      body: {
        name: '测试填报期',
        frameworkId: frameworks.body.items[0].id,
        startsOn: chinaToday(-30),
        endsOn: chinaToday(300),
        dueOn: chinaToday(200),
      },
    }),
    'period',
  ).body;
  const periodBase = `${base}/indicator-periods/${period.id}`;
  expectOk(
    await stack.admin.put(`${periodBase}/targets`, { body: { targets: [{ pointCode: 'D1.1', target: 8 }] } }),
    'target',
  );
  expectOk(await stack.admin.post(`${periodBase}/extensions`, { body: { openUntil: chinaToday(250) } }), 'extension');
  const report = expectOk(
    await stack.admin.post(`${base}/indicator-reports`, { body: { periodId: period.id, pointCode: 'D1.1', value: 6 } }),
    'report',
  ).body;
  // Evidence files and roll-ups come from an upload and a job; as the owner, one row of each.
  const evidenceId = randomUUID();
  const rollupId = randomUUID();
  const owner = new Client({ connectionString: stack.db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `INSERT INTO indicator_evidence (id, consortium_id, report_id, file_name, content_type, size_bytes, sha256, storage_key)
       VALUES ($1, $2, $3, '证明.pdf', 'application/pdf', 10, repeat('a', 64), 'evidence/none')`,
      [evidenceId, consortiumId, report.id],
    );
    await owner.query(
      `INSERT INTO indicator_rollup (id, consortium_id, period_id, kind, inputs_digest, computed_at, result)
       VALUES ($1, $2, $3, 'full', repeat('0', 64), now(), $4)`,
      [
        rollupId,
        consortiumId,
        period.id,
        JSON.stringify({
          nodes: {},
          aggregates: {},
          traces: {},
          targets: {},
          elapsed: 0,
          overall: {
            score: null,
            expected: 0,
            approved: 0,
            onTime: 0,
            completeness: null,
            timeliness: null,
            vetoFailed: [],
            passed: true,
          },
        }),
      ],
    );
  } finally {
    await owner.end();
  }
  expectOk(await stack.admin.post(`${base}/indicator-reports/${report.id}/submit`), 'submit');
  expectOk(await stack.admin.post(`${base}/indicator-reports/${report.id}/approve`), 'approve');
  return { periodId: period.id as string, reportId: report.id as string, evidenceId, rollupId };
}

/** Two consortia with a person in every role, for access-control and isolation tests. */
export async function createTwoConsortia(stack: TestStack): Promise<TwoConsortia> {
  await insertSampleCatalogue(stack.db.ownerUrl);
  const [a, b] = await Promise.all([consortiumFixture(stack, '甲'), consortiumFixture(stack, '乙')]);
  const created = await stack.admin.post('/api/v1/users', {
    body: { email: `outsider-${randomUUID().slice(0, 8)}@test.chanjiao.cn`, displayName: '局外人' },
  });
  const outsider = await signInFirstTime(stack.http, created.body.user.email, created.body.initialPassword);
  const frameworks = await stack.admin.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
  return {
    a,
    b,
    frameworkId: frameworks.body.items[0].id as string,
    programmeCode: '460305',
    occupationCode: '6-31-07-03',
    outsider: stack.http.as(outsider.accessToken),
    outsiderCredentials: { email: created.body.user.email, password: outsider.password },
  };
}
