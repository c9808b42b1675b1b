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
  const password: string = response.body.initialPassword;
  const tokens = await signIn(admin.as(''), email, password);
  return { userId: response.body.membership.userId, email, password, http: admin.as(tokens.accessToken) };
}
