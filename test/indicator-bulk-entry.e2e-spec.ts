import ExcelJS from 'exceljs';
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bulk entry (批量填报) through HTTP: the xlsx template of an organization's points, filled
 * in and uploaded back as a job (202, progress, a row error report), entered through the
 * same rules as single reports, members limited to their own organization.
 */
describe('indicator bulk entry', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let sec: HttpClient;
  let school: TestPerson;
  let enterprise: TestPerson;
  let periodId: string;
  const org: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}`;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    for (const [key, body] of Object.entries({
      school: { type: 'higher_vocational', name: '第一职业技术学院' },
      enterprise: { type: 'enterprise', name: '智造科技有限公司', creditCode: '91350100M000100Y43' },
    })) {
      const created = await sec.post(`${base}/organizations`, { body });
      org[key] = created.body.id;
      await sec.post(`${base}/organizations/${org[key]}/membership-transitions`, {
        body: { to: 'active', effectiveOn: chinaToday(-100) },
      });
    }
    school = await addPerson(stack.admin, cid, 'member', org.school);
    enterprise = await addPerson(stack.admin, cid, 'member', org.enterprise);
    const frameworks = await sec.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
    const period = await sec.post(`${base}/indicator-periods`, {
      body: {
        name: '批量填报测试',
        frameworkId: frameworks.body.items[0].id,
        startsOn: chinaToday(-60),
        endsOn: chinaToday(300),
        dueOn: chinaToday(200),
      },
    });
    periodId = period.body.id;
  });

  afterAll(() => stack?.close());

  const download = async (who: HttpClient, query = '') => {
    const response = await fetch(`${who.baseUrl}${base}/indicator-periods/${periodId}/report-template${query}`, {
      headers: { authorization: `Bearer ${who.accessToken}` },
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  const open = async (file: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    return workbook;
  };
  const codesOf = (sheet: ExcelJS.Worksheet) => {
    const codes: string[] = [];
    sheet.eachRow((row, index) => {
      if (index > 1) codes.push(String(row.getCell(1).value));
    });
    return codes;
  };
  const upload = (who: HttpClient, file: Buffer, query = '') =>
    fetch(`${who.baseUrl}${base}/indicator-periods/${periodId}/report-imports${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.accessToken}`, 'content-type': XLSX },
      body: new Uint8Array(file),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('gives each organization a template of the points it reports, and only its own', async () => {
    const mine = await download(school.http);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe(XLSX);
    expect(mine.headers.get('content-disposition')).toContain(encodeURIComponent('批量填报-第一职业技术学院.xlsx'));
    const sheet = (await open(mine.body)).worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('观测点编码');
    expect(codesOf(sheet).sort()).toEqual(['D2.5', 'D4.1', 'D4.2', 'D4.3', 'D4.3w', 'D5.1', 'D5.2']);

    const theirs = await download(enterprise.http);
    expect(codesOf((await open(theirs.body)).worksheets[0])).toEqual(['D6.2']);
    const foreign = await download(school.http, `?organizationId=${org.enterprise}`);
    expect(foreign.status).toBe(403);
    const secretariatOwn = await download(sec);
    expect(codesOf((await open(secretariatOwn.body)).worksheets[0])).toEqual(
      expect.arrayContaining(['D1.1', 'D3.3', 'D6.1', 'D7.1']),
    );
    const forSchool = await download(sec, `?organizationId=${org.school}`);
    expect(codesOf((await open(forSchool.body)).worksheets[0])).toHaveLength(7);
  });

  it('imports the filled-in template as a job, reporting each refused row by row and column', async () => {
    const workbook = await open((await download(school.http)).body);
    const sheet = workbook.worksheets[0];
    const rowOf: Record<string, number> = {};
    sheet.eachRow((row, index) => {
      if (index > 1) rowOf[String(row.getCell(1).value)] = index;
    });
    const fill = (code: string, value: unknown, note?: string) => {
      sheet.getRow(rowOf[code]).getCell(6).value = value as ExcelJS.CellValue;
      if (note) sheet.getRow(rowOf[code]).getCell(7).value = note;
    };
    fill('D4.1', 3, '与两所中职学校开展3+2');
    fill('D4.3', '一百二');
    fill('D4.3w', 120);
    fill('D4.2', '1,250');
    fill('D2.5', 2); // needs evidence: entered, but refused for submission
    const extra = sheet.addRow(['X9.9', '不存在', '', '', '', 5]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const accepted = await upload(school.http, file, '?submit=true');
    expect(accepted.status).toBe(202);
    const job: any = await waitForJobState(school.http, accepted.body.jobId, 'completed');
    expect(job.progress).toBe(100);
    expect(job.result).toMatchObject({ total: 8, created: 4, updated: 0, skipped: 2, submitted: 3, failed: 3 });
    expect(job.result.errors).toEqual([
      expect.objectContaining({
        row: rowOf['D2.5'],
        pointCode: 'D2.5',
        column: null,
        reasonZh: expect.stringContaining('佐证材料'),
      }),
      expect.objectContaining({
        row: rowOf['D4.3'],
        pointCode: 'D4.3',
        column: '填报值',
        reasonZh: expect.stringContaining('不是数字'),
      }),
      expect.objectContaining({ row: extra.number, pointCode: 'X9.9', column: '观测点编码' }),
    ]);

    const reports = await school.http.get(`${base}/indicator-reports?periodId=${periodId}&limit=50`);
    const byCode = Object.fromEntries(reports.body.items.map((r: any) => [r.pointCode, r]));
    expect(byCode['D4.1']).toMatchObject({ value: 3, status: 'submitted', note: '与两所中职学校开展3+2' });
    expect(byCode['D4.2']).toMatchObject({ value: 1250, status: 'submitted' });
    expect(byCode['D4.3w']).toMatchObject({ value: 120, status: 'submitted' });
    // A refused submission keeps the value entered, as a draft; a refused value enters nothing.
    expect(byCode['D2.5']).toMatchObject({ value: 2, status: 'draft' });
    expect(byCode['D4.3']).toBeUndefined();

    // The same file again changes nothing (a retried job neither).
    const again: any = await waitForJobState(
      school.http,
      (await upload(school.http, file, '?submit=true')).body.jobId,
      'completed',
    );
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 4, submitted: 0, failed: 3 });
  });

  it('keeps members to their own organization and refuses what is not the template', async () => {
    const file = (await download(school.http)).body;
    const foreign = await upload(school.http, file, `?organizationId=${org.enterprise}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.details.code).toBe('own_organization_only');

    // The school's template uploaded by the enterprise: refused as a whole, nothing entered.
    const swapped: any = await waitForJobState(
      enterprise.http,
      (await upload(enterprise.http, file)).body.jobId,
      'completed',
    );
    expect(swapped.result.errors[0]).toMatchObject({ row: 0, reasonZh: expect.stringContaining('其他单位') });
    expect(swapped.result.created).toBe(0);

    const json = await sec.post(`${base}/indicator-periods/${periodId}/report-imports`, { body: { rows: [] } });
    expect(json.status).toBe(415);
    const notXlsx = await sec.post(`${base}/indicator-periods/${periodId}/report-imports`, {
      rawBody: 'code,value\nD1.1,3',
      headers: { 'content-type': XLSX },
    });
    expect(notXlsx.status).toBe(400);
  });
});
