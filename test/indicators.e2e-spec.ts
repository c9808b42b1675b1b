import { Clock } from '@chanjiao/core';
import {
  addPerson,
  chinaToday,
  HttpClient,
  insertConsortium,
  startTestStack,
  TestPerson,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

/**
 * Construction indicators through HTTP: a period on the default framework, member reports
 * submitted, returned, resubmitted and approved per point, locks that say why, the
 * roll-up (full and incremental after approvals) into scores, veto and drill-down, with
 * each role seeing only what it may.
 */
describe('construction indicators: report → review → roll-up', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let sec: HttpClient;
  let observer: HttpClient;
  let school1: TestPerson;
  let school2: TestPerson;
  let enterprise: TestPerson;
  let periodId: string;
  const org: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    observer = (await addPerson(stack.admin, cid, 'observer')).http;
    for (const [key, body] of Object.entries({
      school1: { type: 'higher_vocational', name: '第一职业技术学院' },
      school2: { type: 'vocational_bachelor', name: '第二职业技术大学' },
      enterprise: { type: 'enterprise', name: '智造科技有限公司', creditCode: '91350100M000100Y43' },
      government: { type: 'government', name: '园区管委会' },
    })) {
      const created = await sec.post(`${base}/organizations`, { body });
      org[key] = created.body.id;
      await sec.post(`${base}/organizations/${org[key]}/membership-transitions`, {
        body: { to: 'active', effectiveOn: chinaToday(-200) },
      });
    }
    school1 = await addPerson(stack.admin, cid, 'member', org.school1);
    school2 = await addPerson(stack.admin, cid, 'member', org.school2);
    enterprise = await addPerson(stack.admin, cid, 'member', org.enterprise);
    const frameworks = await sec.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
    const period = await sec.post(`${base}/indicator-periods`, {
      body: {
        name: '年度建设',
        frameworkId: frameworks.body.items[0].id,
        startsOn: chinaToday(-100),
        endsOn: chinaToday(265),
        dueOn: chinaToday(30),
        graceDays: 5,
      },
    });
    expect(period.status).toBe(201);
    periodId = period.body.id;
  });

  afterAll(() => stack?.close());

  const report = (who: HttpClient, pointCode: string, value: unknown, organizationId?: string) =>
    who.post(`${base}/indicator-reports`, {
      body: { periodId, pointCode, value, ...(organizationId ? { organizationId } : {}) },
    });
  const rollUp = async () => {
    const accepted = await sec.post(`${base}/indicator-rollups`, { body: { periodId } });
    expect(accepted.status).toBe(202);
    return waitForJobState(sec, accepted.body.jobId, 'completed');
  };
  const scores = () => sec.get(`${base}/indicator-scores?periodId=${periodId}`);
  const find = (nodes: any[], code: string): any => {
    for (const node of nodes) {
      if (node.code === code) return node;
      const found = find(node.children ?? [], code);
      if (found) return found;
    }
    return undefined;
  };

  it('derives who reports each point from the members, and lets the secretariat adjust it', async () => {
    const expected = (await sec.get(`${base}/indicator-periods/${periodId}/expected-reporters`)).body;
    const of = (code: string) => expected.filter((e: { pointCode: string }) => e.pointCode === code);
    expect(
      of('D4.1')
        .map((e: { organizationId: string }) => e.organizationId)
        .sort(),
    ).toEqual([org.school1, org.school2].sort());
    expect(of('D6.2')).toEqual([expect.objectContaining({ organizationId: org.enterprise })]);
    expect(of('D1.1')).toEqual([expect.objectContaining({ organizationId: null })]);
    expect(of('D2.1')).toEqual([]); // auto points are computed, nobody reports them
    const adjusted = await sec.put(`${base}/indicator-periods/${periodId}/expected-reporters`, {
      body: { pointCode: 'D5.2', organizationIds: [org.school1] },
    });
    expect(adjusted.body.filter((e: { pointCode: string }) => e.pointCode === 'D5.2')).toHaveLength(1);
    const targets = await sec.put(`${base}/indicator-periods/${periodId}/targets`, {
      body: { targets: [{ pointCode: 'D4.1', target: 6 }] },
    });
    expect(targets.body['D4.1']).toBe(6);
    const bad = await sec.put(`${base}/indicator-periods/${periodId}/targets`, {
      body: { targets: [{ pointCode: 'D3.3', target: 5 }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.field).toBe('targets.0.target');
  });

  it('runs a report through submit → return → resubmit → approve, per point, keeping every version', async () => {
    const draft = await report(school1.http, 'D4.1', 2);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', organizationId: org.school1, value: 2, lock: null });
    const id = draft.body.id;
    expect((await school1.http.post(`${base}/indicator-reports/${id}/submit`)).body.status).toBe('submitted');
    const locked = await school1.http.patch(`${base}/indicator-reports/${id}`, { body: { value: 9 } });
    expect(locked.status).toBe(423);
    expect(locked.body.details.reason).toBe('submitted');

    const returned = await sec.post(`${base}/indicator-reports/${id}/return`, { body: { comment: '请补充项目清单' } });
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请补充项目清单' });
    expect((await school1.http.patch(`${base}/indicator-reports/${id}`, { body: { value: 3 } })).body.value).toBe(3);
    await school1.http.post(`${base}/indicator-reports/${id}/submit`);
    const approved = await sec.post(`${base}/indicator-reports/${id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', lock: { reason: 'approved' } });
    expect(approved.body.versions.map((v: { status: string }) => v.status)).toEqual([
      'draft',
      'submitted',
      'returned',
      'returned',
      'submitted',
      'approved',
    ]);
    expect(approved.body.versions.map((v: { value: number }) => v.value)).toEqual([2, 2, 2, 3, 3, 3]);
    const late = await school1.http.patch(`${base}/indicator-reports/${id}`, { body: { value: 4 } });
    expect(late.status).toBe(423);
    expect(late.body.details.reason).toBe('approved');
    expect(
      (await sec.post(`${base}/indicator-reports/${id}/reopen`, { body: { comment: '数据更正' } })).body.status,
    ).toBe('returned');
    expect((await school1.http.patch(`${base}/indicator-reports/${id}`, { body: { value: 4 } })).body.value).toBe(4);
    await school1.http.post(`${base}/indicator-reports/${id}/submit`);
    expect((await sec.post(`${base}/indicator-reports/${id}/approve`)).status).toBe(200);
  });

  it('keeps members to their own organization and observers to approved reports', async () => {
    const foreign = await report(school1.http, 'D4.1', 1, org.school2);
    expect(foreign.status).toBe(403);
    expect(foreign.body.details.code).toBe('own_organization_only');
    const wrongType = await report(enterprise.http, 'D4.1', 1);
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.details).toMatchObject({ code: 'not_reportable', field: 'organizationId' });
    const auto = await report(sec, 'D2.1', 3, org.school1);
    expect(auto.body.details).toMatchObject({ code: 'not_reportable', field: 'pointCode' });
    const secretariatPoint = await report(school1.http, 'D1.1', 3);
    expect(secretariatPoint.body.details.code).toBe('not_reportable');

    const own = await report(school2.http, 'D4.1', 4);
    expect(own.status).toBe(201);
    expect((await school1.http.get(`${base}/indicator-reports/${own.body.id}`)).status).toBe(404);
    expect((await observer.get(`${base}/indicator-reports/${own.body.id}`)).status).toBe(404);
    const mine = await school1.http.get(`${base}/indicator-reports?periodId=${periodId}`);
    expect(mine.body.items.every((r: { organizationId: string }) => r.organizationId === org.school1)).toBe(true);
    const seen = await observer.get(`${base}/indicator-reports?periodId=${periodId}`);
    expect(seen.body.items.every((r: { status: string }) => r.status === 'approved')).toBe(true);
    expect((await observer.post(`${base}/indicator-reports/${own.body.id}/approve`)).status).toBe(403);
    expect((await school2.http.post(`${base}/indicator-reports/${own.body.id}/approve`)).status).toBe(403);

    await school2.http.post(`${base}/indicator-reports/${own.body.id}/submit`);
    const bulk = await sec.post(`${base}/indicator-reports/approvals`, {
      body: { reportIds: [own.body.id, own.body.id, cid] },
    });
    expect(bulk.body).toEqual({ approved: [own.body.id], refused: [{ reportId: cid, reason: 'not found' }] });
  });

  it.each([
    ['a text for a count', 'D4.1', 'many', 'value'],
    ['a fraction for a count', 'D4.1', 2.5, 'value'],
    ['a negative count', 'D4.1', -1, 'value'],
    ['a percent above its bound', 'D4.3', 140, 'value'],
  ])('refuses %s with 422 naming the field', async (_label, pointCode, value, field) => {
    const response = await report(school1.http, pointCode, value);
    expect(response.status).toBe(422);
    expect(response.body.details).toMatchObject({ code: 'invalid_value', field });
  });

  it('locks entry after the due date and grace, names the reason, and opens again for an extension', async () => {
    const clock = stack.api.get(Clock);
    try {
      clock.travelTo(new Date(`${chinaToday(37)}T10:00:00+08:00`));
      const late = await report(school1.http, 'D4.3w', 100);
      expect(late.status).toBe(423);
      expect(late.body.details.reason).toBe('past_due');
      expect(late.body.message).toContain('the secretariat can extend it');
      await sec.post(`${base}/indicator-periods/${periodId}/extensions`, {
        body: { organizationId: org.school1, openUntil: chinaToday(40) },
      });
      expect((await report(school1.http, 'D4.3w', 100)).status).toBe(201);
      expect((await report(school2.http, 'D4.3w', 300)).status).toBe(423);
    } finally {
      clock.travelTo(new Date());
    }
    expect((await report(school2.http, 'D4.3w', 300)).status).toBe(201);
  });

  it('rolls the period up into values, statuses and scores, with auto points traced to their rows', async () => {
    // Weighted mean of D4.3 by each school's graduates (D4.3w): (70 × 100 + 50 × 300) / 400 = 55.
    for (const [who, value] of [
      [school1, 70],
      [school2, 50],
    ] as const) {
      const created = await report(who.http, 'D4.3', value);
      await who.http.post(`${base}/indicator-reports/${created.body.id}/submit`);
    }
    const all = await sec.get(`${base}/indicator-reports?periodId=${periodId}&status=draft&limit=200`);
    for (const draft of all.body.items) await sec.post(`${base}/indicator-reports/${draft.id}/submit`);
    const submitted = await sec.get(`${base}/indicator-reports?periodId=${periodId}&status=submitted&limit=200`);
    await sec.post(`${base}/indicator-reports/approvals`, {
      body: { reportIds: submitted.body.items.map((r: { id: string }) => r.id) },
    });

    const done = await rollUp();
    expect(done.result).toMatchObject({ passed: true });
    const tree = (await scores()).body;
    expect(find(tree.nodes, 'D4.1')).toMatchObject({ value: 8, target: 6, status: 'exceeded', score: 100 });
    expect(find(tree.nodes, 'D4.3').value).toBeCloseTo(55, 9);
    expect(find(tree.nodes, 'D4.3')).toMatchObject({ target: 60, expected: 2, approved: 2 });
    // Auto points: two member schools of 高职 (including 职业本科).
    expect(find(tree.nodes, 'D2.2')).toMatchObject({ value: 2, target: 2, status: 'completed' });
    expect(find(tree.nodes, 'D3.1')).toMatchObject({ value: false, target: true });
    expect(tree.overall).toMatchObject({ passed: true, vetoFailed: [] });
    expect(tree.overall.score).toBeGreaterThan(0);

    const drill = await observer.get(`${base}/indicator-scores/points/D4.1?periodId=${periodId}`);
    expect(drill.status).toBe(200);
    expect(
      drill.body.reports.map((r: { organizationName: string; value: number }) => [r.organizationName, r.value]),
    ).toEqual([
      ['第一职业技术学院', 4],
      ['第二职业技术大学', 4],
    ]);
    const source = await sec.get(`${base}/indicator-scores/points/D2.2?periodId=${periodId}`);
    expect(source.body.sourceRows.map((r: { label: string }) => r.label)).toEqual([
      '第一职业技术学院',
      '第二职业技术大学',
    ]);
    const weighted = await sec.get(`${base}/indicator-scores/points/D4.3?periodId=${periodId}`);
    expect(weighted.body.parts).toEqual([{ code: 'D4.3w', value: 400 }]);
  });

  it('re-rolls after an approval: a veto point that fails fails the consortium; snapshots compare', async () => {
    const before = (await scores()).body;
    const incident = await report(sec, 'D7.1', true);
    expect(incident.status).toBe(201);
    await sec.post(`${base}/indicator-reports/${incident.body.id}/submit`);
    await sec.post(`${base}/indicator-reports/${incident.body.id}/approve`);
    const after = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const tree = (await scores()).body;
        if (tree.rollupId !== before.rollupId) return tree;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no incremental roll-up');
    })();
    expect(after.overall).toMatchObject({ passed: false, vetoFailed: ['D7.1'] });
    expect(find(after.nodes, 'D7.1')).toMatchObject({ value: true, target: false, vetoFailed: true });
    expect(find(after.nodes, 'D4.1').value).toBe(8);
    const snapshots = await sec.get(`${base}/indicator-rollups?periodId=${periodId}`);
    expect(snapshots.body.items[0]).toMatchObject({ kind: 'incremental', triggerPoint: 'D7.1', passed: false });
    const compared = await sec.get(`${base}/indicator-rollups/${after.rollupId}/compare?with=${before.rollupId}`);
    expect(compared.body.changed.map((c: { code: string }) => c.code)).toEqual(['D7.1']);
  });
});
