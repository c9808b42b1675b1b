import ExcelJS from 'exceljs';
import { followUpJobId, JobName } from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import {
  addPerson,
  chinaToday,
  insertConsortium,
  pdfText,
  startTestStack,
  TestStack,
  waitForJobState,
} from '@chanjiao/testing';

/**
 * The demo's reporting period, seeded as the last link of the demo chain (consortium →
 * users → indicators), dated from the clock, with reports in every state and a roll-up;
 * and the self-assessment report (建设自评报告) of that period as xlsx and PDF, zh-CN and en.
 */
describe('indicators demo and self-assessment report', () => {
  let stack: TestStack;
  let base: string;
  let periodId: string;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(() => stack?.close());

  it('seeds an open period with reports in every state and a roll-up, once', async () => {
    const accepted = await stack.admin.post('/api/v1/demo/seed');
    const parent: any = await waitForJobState(stack.admin, accepted.body.jobId, 'completed');
    const consortiumId = parent.result.consortiumId as string;
    base = `/api/v1/consortia/${consortiumId}`;
    // The consortium seed chains the indicators demo with an id derived from its own.
    const demo: any = await waitForJobState(
      stack.admin,
      followUpJobId(parent.id, JobName.SeedDemoIndicators),
      'completed',
      60_000,
    );
    expect(demo.result).toMatchObject({ consortiumId, periodId: expect.any(String), rollupId: expect.any(String) });
    expect(demo.result.reports).toBeGreaterThan(20);
    periodId = demo.result.periodId;

    const period = (await stack.admin.get(`${base}/indicator-periods/${periodId}`)).body;
    expect(period).toMatchObject({ status: 'open', name: `${chinaToday().slice(0, 4)}年度建设自评（演示）` });
    expect(period.startsOn < chinaToday() && chinaToday() < period.dueOn).toBe(true);

    const reports = (await stack.admin.get(`${base}/indicator-reports?periodId=${periodId}&limit=200`)).body.items;
    expect(new Set(reports.map((r: { status: string }) => r.status))).toEqual(
      new Set(['draft', 'submitted', 'returned', 'approved']),
    );
    expect(reports.find((r: any) => r.status === 'returned').reviewComment).toContain('佐证材料');
    expect(reports.filter((r: any) => r.evidenceCount > 0).length).toBeGreaterThan(0);

    const tree = (await stack.admin.get(`${base}/indicator-scores?periodId=${periodId}`)).body;
    expect(tree.overall.score).toBeGreaterThan(0);
    expect(tree.overall.passed).toBe(true);

    // Seeding again leaves the period as it is.
    const again = await stack.admin.post('/api/v1/demo/seed');
    const parent2: any = await waitForJobState(stack.admin, again.body.jobId, 'completed');
    const demo2: any = await waitForJobState(
      stack.admin,
      followUpJobId(parent2.id, JobName.SeedDemoIndicators),
      'completed',
      60_000,
    );
    expect(demo2.result).toMatchObject({ periodId, reports: 0 });
    expect(DEMO_CONSORTIUM_ID).toBe(consortiumId);
  });

  it('exports the self-assessment report as an xlsx in the tiered layout, in zh-CN and en', async () => {
    const get = async (query: string) => {
      const response = await fetch(`${stack.http.baseUrl}${base}/indicator-scores/self-assessment${query}`, {
        headers: { authorization: `Bearer ${stack.admin.accessToken}` },
      });
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
    };
    const xlsx = await get(`?periodId=${periodId}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain(encodeURIComponent('建设自评报告-'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell(1, 1).value)).toContain('建设自评报告');
    expect(sheet.getRow(3).getCell(3).value).toBe('指标 / 观测点');
    const rows: Record<string, ExcelJS.Row> = {};
    sheet.eachRow((row, index) => {
      if (index > 3) rows[String(row.getCell(2).value)] = row;
    });
    expect(rows.D4.getCell(1).value).toBe('一级指标');
    expect(rows['D4.1'].getCell(1).value).toBe('观测点');
    const tree = (await stack.admin.get(`${base}/indicator-scores?periodId=${periodId}`)).body;
    const d41 = tree.nodes.find((n: any) => n.code === 'D4').children.find((n: any) => n.code === 'D4.1');
    expect(rows['D4.1'].getCell(7).value).toBe(d41.value);
    expect(rows['D4.1'].getCell(6).value).toBe(d41.target);

    const english = await get(`?periodId=${periodId}&lang=en`);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.body as unknown as ArrayBuffer);
    expect(String(en.worksheets[0].getCell(1, 1).value)).toContain('self-assessment report');
    expect(en.worksheets[0].getRow(3).getCell(3).value).toBe('Indicator / point');

    expect((await get(`?periodId=${periodId}&format=docx`)).status).toBe(400);
    expect((await get('')).status).toBe(400);
  });

  it('prints the self-assessment report as a PDF with the overall score and veto check', async () => {
    const response = await fetch(
      `${stack.http.baseUrl}${base}/indicator-scores/self-assessment?periodId=${periodId}&format=pdf`,
      { headers: { authorization: `Bearer ${stack.admin.accessToken}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('建设自评报告');
    expect(text).toContain('综合得分');
    expect(text).toContain('否定性指标：通过');
    expect(text).toContain('贯通培养、分段培养项目数');

    const en = await fetch(
      `${stack.http.baseUrl}${base}/indicator-scores/self-assessment?periodId=${periodId}&format=pdf&lang=en`,
      { headers: { authorization: `Bearer ${stack.admin.accessToken}` } },
    );
    const enText = pdfText(Buffer.from(await en.arrayBuffer()));
    expect(enText).toContain('Construction self-assessment report');
    expect(enText).toContain('Through and staged training projects');
  });

  it('gives platform admins one ranked overview across consortia, on the audited path, and nobody else', async () => {
    const other = (await insertConsortium(stack.db.ownerUrl)).id;
    const sec = (await addPerson(stack.admin, other, 'secretariat')).http;
    const otherBase = `/api/v1/consortia/${other}`;
    const frameworks = await sec.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
    const period = await sec.post(`${otherBase}/indicator-periods`, {
      body: {
        name: '第二联合体年度建设',
        frameworkId: frameworks.body.items[0].id,
        startsOn: chinaToday(-100),
        endsOn: chinaToday(100),
        dueOn: chinaToday(50),
      },
    });
    // A serious safety incident: the veto fails this consortium.
    const incident = await sec.post(`${otherBase}/indicator-reports`, {
      body: { periodId: period.body.id, pointCode: 'D7.1', value: true },
    });
    await sec.post(`${otherBase}/indicator-reports/${incident.body.id}/submit`);
    await sec.post(`${otherBase}/indicator-reports/${incident.body.id}/approve`);
    const rolled = await sec.post(`${otherBase}/indicator-rollups`, { body: { periodId: period.body.id } });
    await waitForJobState(sec, rolled.body.jobId, 'completed');

    const overview = await stack.admin.get('/api/v1/indicator-overview');
    expect(overview.status).toBe(200);
    const ids = overview.body.items.map((i: { consortiumId: string }) => i.consortiumId);
    expect(ids).toEqual(expect.arrayContaining([DEMO_CONSORTIUM_ID, other]));
    const demo = overview.body.items.find((i: any) => i.consortiumId === DEMO_CONSORTIUM_ID);
    const failing = overview.body.items.find((i: any) => i.consortiumId === other);
    expect(demo).toMatchObject({ periodId, passed: true, rank: 1 });
    expect(demo.composite).toBe(demo.score);
    expect(demo.dimensions.map((d: { code: string }) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']);
    expect(Object.values(demo.statusCounts).reduce((a: number, b: any) => a + b, 0)).toBeGreaterThan(10);
    expect(failing).toMatchObject({ passed: false, vetoFailed: ['D7.1'] });
    expect(failing.rank).toBeGreaterThan(demo.rank);

    const tree = (await stack.admin.get(`${base}/indicator-scores?periodId=${periodId}`)).body;
    const d4 = tree.nodes.find((n: any) => n.code === 'D4');
    const completion = (code: string) => Math.min(d4.children.find((n: any) => n.code === code).completion ?? 0, 1);
    const weighted = await stack.admin.get('/api/v1/indicator-overview?points=D4.1:3,D4.2');
    const demoWeighted = weighted.body.items.find((i: any) => i.consortiumId === DEMO_CONSORTIUM_ID);
    expect(weighted.body.weights).toEqual([
      { code: 'D4.1', weight: 3 },
      { code: 'D4.2', weight: 1 },
    ]);
    expect(demoWeighted.composite).toBeCloseTo(((3 * completion('D4.1') + completion('D4.2')) / 4) * 100, 6);

    const byName = await stack.admin.get(
      `/api/v1/indicator-overview?periodName=${encodeURIComponent('第二联合体年度建设')}`,
    );
    expect(byName.body.items.map((i: { consortiumId: string }) => i.consortiumId)).toEqual([other]);
    const bad = await stack.admin.get('/api/v1/indicator-overview?points=D4.1:x');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('points');
    expect((await sec.get('/api/v1/indicator-overview')).status).toBe(403);
  });
});
