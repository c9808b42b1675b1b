import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addPerson, signInFirstTime, TestPerson } from './auth-helpers';
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
}

export interface TwoConsortia {
  a: ConsortiumFixture;
  b: ConsortiumFixture;
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
  return { id: row.id, name: row.name, secretariat, member, observer, target, jobId, organizationId, ...council };
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

/** Two consortia with a person in every role, for access-control and isolation tests. */
export async function createTwoConsortia(stack: TestStack): Promise<TwoConsortia> {
  const [a, b] = await Promise.all([consortiumFixture(stack, '甲'), consortiumFixture(stack, '乙')]);
  const created = await stack.admin.post('/api/v1/users', {
    body: { email: `outsider-${randomUUID().slice(0, 8)}@test.chanjiao.cn`, displayName: '局外人' },
  });
  const outsider = await signInFirstTime(stack.http, created.body.user.email, created.body.initialPassword);
  return {
    a,
    b,
    outsider: stack.http.as(outsider.accessToken),
    outsiderCredentials: { email: created.body.user.email, password: outsider.password },
  };
}
