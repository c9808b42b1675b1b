import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addPerson, signIn, TestPerson } from './auth-helpers';
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
  return { id: row.id, name: row.name, secretariat, member, observer, target, jobId, organizationId };
}

/** Two consortia with a person in every role, for access-control and isolation tests. */
export async function createTwoConsortia(stack: TestStack): Promise<TwoConsortia> {
  const [a, b] = await Promise.all([consortiumFixture(stack, '甲'), consortiumFixture(stack, '乙')]);
  const created = await stack.admin.post('/api/v1/users', {
    body: { email: `outsider-${randomUUID().slice(0, 8)}@test.chanjiao.cn`, displayName: '局外人' },
  });
  const tokens = await signIn(stack.http, created.body.user.email, created.body.initialPassword);
  return {
    a,
    b,
    outsider: stack.http.as(tokens.accessToken),
    outsiderCredentials: { email: created.body.user.email, password: created.body.initialPassword },
  };
}
