import { HttpClient } from './http-client';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function signIn(http: HttpClient, email: string, password: string): Promise<Tokens> {
  const response = await http.post('/api/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${response.text}`);
  return { accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
}

/**
 * First sign-in with a one-time password: sign in, then change it (until then only
 * me, change-password and logout answer). Returns the session's tokens and the new password.
 */
export async function signInFirstTime(
  http: HttpClient,
  email: string,
  initialPassword: string,
): Promise<Tokens & { password: string }> {
  const tokens = await signIn(http, email, initialPassword);
  const password = `Changed-${initialPassword}`;
  const changed = await http.as(tokens.accessToken).post('/api/v1/auth/change-password', {
    body: { currentPassword: initialPassword, newPassword: password },
  });
  if (changed.status !== 204)
    throw new Error(`changing ${email}'s password answered ${changed.status}: ${changed.text}`);
  return { ...tokens, password };
}

export interface TestPerson {
  userId: string;
  email: string;
  password: string;
  http: HttpClient;
}

let counter = 0;

/**
 * Adds a person with `role` to a consortium through the API (as the platform
 * admin) and signs them in with their one-time password.
 */
export async function addPerson(
  admin: HttpClient,
  consortiumId: string,
  role: 'secretariat' | 'member' | 'observer',
  organizationId?: string,
): Promise<TestPerson> {
  counter += 1;
  if (role === 'member' && !organizationId) {
    // A member is bound to a member organization of the consortium: make one.
    const organization = await admin.post(`/api/v1/consortia/${consortiumId}/organizations`, {
      body: { type: 'other', name: `成员单位-${counter}-${Date.now().toString(36)}` },
    });
    if (organization.status !== 201)
      throw new Error(`creating an organization answered ${organization.status}: ${organization.text}`);
    organizationId = organization.body.id as string;
  }
  const email = `${role}-${counter}-${Date.now().toString(36)}@test.chanjiao.cn`;
  const response = await admin.post(`/api/v1/consortia/${consortiumId}/users`, {
    body: { email, displayName: `测试用户${counter}`, role, ...(role === 'member' ? { organizationId } : {}) },
  });
  if (response.status !== 201) throw new Error(`adding ${email} answered ${response.status}: ${response.text}`);
  const { accessToken, password } = await signInFirstTime(admin.as(''), email, response.body.initialPassword);
  return { userId: response.body.membership.userId, email, password, http: admin.as(accessToken) };
}
