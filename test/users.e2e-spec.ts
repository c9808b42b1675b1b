import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  addPerson,
  HttpClient,
  insertConsortium,
  insertOrganization,
  signIn,
  signInFirstTime,
  startTestStack,
  TestPerson,
  TestResponse,
  TestStack,
} from '@chanjiao/testing';

/**
 * User administration (platform admin and secretariat) and the audit log, end to
 * end through HTTP on a real PostgreSQL. The tests of this file share one stack
 * and run in order: the audit-log tests at the end check that every change made
 * by the earlier tests in consortium A was recorded.
 */

const ORG_1 = '3b9f5a52-8f0e-4c1a-9d6e-0c2f4a7b1e01';
const ORG_2 = '3b9f5a52-8f0e-4c1a-9d6e-0c2f4a7b1e02';

/** Fields named by a validation error (400 validation_failed). */
function invalidFields(response: TestResponse): string[] {
  return ((response.body?.details?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
}

function expectNamesField(response: TestResponse, status: number, field: string): void {
  expect({ status: response.status, fields: invalidFields(response) }).toEqual({
    status,
    fields: expect.arrayContaining([field]),
  });
  expect(response.body.message).toContain(field);
}

function expectOwnAccount(response: TestResponse): void {
  expect(response.status).toBe(403);
  expect(response.body.details).toMatchObject({ code: 'own_account' });
}

/** Walks a cursor-paginated list to its end; fails on a repeated cursor or a page over the limit. */
async function walkPages(
  client: HttpClient,
  path: string,
  params: Record<string, string>,
  limit: number,
): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  const cursors = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: URLSearchParams = new URLSearchParams({
      ...params,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    const response: TestResponse = await client.get(`${path}?${query.toString()}`);
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...response.body.items);
    pages += 1;
    cursor = response.body.nextCursor;
    if (cursor !== null) {
      expect(response.body.items).toHaveLength(limit);
      expect(cursors.has(cursor)).toBe(false);
      cursors.add(cursor);
    }
    if (pages > 500) throw new Error(`${path} did not end after 500 pages`);
  } while (cursor !== null);
  return { items, pages };
}

interface AuditEntry {
  id: string;
  consortiumId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, any>;
  requestId: string | null;
  ip: string | null;
  createdAt: string;
}

interface ExpectedEntry {
  action: string;
  entityType: string;
  entityId: string;
  actorUserId: string;
  changes?: Record<string, unknown>;
  requestId?: string;
}

describe('user administration and the audit log', () => {
  let stack: TestStack;
  let adminId: string;
  let consortiumA: string;
  let consortiumB: string;
  let secretariatA: TestPerson;
  let memberA: TestPerson;
  let observerA: TestPerson;
  let secretariatB: TestPerson;
  /** Unique to this run, part of every email this file creates directly. */
  const tag = randomUUID().slice(0, 8);
  /** Changes made in consortium A, checked against its audit log at the end. */
  const expectedInA: ExpectedEntry[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    consortiumA = (await insertConsortium(stack.db.ownerUrl, { name: `甲联合体-${tag}` })).id;
    consortiumB = (await insertConsortium(stack.db.ownerUrl, { name: `乙联合体-${tag}` })).id;
    await insertOrganization(stack.db.ownerUrl, consortiumA, { id: ORG_1 });
    await insertOrganization(stack.db.ownerUrl, consortiumA, { id: ORG_2 });
    secretariatA = await addPerson(stack.admin, consortiumA, 'secretariat');
    memberA = await addPerson(stack.admin, consortiumA, 'member', ORG_1);
    observerA = await addPerson(stack.admin, consortiumA, 'observer');
    secretariatB = await addPerson(stack.admin, consortiumB, 'secretariat');
    adminId = (await stack.admin.get('/api/v1/auth/me')).body.user.id;
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('platform administration (/api/v1/users)', () => {
    const created: Array<{ id: string; email: string; displayName: string; password: string }> = [];

    it('creates accounts with a one-time initial password that signs in and must be changed', async () => {
      for (const [local, displayName] of [
        ['Zhuge.Mingyuan', '诸葛明远'],
        ['sima.qingyun', '司马青云'],
        ['shangguan.wanqing', '上官婉清'],
      ]) {
        const email = `${local}-${tag}@Test.Chanjiao.cn`;
        const response = await stack.admin.post('/api/v1/users', { body: { email, displayName } });
        expect(response.status).toBe(201);
        expect(response.body).toEqual({
          user: {
            id: expect.stringMatching(/^[0-9a-f-]{36}$/),
            email: email.toLowerCase(),
            displayName,
            phone: null,
            status: 'active',
            platformAdmin: false,
            mustChangePassword: true,
            createdAt: expect.any(String),
          },
          initialPassword: expect.any(String),
        });
        expect(response.body.initialPassword.length).toBeGreaterThanOrEqual(10);
        created.push({
          id: response.body.user.id,
          email: response.body.user.email,
          displayName,
          password: response.body.initialPassword,
        });
      }
      expect(new Set(created.map((c) => c.password)).size).toBe(3);

      const login = await stack.http.post('/api/v1/auth/login', {
        body: { email: created[0].email, password: created[0].password },
      });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        mustChangePassword: true,
      });
    });

    it('refuses a duplicate email (case-insensitively) with 409 naming email', async () => {
      const response = await stack.admin.post('/api/v1/users', {
        body: { email: created[1].email.toUpperCase(), displayName: '重复的人' },
      });
      expect(response.status).toBe(409);
      expect(response.body.details).toMatchObject({ code: 'email_taken', field: 'email' });
      expect(response.body.message).toContain(created[1].email);
    });

    it('refuses an invalid email with 400 naming email', async () => {
      const response = await stack.admin.post('/api/v1/users', {
        body: { email: 'not-an-email', displayName: '无效邮箱' },
      });
      expectNamesField(response, 400, 'email');
    });

    it('searches by part of an email and by a Chinese display name', async () => {
      const byEmail = await stack.admin.get(`/api/v1/users?q=${encodeURIComponent(`qingyun-${tag}`)}`);
      expect(byEmail.status).toBe(200);
      expect(byEmail.body.items.map((u: any) => u.id)).toEqual([created[1].id]);

      const byName = await stack.admin.get(`/api/v1/users?q=${encodeURIComponent('婉清')}`);
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((u: any) => u.id)).toEqual([created[2].id]);

      const byTag = await stack.admin.get(`/api/v1/users?q=${tag}`);
      expect(byTag.body.items.map((u: any) => u.id).sort()).toEqual(created.map((c) => c.id).sort());

      // LIKE wildcards are searched literally.
      const wildcard = await stack.admin.get(`/api/v1/users?q=${encodeURIComponent('%')}`);
      expect(wildcard.status).toBe(200);
      expect(wildcard.body.items).toEqual([]);
    });

    it('pages with limit=1 through every account without duplicates', async () => {
      const filtered = await walkPages(stack.admin, '/api/v1/users', { q: tag }, 1);
      expect(filtered.pages).toBe(3);
      expect(filtered.items.map((u) => u.email)).toEqual(created.map((c) => c.email).sort());

      const everything = await stack.admin.get('/api/v1/users?limit=200');
      expect(everything.body.nextCursor).toBeNull();
      const walked = await walkPages(stack.admin, '/api/v1/users', {}, 1);
      const ids = walked.items.map((u) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(everything.body.items.map((u: any) => u.id));
      expect(ids.length).toBeGreaterThanOrEqual(8); // admin, 4 added people, 3 created here
    });

    it('disables an account (it can no longer sign in, its sessions end) and enables it again', async () => {
      const target = created[0];
      const session = stack.http.as((await signIn(stack.http, target.email, target.password)).accessToken);
      expect((await session.get('/api/v1/auth/me')).status).toBe(200);

      const disabled = await stack.admin.post(`/api/v1/users/${target.id}/disable`);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: target.id, status: 'disabled' });

      const login = await stack.http.post('/api/v1/auth/login', {
        body: { email: target.email, password: target.password },
      });
      expect(login.status).toBe(401);
      expect((await session.get('/api/v1/auth/me')).status).toBe(401);

      const enabled = await stack.admin.post(`/api/v1/users/${target.id}/enable`);
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({ id: target.id, status: 'active' });
      const again = await stack.http.post('/api/v1/auth/login', {
        body: { email: target.email, password: target.password },
      });
      expect(again.status).toBe(200);
    });

    it('answers 404 for an unknown account and 400 for a malformed id', async () => {
      expect((await stack.admin.post(`/api/v1/users/${randomUUID()}/disable`)).status).toBe(404);
      expect((await stack.admin.post('/api/v1/users/nope/disable')).status).toBe(400);
    });

    it('grants platform administration (the user can then list accounts)', async () => {
      const target = created[1];
      const first = await signInFirstTime(stack.http, target.email, target.password);
      target.password = first.password;
      const session = stack.http.as(first.accessToken);
      const refused = await session.get('/api/v1/users');
      expect({ status: refused.status, code: refused.body.details?.code }).toEqual({ status: 403, code: 'forbidden' });

      const granted = await stack.admin.post(`/api/v1/users/${target.id}/platform-admin`);
      expect(granted.status).toBe(200);
      expect(granted.body).toMatchObject({ id: target.id, platformAdmin: true });

      // The same access token: platform administration is read per request.
      const listed = await session.get('/api/v1/users');
      expect(listed.status).toBe(200);
      expect(listed.body.items.length).toBeGreaterThan(0);
    });

    it('does not let an administrator disable or change their own account', async () => {
      expectOwnAccount(await stack.admin.post(`/api/v1/users/${adminId}/disable`));
      expectOwnAccount(await stack.admin.post(`/api/v1/users/${adminId}/enable`));
      expectOwnAccount(await stack.admin.post(`/api/v1/users/${adminId}/platform-admin`));
      // Still an active administrator.
      expect((await stack.admin.get('/api/v1/users?limit=1')).status).toBe(200);
    });

    it('answers 403 to a non-administrator (a secretariat) on every /api/v1/users route, 401 to anonymous', async () => {
      const id = created[2].id;
      const calls: Array<(c: HttpClient) => Promise<TestResponse>> = [
        (c) => c.get('/api/v1/users'),
        (c) => c.post('/api/v1/users', { body: { email: `x-${tag}@test.chanjiao.cn`, displayName: '越权' } }),
        (c) => c.post(`/api/v1/users/${id}/disable`),
        (c) => c.post(`/api/v1/users/${id}/enable`),
        (c) => c.post(`/api/v1/users/${id}/platform-admin`),
      ];
      for (const call of calls) {
        expect((await call(secretariatA.http)).status).toBe(403);
        expect((await call(stack.http)).status).toBe(401);
      }
      const target = await stack.admin.get(`/api/v1/users?q=${encodeURIComponent(created[2].email)}`);
      expect(target.body.items[0]).toMatchObject({ status: 'active', platformAdmin: false });
      expect((await stack.admin.get(`/api/v1/users?q=x-${tag}`)).body.items).toEqual([]);
    });
  });

  describe('secretariat administration (/api/v1/consortia/:cid/users)', () => {
    let newcomer: { userId: string; email: string; password: string };
    let existing: { userId: string; email: string; password: string };

    const usersOfA = () => `/api/v1/consortia/${consortiumA}/users`;

    it('adds a new person: an account with a one-time password and a membership', async () => {
      const email = `ouyang.xiaofeng-${tag}@test.chanjiao.cn`;
      const response = await secretariatA.http.post(usersOfA(), {
        body: { email, displayName: '欧阳晓峰', role: 'observer' },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        membership: {
          userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          email,
          displayName: '欧阳晓峰',
          role: 'observer',
          organizationId: null,
          status: 'active',
          accountStatus: 'active',
          joinedAt: expect.any(String),
        },
        initialPassword: expect.any(String),
      });
      newcomer = { userId: response.body.membership.userId, email, password: response.body.initialPassword };
      expectedInA.push(
        {
          action: 'identity.user.created',
          entityType: 'user',
          entityId: newcomer.userId,
          actorUserId: secretariatA.userId,
          changes: { email },
        },
        {
          action: 'identity.membership.created',
          entityType: 'user',
          entityId: newcomer.userId,
          actorUserId: secretariatA.userId,
          changes: { role: 'observer', organizationId: null },
        },
      );

      const login = await stack.http.post('/api/v1/auth/login', { body: { email, password: newcomer.password } });
      expect(login.status).toBe(200);
      expect(login.body.mustChangePassword).toBe(true);
      const me = await stack.http.as(login.body.accessToken).get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.memberships).toEqual([
        { consortiumId: consortiumA, consortiumName: `甲联合体-${tag}`, role: 'observer', organizationId: null },
      ]);
      // Until the one-time password is changed, the consortium itself stays closed.
      const closed = await stack.http.as(login.body.accessToken).get(`/api/v1/consortia/${consortiumA}`);
      expect({ status: closed.status, code: closed.body.details?.code }).toEqual({
        status: 403,
        code: 'password_change_required',
      });
      newcomer.password = (await signInFirstTime(stack.http, email, newcomer.password)).password;
    });

    it('adds an existing account by email (any case): a membership, no new password', async () => {
      const email = `existing-${tag}@test.chanjiao.cn`;
      const account = await stack.admin.post('/api/v1/users', { body: { email, displayName: '慕容复' } });
      expect(account.status).toBe(201);
      existing = { userId: account.body.user.id, email, password: account.body.initialPassword };

      const response = await secretariatA.http.post(usersOfA(), {
        body: { email: email.toUpperCase(), displayName: '另一个名字', role: 'member', organizationId: ORG_1 },
      });
      expect(response.status).toBe(201);
      expect(response.body.initialPassword).toBeNull();
      expect(response.body.membership).toMatchObject({
        userId: existing.userId,
        email,
        displayName: '慕容复',
        role: 'member',
        organizationId: ORG_1,
        status: 'active',
      });
      expectedInA.push({
        action: 'identity.membership.created',
        entityType: 'user',
        entityId: existing.userId,
        actorUserId: secretariatA.userId,
        changes: { role: 'member', organizationId: ORG_1 },
      });

      // The account keeps its password and now lists the membership.
      const tokens = await signIn(stack.http, email, existing.password);
      const me = await stack.http.as(tokens.accessToken).get('/api/v1/auth/me');
      expect(me.body.memberships).toEqual([
        expect.objectContaining({ consortiumId: consortiumA, role: 'member', organizationId: ORG_1 }),
      ]);
    });

    it('refuses to add the same person twice (409)', async () => {
      const response = await secretariatA.http.post(usersOfA(), {
        body: { email: newcomer.email, displayName: '欧阳晓峰', role: 'secretariat' },
      });
      expect(response.status).toBe(409);
      expect(response.body.details).toMatchObject({ code: 'already_member', field: 'email' });
      const member = await secretariatA.http.get(`${usersOfA()}/${newcomer.userId}`);
      expect(member.body.role).toBe('observer');
    });

    it('validates role and organizationId (400 naming the field)', async () => {
      const noOrg = await secretariatA.http.post(usersOfA(), {
        body: { email: `no-org-${tag}@test.chanjiao.cn`, displayName: '缺组织', role: 'member' },
      });
      expectNamesField(noOrg, 400, 'organizationId');

      const badRole = await secretariatA.http.post(usersOfA(), {
        body: { email: `bad-role-${tag}@test.chanjiao.cn`, displayName: '坏角色', role: 'chairman' },
      });
      expectNamesField(badRole, 400, 'role');

      const badEmail = await secretariatA.http.post(usersOfA(), {
        body: { email: 'nope', displayName: '坏邮箱', role: 'observer' },
      });
      expectNamesField(badEmail, 400, 'email');

      // Nothing was created.
      expect((await stack.admin.get(`/api/v1/users?q=${encodeURIComponent(`-org-${tag}`)}`)).body.items).toEqual([]);
      expect((await stack.admin.get(`/api/v1/users?q=${encodeURIComponent(`bad-role-${tag}`)}`)).body.items).toEqual(
        [],
      );
    });

    it('lists the consortium’s people with a search and cursor pages', async () => {
      const all = await secretariatA.http.get(`${usersOfA()}?limit=200`);
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      const ids = all.body.items.map((m: any) => m.userId);
      expect(ids).toEqual(
        expect.arrayContaining([
          secretariatA.userId,
          memberA.userId,
          observerA.userId,
          newcomer.userId,
          existing.userId,
        ]),
      );
      expect(ids).toHaveLength(5);
      expect(ids).not.toContain(secretariatB.userId);

      const byName = await secretariatA.http.get(`${usersOfA()}?q=${encodeURIComponent('晓峰')}`);
      expect(byName.body.items.map((m: any) => m.userId)).toEqual([newcomer.userId]);
      const byEmail = await secretariatA.http.get(`${usersOfA()}?q=${encodeURIComponent(`existing-${tag}`)}`);
      expect(byEmail.body.items.map((m: any) => m.userId)).toEqual([existing.userId]);
      // A person of another consortium is not found by searching here.
      const foreign = await secretariatA.http.get(`${usersOfA()}?q=${encodeURIComponent(secretariatB.email)}`);
      expect(foreign.body.items).toEqual([]);

      const walked = await walkPages(secretariatA.http, usersOfA(), {}, 1);
      expect(walked.pages).toBe(5);
      expect(walked.items.map((m) => m.userId)).toEqual(ids);
      const walkedTwo = await walkPages(secretariatA.http, usersOfA(), {}, 2);
      expect(walkedTwo.items.map((m) => m.userId)).toEqual(ids);
    });

    it('shows one person, and 404 for someone not in the consortium', async () => {
      const one = await secretariatA.http.get(`${usersOfA()}/${existing.userId}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        userId: existing.userId,
        email: existing.email,
        role: 'member',
        organizationId: ORG_1,
      });
      expect((await secretariatA.http.get(`${usersOfA()}/${secretariatB.userId}`)).status).toBe(404);
      expect((await secretariatA.http.get(`${usersOfA()}/${randomUUID()}`)).status).toBe(404);
      expect((await secretariatA.http.get(`${usersOfA()}/nope`)).status).toBe(400);
    });

    it('changes a role: observer → member needs an organization; member → observer clears it', async () => {
      const requestId = `users-e2e-${tag}`;
      const needsOrg = await secretariatA.http.patch(`${usersOfA()}/${newcomer.userId}`, { body: { role: 'member' } });
      expect(needsOrg.status).toBe(400);
      expect(needsOrg.body.message).toContain('organizationId');

      const toMember = await secretariatA.http.patch(`${usersOfA()}/${newcomer.userId}`, {
        body: { role: 'member', organizationId: ORG_2 },
        headers: { 'x-request-id': requestId },
      });
      expect(toMember.status).toBe(200);
      expect(toMember.headers.get('x-request-id')).toBe(requestId);
      expect(toMember.body).toMatchObject({ userId: newcomer.userId, role: 'member', organizationId: ORG_2 });
      expectedInA.push({
        action: 'identity.membership.role_changed',
        entityType: 'user',
        entityId: newcomer.userId,
        actorUserId: secretariatA.userId,
        requestId,
        changes: { role: { from: 'observer', to: 'member' }, organizationId: { from: null, to: ORG_2 } },
      });

      const toObserver = await secretariatA.http.patch(`${usersOfA()}/${newcomer.userId}`, {
        body: { role: 'observer' },
      });
      expect(toObserver.status).toBe(200);
      expect(toObserver.body).toMatchObject({ role: 'observer', organizationId: null });
      expectedInA.push({
        action: 'identity.membership.role_changed',
        entityType: 'user',
        entityId: newcomer.userId,
        actorUserId: secretariatA.userId,
        changes: { role: { from: 'member', to: 'observer' }, organizationId: { from: ORG_2, to: null } },
      });

      const stored = await secretariatA.http.get(`${usersOfA()}/${newcomer.userId}`);
      expect(stored.body).toMatchObject({ role: 'observer', organizationId: null });
      const me = await stack.http
        .as((await signIn(stack.http, newcomer.email, newcomer.password)).accessToken)
        .get('/api/v1/auth/me');
      expect(me.body.memberships).toEqual([
        expect.objectContaining({ consortiumId: consortiumA, role: 'observer', organizationId: null }),
      ]);

      expect(
        (await secretariatA.http.patch(`${usersOfA()}/${newcomer.userId}`, { body: { role: 'owner' } })).status,
      ).toBe(400);
      expect(
        (await secretariatA.http.patch(`${usersOfA()}/${secretariatB.userId}`, { body: { role: 'observer' } })).status,
      ).toBe(404);
    });

    it('lets nobody change their own role', async () => {
      expectOwnAccount(
        await secretariatA.http.patch(`${usersOfA()}/${secretariatA.userId}`, { body: { role: 'observer' } }),
      );
      expectOwnAccount(await secretariatA.http.post(`${usersOfA()}/${secretariatA.userId}/disable`));
      // An observer or member trying to raise themselves is refused too.
      expect(
        (await observerA.http.patch(`${usersOfA()}/${observerA.userId}`, { body: { role: 'secretariat' } })).status,
      ).toBe(403);
      expect(
        (await memberA.http.patch(`${usersOfA()}/${memberA.userId}`, { body: { role: 'secretariat' } })).status,
      ).toBe(403);
      const roles = await secretariatA.http.get(`${usersOfA()}?limit=200`);
      const roleOf = (id: string) => roles.body.items.find((m: any) => m.userId === id)?.role;
      expect([roleOf(secretariatA.userId), roleOf(observerA.userId), roleOf(memberA.userId)]).toEqual([
        'secretariat',
        'observer',
        'member',
      ]);
    });

    it('disables a membership (404 on the consortium, the account still signs in) and enables it again', async () => {
      const session = stack.http.as((await signIn(stack.http, newcomer.email, newcomer.password)).accessToken);
      expect((await session.get(`/api/v1/consortia/${consortiumA}`)).status).toBe(200);

      const disabled = await secretariatA.http.post(`${usersOfA()}/${newcomer.userId}/disable`);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ userId: newcomer.userId, status: 'disabled', accountStatus: 'active' });
      expectedInA.push({
        action: 'identity.membership.disabled',
        entityType: 'user',
        entityId: newcomer.userId,
        actorUserId: secretariatA.userId,
        changes: { status: { from: 'active', to: 'disabled' } },
      });

      const refused = await session.get(`/api/v1/consortia/${consortiumA}`);
      expect(refused.status).toBe(404);
      const fresh = await stack.http.post('/api/v1/auth/login', {
        body: { email: newcomer.email, password: newcomer.password },
      });
      expect(fresh.status).toBe(200);
      const me = await stack.http.as(fresh.body.accessToken).get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.memberships).toEqual([]);

      const enabled = await secretariatA.http.post(`${usersOfA()}/${newcomer.userId}/enable`);
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({ status: 'active' });
      expectedInA.push({
        action: 'identity.membership.enabled',
        entityType: 'user',
        entityId: newcomer.userId,
        actorUserId: secretariatA.userId,
        changes: { status: { from: 'disabled', to: 'active' } },
      });
      expect((await session.get(`/api/v1/consortia/${consortiumA}`)).status).toBe(200);
    });

    it('edits the consortium profile (secretariat)', async () => {
      const name = `甲联合体（更名）-${tag}`;
      const response = await secretariatA.http.patch(`/api/v1/consortia/${consortiumA}`, { body: { name } });
      expect(response.status).toBe(200);
      expect(response.body.name).toBe(name);
      expectedInA.push({
        action: 'consortia.consortium.updated',
        entityType: 'consortium',
        entityId: consortiumA,
        actorUserId: secretariatA.userId,
        changes: { name: { from: `甲联合体-${tag}`, to: name } },
      });
    });
  });

  describe('members and observers', () => {
    it.each(['member', 'observer'] as const)(
      'the %s reads the consortium but cannot manage people, read the audit log or edit it',
      async (role) => {
        const person = role === 'member' ? memberA : observerA;
        expect((await person.http.get(`/api/v1/consortia/${consortiumA}`)).status).toBe(200);
        const denied = [
          await person.http.get(`/api/v1/consortia/${consortiumA}/users`),
          await person.http.get(`/api/v1/consortia/${consortiumA}/users/${secretariatA.userId}`),
          await person.http.post(`/api/v1/consortia/${consortiumA}/users`, {
            body: { email: `by-${role}-${tag}@test.chanjiao.cn`, displayName: '越权添加', role: 'observer' },
          }),
          await person.http.patch(`/api/v1/consortia/${consortiumA}/users/${secretariatA.userId}`, {
            body: { role: 'observer' },
          }),
          await person.http.post(`/api/v1/consortia/${consortiumA}/users/${secretariatA.userId}/disable`),
          await person.http.get(`/api/v1/consortia/${consortiumA}/audit-log`),
          await person.http.patch(`/api/v1/consortia/${consortiumA}`, { body: { name: '被成员改名的联合体' } }),
        ];
        expect(denied.map((r) => r.status)).toEqual(denied.map(() => 403));
        const consortium = await person.http.get(`/api/v1/consortia/${consortiumA}`);
        expect(consortium.body.name).not.toBe('被成员改名的联合体');
        expect((await stack.admin.get(`/api/v1/users?q=by-${role}-${tag}`)).body.items).toEqual([]);
      },
    );
  });

  describe('concurrency', () => {
    /** Statuses of `n` identical requests sent at once, sorted; a 500 means a lost race. */
    async function race(
      n: number,
      send: () => Promise<TestResponse>,
    ): Promise<{ statuses: number[]; responses: TestResponse[] }> {
      const responses = await Promise.all(Array.from({ length: n }, send));
      return { statuses: responses.map((r) => r.status).sort((x, y) => x - y), responses };
    }
    const oneCreatedNineConflicts = [201, 409, 409, 409, 409, 409, 409, 409, 409, 409];

    // The race window is short (a check, then an insert): a few rounds make a lost race visible.
    it.each([1, 2, 3])(
      'adds the same new email to a consortium 10 times at once: one 201, nine 409 (round %i)',
      async (round) => {
        const email = `race${round}-${tag}@test.chanjiao.cn`;
        const { statuses, responses } = await race(10, () =>
          secretariatA.http.post(`/api/v1/consortia/${consortiumA}/users`, {
            body: { email, displayName: '并发用户', role: 'observer' },
          }),
        );
        expect(statuses).toEqual(oneCreatedNineConflicts);

        const winner = responses.find((r) => r.status === 201)!;
        const accounts = await stack.admin.get(`/api/v1/users?q=race${round}-${tag}`);
        expect(accounts.body.items).toHaveLength(1);
        const members = await secretariatA.http.get(`/api/v1/consortia/${consortiumA}/users?q=race${round}-${tag}`);
        expect(members.body.items.map((m: any) => m.userId)).toEqual([winner.body.membership.userId]);
        expectedInA.push(
          {
            action: 'identity.user.created',
            entityType: 'user',
            entityId: winner.body.membership.userId,
            actorUserId: secretariatA.userId,
          },
          {
            action: 'identity.membership.created',
            entityType: 'user',
            entityId: winner.body.membership.userId,
            actorUserId: secretariatA.userId,
          },
        );
      },
    );

    it('adds the same existing account to a consortium 10 times at once: one 201, nine 409', async () => {
      const email = `race-existing-${tag}@test.chanjiao.cn`;
      const account = await stack.admin.post('/api/v1/users', { body: { email, displayName: '并发老用户' } });
      expect(account.status).toBe(201);
      const { statuses } = await race(10, () =>
        secretariatA.http.post(`/api/v1/consortia/${consortiumA}/users`, {
          body: { email, displayName: '并发老用户', role: 'observer' },
        }),
      );
      expect(statuses).toEqual(oneCreatedNineConflicts);
      expectedInA.push({
        action: 'identity.membership.created',
        entityType: 'user',
        entityId: account.body.user.id,
        actorUserId: secretariatA.userId,
      });
    });

    it('creates the same account through /api/v1/users 10 times at once: one 201, nine 409', async () => {
      const email = `race-platform-${tag}@test.chanjiao.cn`;
      const { statuses } = await race(10, () =>
        stack.admin.post('/api/v1/users', { body: { email, displayName: '并发账号' } }),
      );
      expect(statuses).toEqual(oneCreatedNineConflicts);
      expect((await stack.admin.get(`/api/v1/users?q=race-platform-${tag}`)).body.items).toHaveLength(1);
    });
  });

  describe('audit log (/api/v1/consortia/:cid/audit-log)', () => {
    const logOfA = () => `/api/v1/consortia/${consortiumA}/audit-log`;
    let entriesA: AuditEntry[];

    beforeAll(async () => {
      // Changes in consortium B (by the admin, B's secretariat) that must never show in A's log.
      await addPerson(secretariatB.http, consortiumB, 'observer');
      await secretariatB.http.patch(`/api/v1/consortia/${consortiumB}`, { body: { name: `乙联合体（更名）-${tag}` } });
      const all = await secretariatA.http.get(`${logOfA()}?limit=200`);
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      entriesA = all.body.items;
    });

    it('records every change made in the consortium, with actor, entity, request id and what changed', () => {
      for (const expected of expectedInA) {
        const { changes, requestId, ...fields } = expected;
        const matching = entriesA.filter(
          (e) =>
            e.action === fields.action &&
            e.entityId === fields.entityId &&
            (!requestId || e.requestId === requestId) &&
            (!changes || expect.objectContaining(changes).asymmetricMatch(e.changes)),
        );
        expect({ expected, found: matching.length }).toEqual({ expected, found: 1 });
        expect(matching[0]).toMatchObject({
          ...fields,
          consortiumId: consortiumA,
          requestId: requestId ?? expect.any(String),
          ip: expect.any(String),
          createdAt: expect.any(String),
        });
      }
      const requestIds = entriesA.map((e) => e.requestId);
      expect(requestIds).toContain(`users-e2e-${tag}`);
      // Entries of one transaction share a request id; distinct requests do not.
      const created = entriesA.filter(
        (e) => e.action === 'identity.user.created' && e.actorUserId === secretariatA.userId,
      );
      expect(new Set(created.map((e) => e.requestId)).size).toBe(created.length);
    });

    it('records the people the platform admin added, and nothing platform-level', () => {
      for (const person of [secretariatA, memberA, observerA]) {
        expect(entriesA).toContainEqual(
          expect.objectContaining({
            action: 'identity.membership.created',
            entityId: person.userId,
            actorUserId: adminId,
          }),
        );
        expect(entriesA).toContainEqual(
          expect.objectContaining({ action: 'identity.user.created', entityId: person.userId, actorUserId: adminId }),
        );
      }
      // Sign-ins, platform account creation/disabling and grants are platform-level (no consortium).
      expect(entriesA.every((e) => e.consortiumId === consortiumA)).toBe(true);
      expect(
        entriesA.filter(
          (e) => e.action.startsWith('identity.session') || e.action.startsWith('identity.user.platform_admin'),
        ),
      ).toEqual([]);
      expect(
        entriesA.filter((e) => e.action === 'identity.user.disabled' || e.action === 'identity.user.enabled'),
      ).toEqual([]);
    });

    it('lists newest first', () => {
      const ids = entriesA.map((e) => BigInt(e.id));
      for (let i = 1; i < ids.length; i += 1) expect(ids[i] < ids[i - 1]).toBe(true);
    });

    it('filters by actor, entity type, entity id and action (exact or prefix)', async () => {
      const byActor = await secretariatA.http.get(`${logOfA()}?limit=200&actorUserId=${secretariatA.userId}`);
      expect(byActor.status).toBe(200);
      expect(byActor.body.items.length).toBeGreaterThan(0);
      expect(byActor.body.items.map((e: AuditEntry) => e.id)).toEqual(
        entriesA.filter((e) => e.actorUserId === secretariatA.userId).map((e) => e.id),
      );

      const byType = await secretariatA.http.get(`${logOfA()}?limit=200&entityType=consortium`);
      expect(byType.body.items.map((e: AuditEntry) => e.action)).toEqual(['consortia.consortium.updated']);

      const newcomerId = expectedInA[0].entityId;
      const byEntity = await secretariatA.http.get(`${logOfA()}?limit=200&entityType=user&entityId=${newcomerId}`);
      expect(byEntity.body.items.map((e: AuditEntry) => e.action)).toEqual([
        'identity.membership.enabled',
        'identity.membership.disabled',
        'identity.membership.role_changed',
        'identity.membership.role_changed',
        'identity.membership.created',
        'identity.user.created',
      ]);

      const exact = await secretariatA.http.get(`${logOfA()}?limit=200&action=identity.membership.role_changed`);
      expect(exact.body.items).toHaveLength(2);
      expect(exact.body.items.every((e: AuditEntry) => e.action === 'identity.membership.role_changed')).toBe(true);

      const prefix = await secretariatA.http.get(`${logOfA()}?limit=200&action=identity.membership`);
      const prefixActions = new Set(prefix.body.items.map((e: AuditEntry) => e.action));
      expect([...prefixActions].sort()).toEqual([
        'identity.membership.created',
        'identity.membership.disabled',
        'identity.membership.enabled',
        'identity.membership.role_changed',
      ]);
      expect(prefix.body.items.map((e: AuditEntry) => e.id)).toEqual(
        entriesA.filter((e) => e.action.startsWith('identity.membership.')).map((e) => e.id),
      );

      const combined = await secretariatA.http.get(
        `${logOfA()}?limit=200&action=identity.membership&actorUserId=${secretariatA.userId}&entityId=${newcomerId}`,
      );
      expect(combined.body.items).toHaveLength(5);

      const none = await secretariatA.http.get(`${logOfA()}?actorUserId=${randomUUID()}`);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('treats LIKE wildcards in an action prefix literally', async () => {
      // `_` and `%` are not wildcards: `identity_membership` is no prefix of `identity.membership.*`.
      const found: Record<string, string[]> = {};
      for (const action of ['identity_membership', 'identity.member%', '%']) {
        const response = await secretariatA.http.get(`${logOfA()}?limit=200&action=${encodeURIComponent(action)}`);
        expect(response.status).toBe(200);
        found[action] = [...new Set<string>(response.body.items.map((e: AuditEntry) => e.action))].sort();
      }
      expect(found).toEqual({ identity_membership: [], 'identity.member%': [], '%': [] });
    });

    it('filters by time (from inclusive, to exclusive)', async () => {
      const pivot = entriesA[Math.floor(entriesA.length / 2)];
      const from = await secretariatA.http.get(`${logOfA()}?limit=200&from=${encodeURIComponent(pivot.createdAt)}`);
      expect(from.status).toBe(200);
      expect(from.body.items.map((e: AuditEntry) => e.id)).toContain(pivot.id);
      expect(from.body.items.every((e: AuditEntry) => Date.parse(e.createdAt) >= Date.parse(pivot.createdAt))).toBe(
        true,
      );

      const to = await secretariatA.http.get(`${logOfA()}?limit=200&to=${encodeURIComponent(pivot.createdAt)}`);
      expect(to.status).toBe(200);
      expect(to.body.items.map((e: AuditEntry) => e.id)).not.toContain(pivot.id);
      expect(to.body.items.every((e: AuditEntry) => Date.parse(e.createdAt) < Date.parse(pivot.createdAt))).toBe(true);
      // Together they cover the log exactly.
      expect(from.body.items.length + to.body.items.length).toBe(entriesA.length);

      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await secretariatA.http.get(`${logOfA()}?from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
      const past = '2000-01-01T00:00:00+08:00';
      expect((await secretariatA.http.get(`${logOfA()}?limit=200&to=${encodeURIComponent(past)}`)).body.items).toEqual(
        [],
      );
      const window = await secretariatA.http.get(
        `${logOfA()}?limit=200&from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`,
      );
      expect(window.body.items).toHaveLength(entriesA.length);
    });

    it('pages with limit=2 and the cursor, without gaps or duplicates', async () => {
      const walked = await walkPages(secretariatA.http, logOfA(), {}, 2);
      expect(walked.items.map((e) => e.id)).toEqual(entriesA.map((e) => e.id));
      expect(walked.pages).toBe(Math.ceil(entriesA.length / 2));

      const filtered = await walkPages(secretariatA.http, logOfA(), { action: 'identity.membership' }, 2);
      expect(filtered.items.map((e) => e.id)).toEqual(
        entriesA.filter((e) => e.action.startsWith('identity.membership.')).map((e) => e.id),
      );
    });

    it('answers 400 naming the field for bad filter values', async () => {
      for (const [query, field] of [
        ['actorUserId=nope', 'actorUserId'],
        ['from=yesterday', 'from'],
        ['to=tomorrow', 'to'],
        ['cursor=abc', 'cursor'],
        ['limit=0', 'limit'],
        ['limit=1000', 'limit'],
        ['colour=red', 'colour'],
      ]) {
        const response = await secretariatA.http.get(`${logOfA()}?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(invalidFields(response)).toContain(field);
        expect(response.body.message).toContain(field);
      }
    });

    it('never shows another consortium’s entries', async () => {
      const ofB = await secretariatB.http.get(`/api/v1/consortia/${consortiumB}/audit-log?limit=200`);
      expect(ofB.status).toBe(200);
      expect(ofB.body.items.length).toBeGreaterThan(0);
      expect(ofB.body.items.every((e: AuditEntry) => e.consortiumId === consortiumB)).toBe(true);
      expect(ofB.body.items.map((e: AuditEntry) => e.action)).toEqual(
        expect.arrayContaining(['consortia.consortium.updated', 'identity.membership.created']),
      );

      const idsOfB = new Set(ofB.body.items.map((e: AuditEntry) => e.id));
      const walkedA = await walkPages(secretariatA.http, logOfA(), {}, 200);
      expect(walkedA.items.filter((e) => idsOfB.has(e.id) || e.consortiumId !== consortiumA)).toEqual([]);
      expect(walkedA.items.filter((e) => e.entityId === consortiumB || e.entityId === secretariatB.userId)).toEqual([]);

      // Not even when asked for by B's entity ids or B's actor.
      for (const query of [
        `entityId=${consortiumB}`,
        `entityId=${secretariatB.userId}`,
        `actorUserId=${secretariatB.userId}`,
      ]) {
        const response = await secretariatA.http.get(`${logOfA()}?${query}`);
        expect({ query, items: response.body.items }).toEqual({ query, items: [] });
      }
      // B's log through A's secretariat: the consortium does not exist for them.
      expect((await secretariatA.http.get(`/api/v1/consortia/${consortiumB}/audit-log`)).status).toBe(404);
    });

    it('is append-only for the application role', async () => {
      const app = new Client({ connectionString: stack.config.database.appUrl });
      await app.connect();
      try {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.consortium_id', $1, true)`, [consortiumA]);
        // It can read the tenant's rows…
        const visible = await app.query('SELECT count(*)::int AS n FROM audit_log');
        expect(visible.rows[0].n).toBeGreaterThanOrEqual(entriesA.length);
        // …but never change them.
        await expect(app.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
        await app.query('ROLLBACK');
        await expect(app.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
        await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
        await expect(app.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
      } finally {
        await app.end();
      }
      const after = await secretariatA.http.get(`${logOfA()}?limit=200&action=x`);
      expect(after.body.items).toEqual([]);
      const again = await secretariatA.http.get(`${logOfA()}?limit=200`);
      expect(again.body.items.slice(-entriesA.length)).toEqual(entriesA);
    });
  });

  describe('platform audit log (/api/v1/audit-log)', () => {
    const platformLog = (query: string) => stack.admin.get(`/api/v1/audit-log?${query}`);

    it('shows account changes made by platform admins, newest first, with actor and request id', async () => {
      const created = await stack.admin.post('/api/v1/users', {
        body: { email: `platform-log-${tag}@test.chanjiao.cn`, displayName: '平台日志' },
        headers: { 'x-request-id': `platform-log-${tag}` },
      });
      expect(created.status).toBe(201);
      const userId: string = created.body.user.id;
      expect((await stack.admin.post(`/api/v1/users/${userId}/disable`)).status).toBe(200);
      expect(
        (await stack.admin.post(`/api/v1/users/${userId}/platform-admin`, { body: { platformAdmin: true } })).status,
      ).toBe(200);
      const log = await platformLog(`entityId=${userId}&limit=10`);
      expect(log.status).toBe(200);
      expect(log.body.items.map((e: AuditEntry) => e.action)).toEqual([
        'identity.user.platform_admin_granted',
        'identity.user.disabled',
        'identity.user.created',
      ]);
      expect(log.body.items[2]).toMatchObject({
        consortiumId: null,
        actorUserId: adminId,
        entityType: 'user',
        requestId: `platform-log-${tag}`,
        changes: { email: `platform-log-${tag}@test.chanjiao.cn`, platformAdmin: false },
      });
    });

    it('records cross-consortium reads (this log’s own included) and holds no consortium’s entries', async () => {
      expect((await stack.admin.get('/api/v1/consortia')).status).toBe(200);
      const reads = await platformLog('action=platform.cross_consortium_read&limit=5');
      expect(reads.body.items[0]).toMatchObject({
        actorUserId: adminId,
        changes: { purpose: 'read the platform audit log' },
      });
      expect(reads.body.items[1]).toMatchObject({ actorUserId: adminId, changes: { purpose: 'list all consortia' } });
      const all = await platformLog('limit=200');
      expect(all.body.items.length).toBeGreaterThan(0);
      expect(all.body.items.filter((e: AuditEntry) => e.consortiumId !== null)).toEqual([]);
      // Sign-ins are platform-level too.
      expect(all.body.items).toContainEqual(
        expect.objectContaining({ action: 'identity.session.started', actorUserId: secretariatA.userId }),
      );
    });

    it('pages with a cursor and refuses bad filters with 400 naming the field', async () => {
      const first = await platformLog('limit=2');
      const second = await platformLog(`limit=2&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(BigInt(second.body.items[0].id) < BigInt(first.body.items[1].id)).toBe(true);
      expectNamesField(await platformLog('limit=0'), 400, 'limit');
      expectNamesField(await platformLog('actorUserId=someone'), 400, 'actorUserId');
    });

    it('is for platform admins only', async () => {
      expect((await secretariatA.http.get('/api/v1/audit-log')).status).toBe(403);
      expect((await stack.http.get('/api/v1/audit-log')).status).toBe(401);
    });
  });
});
