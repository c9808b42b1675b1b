import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ACCESS_METADATA } from '@chanjiao/core';
import {
  createTwoConsortia,
  fillPath,
  HttpClient,
  listOperations,
  Operation,
  signIn,
  startTestStack,
  TestResponse,
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  TestStack,
  TwoConsortia,
} from '@chanjiao/testing';
import { Caller, CALLERS, ROUTE_ACCESS } from './access-control.table';

/** Denied means the gate refused: 401, 403, or the guard's 404 for a consortium the caller is not in. */
function denied(response: TestResponse): boolean {
  if (response.status === 401 || response.status === 403) return true;
  return response.status === 404 && /^Consortium \S+ not found$/.test(response.body?.message ?? '');
}

describe('role × route access table', () => {
  let stack: TestStack;
  let world: TwoConsortia;
  let operations: Operation[];
  /** Platform reference data the table's routes read: the default indicator framework. */
  let frameworkId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    world = await createTwoConsortia(stack);
    operations = await listOperations(stack.http);
    frameworkId = (await stack.admin.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published')).body
      .items[0].id;
  });

  afterAll(() => stack?.close());

  it('lists every documented operation in the table, and nothing else', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it('gives every controller route an access rule (default deny)', () => {
    const discovery = stack.api.get(DiscoveryService);
    const scanner = stack.api.get(MetadataScanner);
    const undeclared: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (!Reflect.getMetadata(ACCESS_METADATA, handler) && !Reflect.getMetadata(ACCESS_METADATA, controller)) {
          undeclared.push(`${controller.name}.${name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  /**
   * One session per caller, signed in once (a sign-in verifies an argon2 hash: a thousand of
   * them were most of this file's time); a route that ends the caller's session gets a fresh one.
   */
  const sessions = new Map<Caller, Promise<HttpClient>>();
  const SESSION_ENDING = new Set(['POST /api/v1/auth/logout']);
  function clientFor(caller: Caller, key: string): Promise<HttpClient> {
    if (SESSION_ENDING.has(key)) return signedInClient(caller);
    if (!sessions.has(caller)) sessions.set(caller, signedInClient(caller));
    return sessions.get(caller)!;
  }

  async function signedInClient(caller: Caller): Promise<HttpClient> {
    if (caller === 'anonymous') return stack.http;
    const credentials =
      caller === 'outsider'
        ? world.outsiderCredentials
        : caller === 'platform_admin'
          ? { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD }
          : world.a[caller];
    return stack.http.as((await signIn(stack.http, credentials.email, credentials.password)).accessToken);
  }

  it.each(Object.keys(ROUTE_ACCESS))('%s: allowed and denied exactly as the table says', async (key) => {
    const [method, path] = key.split(' ');
    const url = fillPath(path, {
      consortiumId: world.a.id,
      userId: world.a.target.userId,
      id: world.a.jobId,
      organizationId: world.a.organizationId,
      seatId: world.a.seatId,
      meetingId: world.a.meetingId,
      resolutionId: world.a.resolutionId,
      taskId: world.a.taskId,
      frameworkId,
      periodId: world.a.periodId,
      reportId: world.a.reportId,
      rollupId: world.a.rollupId,
      evidenceId: world.a.evidenceId,
      pointCode: 'D1.1',
      runId: world.a.runId,
      cooperationId: world.a.cooperationId,
      baseId: world.a.baseId,
      bookingId: world.a.bookingId,
      needId: world.a.needId,
      planId: world.a.planId,
      versionId: world.a.versionId,
      itemId: world.a.itemId,
      deliveryId: world.a.deliveryId,
      offeringId: world.a.offeringId,
      programmeCode: world.programmeCode,
      occupationCode: world.occupationCode,
      demandPostingId: world.a.demandPostingId,
      supplyPostingId: world.a.supplyPostingId,
      synonymId: world.a.synonymId,
    });
    const outcome: Record<string, 'allowed' | 'denied'> = {};
    const expected: Record<string, 'allowed' | 'denied'> = {};
    for (const caller of CALLERS) {
      const client = await clientFor(caller, key);
      const response = await client.request(method, url, method === 'GET' ? {} : { body: {} });
      expect(response.status).toBeLessThan(500);
      outcome[caller] = denied(response) ? 'denied' : 'allowed';
      expected[caller] = ROUTE_ACCESS[key].includes(caller) ? 'allowed' : 'denied';
    }
    expect(outcome).toEqual(expected);
  });
});
