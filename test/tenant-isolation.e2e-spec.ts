import { Client } from 'pg';
import {
  createTwoConsortia,
  fillPath,
  HttpClient,
  listOperations,
  Operation,
  signIn,
  startTestStack,
  TestStack,
  TwoConsortia,
} from '@chanjiao/testing';

/**
 * Walks EVERY operation of the OpenAPI document as users of consortium A aimed at
 * consortium B — B's consortium id and B's record ids — and expects refusal
 * (401/403/404) without a trace of B's data. New routes join automatically; a
 * new kind of path parameter fails until it gets a B fixture below.
 */
/** Required query parameters (B's), so a refusal cannot hide behind validation (400) either. */
const SAMPLE_QUERIES: Record<string, (b: { periodId: string; rollupId: string }) => string> = {
  'GET /api/v1/consortia/{consortiumId}/indicator-scores/points/{pointCode}': (b) => `?periodId=${b.periodId}`,
  'GET /api/v1/consortia/{consortiumId}/indicator-rollups/{rollupId}/compare': (b) => `?with=${b.rollupId}`,
  'GET /api/v1/consortia/{consortiumId}/training-bases/{baseId}/calendar': () => '?month=2026-12',
  'GET /api/v1/consortia/{consortiumId}/training-bases/availability': () =>
    '?from=2026-12-07&to=2026-12-08&workstations=1&duration=60',
  'GET /api/v1/consortia/{consortiumId}/training-bases/utilisation': () => '?month=2026-12',
  'GET /api/v1/consortia/{consortiumId}/training-bases/utilisation/export': () => '?month=2026-12',
  'GET /api/v1/consortia/{consortiumId}/indicator-scores/self-assessment': (b) => `?periodId=${b.periodId}`,
  'GET /api/v1/consortia/{consortiumId}/talent-gap': () => '?year=2026',
  'GET /api/v1/consortia/{consortiumId}/talent-gap/export': () => '?year=2026',
  'GET /api/v1/consortia/{consortiumId}/talent-gap/adjustment-advice': () => '?year=2026',
};

/** Valid bodies, so a refusal cannot hide behind validation (400) for routes that take one. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/consortia/{consortiumId}': { name: '被篡改的联合体名称' },
  'POST /api/v1/consortia/{consortiumId}/users': {
    email: 'intruder@test.chanjiao.cn',
    displayName: '入侵者',
    role: 'observer',
  },
  'PATCH /api/v1/consortia/{consortiumId}/users/{userId}': { role: 'secretariat' },
  'POST /api/v1/consortia/{consortiumId}/status-transitions': { to: 'revoked', effectiveOn: '2026-03-01' },
  'POST /api/v1/consortia/{consortiumId}/organizations': { type: 'other', name: '入侵单位' },
  'PATCH /api/v1/consortia/{consortiumId}/organizations/{organizationId}': { name: '被篡改的单位' },
  'PATCH /api/v1/consortia/{consortiumId}/council': { name: '被篡改的理事会' },
  'POST /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/status-transitions': { to: 'minutes_approved' },
  'POST /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/resolutions': {
    title: '入侵决议',
    kind: 'ordinary',
  },
  'POST /api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}/votes': {
    choice: 'against',
    seatId: '00000000-0000-4000-8000-000000000001',
  },
  'PATCH /api/v1/consortia/{consortiumId}/council/tasks/{taskId}': { status: 'cancelled' },
  'PATCH /api/v1/consortia/{consortiumId}/council/seats/{seatId}': {
    personName: '被篡改的理事',
    termEnd: '2026-01-02',
  },
  'PUT /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/attendance': { entries: [] },
  'POST /api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}/tasks': {
    title: '入侵督办',
    assigneeOrganizationId: '00000000-0000-4000-8000-000000000001',
    dueOn: '2026-12-31',
  },
  'PATCH /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}': { name: '被篡改的填报期' },
  'POST /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/status-transitions': { to: 'closed' },
  'PUT /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/targets': {
    targets: [{ pointCode: 'D1.1', target: 1 }],
  },
  'PUT /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/expected-reporters': {
    pointCode: 'D1.1',
    organizationIds: [],
  },
  'POST /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/extensions': { openUntil: '2099-12-31' },
  'PATCH /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}': { value: 1 },
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/return': { comment: '入侵退回' },
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/reopen': { comment: '入侵重开' },
  'PATCH /api/v1/consortia/{consortiumId}/training-bases/{baseId}': { address: '被篡改的地址' },
  'POST /api/v1/consortia/{consortiumId}/training-bases': {
    name: '入侵基地',
    hostOrganizationId: '00000000-0000-4000-8000-000000000001',
    kind: 'school_internal',
    workstations: 1,
    openingHours: [],
  },
  'POST /api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings': {
    organizationId: '00000000-0000-4000-8000-000000000001',
    startsAt: '2099-12-10T09:00:00+08:00',
    endsAt: '2099-12-10T10:00:00+08:00',
    workstations: 1,
    purpose: 'course',
  },
  'POST /api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings/{bookingId}/transitions': { to: 'cancelled' },
  'PATCH /api/v1/consortia/{consortiumId}/training-needs/{needId}': { topic: '被篡改的需求' },
  'POST /api/v1/consortia/{consortiumId}/training-needs/{needId}/decision': { decision: 'declined', reason: '入侵' },
  'POST /api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/status-transitions': {
    to: 'closed',
  },
  'POST /api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/items': {
    title: '入侵项目',
    type: 'social',
    providerOrganizationId: '00000000-0000-4000-8000-000000000001',
    openToPublic: true,
    plannedSessions: 1,
    plannedParticipantTimes: 1,
    plannedHours: 1,
    budget: '0.00',
    fundingSource: 'social',
  },
  'PATCH /api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/items/{itemId}': {
    title: '被篡改的项目',
  },
  'POST /api/v1/consortia/{consortiumId}/training-plans/{planId}/deliveries': {
    itemKey: '00000000-0000-4000-8000-000000000001',
    heldOn: '2026-01-02',
    hours: 1,
    participantCount: 1,
  },
  'PATCH /api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}': { enrolmentPlan: 1, note: '入侵修改' },
  'POST /api/v1/consortia/{consortiumId}/organizations/{organizationId}/membership-transitions': {
    to: 'withdrawn',
    effectiveOn: '2026-03-01',
  },
  'PATCH /api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}': { title: '被篡改的需求' },
  'POST /api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}/transitions': {
    action: 'close',
    reason: '入侵',
  },
  'PATCH /api/v1/consortia/{consortiumId}/supply-postings/{supplyPostingId}': { headcount: 1 },
  'POST /api/v1/consortia/{consortiumId}/supply-postings/{supplyPostingId}/transitions': {
    action: 'close',
    reason: '入侵',
  },
  'PUT /api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}/matches/{offeringId}/decision': {
    decision: 'pinned',
  },
  'POST /api/v1/consortia/{consortiumId}/cooperations': {
    postingId: '00000000-0000-4000-8000-000000000001',
    offeringId: '00000000-0000-4000-8000-000000000002',
    kind: 'order_class',
    headcount: 1,
    startDate: '2026-09-01',
  },
  'POST /api/v1/consortia/{consortiumId}/cooperations/{cooperationId}/transitions': {
    action: 'cancel',
    reason: '入侵',
  },
  'PUT /api/v1/consortia/{consortiumId}/matching-weights': {
    weights: { programme: 60, text: 5, skills: 0, capacity: 0, mode: 0, locality: 0 },
    textMin: 0.8,
    minScore: 60,
  },
};

// The walk grows with every route (each one is called by several roles); on a loaded machine it
// takes minutes, and it is a correctness test, not a timed one.
const WALK_TIMEOUT_MS = 300_000;

describe('tenant isolation across every documented operation', () => {
  let stack: TestStack;
  let world: TwoConsortia;
  let operations: Operation[];
  let bSecrets: string[];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    world = await createTwoConsortia(stack);
    operations = await listOperations(stack.http);
    const b = world.b;
    bSecrets = [b.name, b.secretariat.email, b.member.email, b.observer.email, b.target.email];
  }, WALK_TIMEOUT_MS);

  afterAll(() => stack?.close(), WALK_TIMEOUT_MS);

  async function callersOfA(): Promise<Array<[string, HttpClient]>> {
    const fresh = async (person: { email: string; password: string }) =>
      stack.http.as((await signIn(stack.http, person.email, person.password)).accessToken);
    return [
      ['A secretariat', await fresh(world.a.secretariat)],
      ['A member', await fresh(world.a.member)],
      ['A observer', await fresh(world.a.observer)],
    ];
  }

  it('finds operations to walk', () => {
    expect(operations.filter((o) => o.params.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  /** Platform reference data, the same for every consortium: nothing of B to leak. */
  const PLATFORM_REFERENCE = /^\/api\/v1\/(indicator-frameworks|catalogue)\b/;

  it('refuses every operation aimed at B, leaking nothing of B', async () => {
    const b = world.b;
    const bRecords = {
      userId: b.target.userId,
      id: b.jobId,
      organizationId: b.organizationId,
      seatId: b.seatId,
      meetingId: b.meetingId,
      resolutionId: b.resolutionId,
      taskId: b.taskId,
      periodId: b.periodId,
      reportId: b.reportId,
      rollupId: b.rollupId,
      evidenceId: b.evidenceId,
      pointCode: 'D1.1',
      runId: b.runId,
      cooperationId: b.cooperationId,
      baseId: b.baseId,
      bookingId: b.bookingId,
      needId: b.needId,
      planId: b.planId,
      versionId: b.versionId,
      itemId: b.itemId,
      deliveryId: b.deliveryId,
      offeringId: b.offeringId,
      demandPostingId: b.demandPostingId,
      supplyPostingId: b.supplyPostingId,
      synonymId: b.synonymId,
    };
    const bIds = { consortiumId: b.id, ...bRecords };
    // Also A's own consortium path with B's record ids.
    const mixed = { consortiumId: world.a.id, ...bRecords };
    const failures: string[] = [];
    for (const operation of operations.filter((o) => o.params.length > 0 && !PLATFORM_REFERENCE.test(o.path))) {
      const variants =
        operation.params.includes('consortiumId') && operation.params.length > 1 ? [bIds, mixed] : [bIds];
      for (const values of variants) {
        const url = fillPath(operation.path, values);
        for (const [who, client] of await callersOfA()) {
          const body = SAMPLE_BODIES[operation.key] ?? {};
          const query = SAMPLE_QUERIES[operation.key]?.(b) ?? '';
          const response = await client.request(
            operation.method,
            `${url}${query}`,
            operation.method === 'GET' ? {} : { body },
          );
          const leaked = bSecrets.filter((secret) => response.text.includes(secret));
          if (![401, 403, 404].includes(response.status) || leaked.length > 0) {
            failures.push(
              `${who} ${operation.method} ${url} → ${response.status} ${leaked.length ? `leaked ${leaked}` : ''}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT_MS);

  it('lists nothing of B on routes without ids', async () => {
    for (const [, client] of await callersOfA()) {
      for (const operation of operations.filter((o) => o.params.length === 0 && o.method === 'GET')) {
        const response = await client.get(operation.path);
        expect(bSecrets.filter((secret) => response.text.includes(secret))).toEqual([]);
      }
      const me = await client.get('/api/v1/auth/me');
      expect(me.body.memberships.map((m: { consortiumId: string }) => m.consortiumId)).toEqual([world.a.id]);
    }
  });

  it('left B untouched', async () => {
    const owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    try {
      const consortium = await owner.query('SELECT name FROM consortium WHERE id = $1', [world.b.id]);
      expect(consortium.rows[0].name).toBe(world.b.name);
      const seat = await owner.query('SELECT person_name, term_end::text FROM council_seat WHERE id = $1', [
        world.b.seatId,
      ]);
      expect(seat.rows[0]).toEqual({ person_name: '测试理事', term_end: '2028-12-31' });
      const settings = await owner.query(
        `SELECT weights, text_min::float8 AS "textMin", min_score::float8 AS "minScore",
                (SELECT count(*)::int FROM matching_runs WHERE consortium_id = $1) AS runs
           FROM matching_settings WHERE consortium_id = $1`,
        [world.b.id],
      );
      // B's weights are the fixture's, and B's only run is the fixture's.
      expect(settings.rows).toEqual([{ weights: {}, textMin: 0.3, minScore: 25, runs: 1 }]);
      const target = await owner.query(
        `SELECT u.status, m.role, m.status AS membership_status FROM app_user u
           JOIN consortium_membership m ON m.user_id = u.id AND m.consortium_id = $2 WHERE u.id = $1`,
        [world.b.target.userId, world.b.id],
      );
      expect(target.rows[0]).toEqual({ status: 'active', role: 'observer', membership_status: 'active' });
      const audit = await owner.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE consortium_id = $1 AND actor_user_id = ANY($2)`,
        [world.b.id, [world.a.secretariat.userId, world.a.member.userId, world.a.observer.userId]],
      );
      expect(audit.rows[0].n).toBe(0);
    } finally {
      await owner.end();
    }
  });
});

describe('the cross-consortium read path', () => {
  let stack: TestStack;
  let world: TwoConsortia;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    world = await createTwoConsortia(stack);
  });

  afterAll(() => stack?.close());

  it('shows a member only their own consortia', async () => {
    const list = await world.a.secretariat.http.get('/api/v1/consortia');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([world.a.id]);
    const outsider = await world.outsider.get('/api/v1/consortia');
    expect(outsider.body).toEqual({ items: [], nextCursor: null });
  });

  it('shows a platform admin every consortium, and audits the read', async () => {
    const list = await stack.admin.get('/api/v1/consortia', { headers: { 'x-request-id': 'cross-read-1' } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([world.a.id, world.b.id]));
    const owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    try {
      const audit = await owner.query(
        `SELECT action, consortium_id, changes FROM audit_log WHERE request_id = 'cross-read-1'`,
      );
      expect(audit.rows).toEqual([
        { action: 'platform.cross_consortium_read', consortium_id: null, changes: { purpose: 'list all consortia' } },
      ]);
    } finally {
      await owner.end();
    }
  });
});
