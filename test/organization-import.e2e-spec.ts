import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { creditCodeCheckCharacter } from '@chanjiao/consortia/domain/credit-code';
import { MAX_IMPORT_ROWS } from '@chanjiao/consortia/services/organization-sheet';
import {
  addPerson,
  eventually,
  HttpClient,
  insertConsortium,
  JobStatusBody,
  startTestStack,
  TestPerson,
  TestStack,
  xlsxBomb,
} from '@chanjiao/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '单位名称',
  '英文名称',
  '单位类型',
  '统一社会信用代码',
  '所在区县',
  '详细地址',
  '行业代码',
  '行业名称',
  '企业规模',
  '龙头企业',
  '产教融合型企业',
  '双高学校',
  '联系人',
  '联系人职务',
  '联系电话',
  '联系邮箱',
];
const ROWS = 5_000;
/** The three bad rows of the big file, by spreadsheet row number (header = row 1). */
const BAD_CHECK_DIGIT_ROW = 102;
const NO_CODE_ROW = 2002;
const DUPLICATE_NAME_ROW = 4002;
const DUPLICATED_ROW = 12;

function creditCode(n: number): string {
  const body = `91320594${String(n).padStart(9, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** Spreadsheet row `row` (2…5001) of the generated file. */
function sampleRow(row: number): string[] {
  const n = row - 1;
  const school = n % 5 === 0;
  const cells = [
    `测试成员单位${String(n).padStart(5, '0')}`,
    `Test Organization ${n}`,
    school ? '高职专科院校' : '企业',
    school ? '' : creditCode(n),
    ['吴中区', '相城区', '工业园区'][n % 3],
    `苏州市星湖街${n}号`,
    school ? '' : 'C3484',
    school ? '' : '机械化农业及园艺机具制造',
    school ? '' : ['大型', '中型', '小型', '微型'][n % 4],
    n % 7 === 0 ? '是' : '否',
    n % 11 === 0 ? '是' : '',
    school && n % 2 === 0 ? '是' : '否',
    `联系人${n}`,
    '办公室主任',
    `0512-${String(60000000 + n)}`,
    `contact${n}@example.cn`,
  ];
  if (row === BAD_CHECK_DIGIT_ROW) {
    const good = creditCode(n);
    cells[3] = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  }
  if (row === NO_CODE_ROW) cells[3] = '';
  if (row === DUPLICATE_NAME_ROW) cells[0] = sampleRow(DUPLICATED_ROW)[0];
  return cells;
}

async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('成员单位');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The result of an import refused whole for a problem of the file (row 0): nothing counted, nothing written. */
function refusedFile(reason: string, reasonZh: string) {
  return {
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    errors: [{ row: 0, column: null, reason, reasonZh }],
  };
}

async function readWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as never);
  return book;
}

const texts = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));

interface Download {
  status: number;
  headers: Headers;
  file: Buffer;
}

async function download(client: HttpClient, path: string): Promise<Download> {
  const response = await fetch(`${client.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${client.accessToken}` },
  });
  return { status: response.status, headers: response.headers, file: Buffer.from(await response.arrayBuffer()) };
}

async function upload(client: HttpClient, path: string, body: Buffer | string, contentType: string) {
  const response = await fetch(`${client.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.accessToken}`, 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('member organization import and export', () => {
  let stack: TestStack;
  let owner: Client;
  let cid: string;
  let base: string;
  let secretariat: TestPerson;
  let member: TestPerson;
  let bigFile: Buffer;

  beforeAll(async () => {
    // A small global body limit: the import route has its own.
    stack = await startTestStack({ env: { BODY_LIMIT_BYTES: String(64 * 1024) } });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    [secretariat, member] = await Promise.all([
      addPerson(stack.admin, cid, 'secretariat'),
      addPerson(stack.admin, cid, 'member'),
    ]);
    base = `/api/v1/consortia/${cid}/organizations`;
    bigFile = await workbook(Array.from({ length: ROWS }, (_, i) => sampleRow(i + 2)));
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
  });

  const countOrganizations = async () =>
    (await owner.query('SELECT count(*)::int AS n FROM organization WHERE consortium_id = $1', [cid])).rows[0].n;

  /** Uploads, then polls the job to completion, keeping every progress value seen. */
  async function runImport(file: Buffer | string, contentType: string, mode: string) {
    const accepted = await upload(secretariat.http, `${base}/import?mode=${mode}`, file, contentType);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      jobId: expect.any(String),
      name: 'consortia.import-organizations',
      statusUrl: `/api/v1/jobs/${accepted.body.jobId}`,
    });
    const progress: number[] = [];
    const done = await eventually(async () => {
      const status = await secretariat.http.get<JobStatusBody>(accepted.body.statusUrl);
      expect(status.status).toBe(200);
      progress.push(status.body.progress);
      if (status.body.state === 'failed') throw new Error(`import failed: ${status.body.failedReason}`);
      return status.body.state === 'completed' ? status.body : undefined;
    }, 60_000);
    return { jobId: accepted.body.jobId as string, done, progress };
  }

  it('serves the template: zh-CN headers and a sheet of allowed values', async () => {
    const response = await download(secretariat.http, `${base}/import-template`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="organization-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('成员单位导入模板.xlsx')}`,
    );
    const book = await readWorkbook(response.file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['成员单位', '填写说明']);
    expect(texts(book.worksheets[0].getRow(1))).toEqual(HEADERS);
    const help = JSON.stringify(book.worksheets[1].getSheetValues());
    for (const label of [
      '企业',
      'Enterprise',
      '高职专科院校',
      'Higher vocational college',
      '微型',
      'Micro',
      '是',
      '否',
    ]) {
      expect(help).toContain(label);
    }
  });

  it('all_or_nothing: a 5,000-row file with three bad rows imports nothing and names exactly those rows', async () => {
    expect(bigFile.length).toBeGreaterThan(64 * 1024);
    const before = await countOrganizations();
    const { done, progress } = await runImport(bigFile, XLSX, 'all_or_nothing');
    expect(done.progress).toBe(100);
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes back
    expect(done.result).toEqual({
      total: ROWS,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 3,
      errors: [
        {
          row: BAD_CHECK_DIGIT_ROW,
          column: '统一社会信用代码',
          reason: expect.stringMatching(/check digit should be/),
          reasonZh: expect.stringMatching(/^统一社会信用代码校验位应为/),
        },
        { row: NO_CODE_ROW, column: '统一社会信用代码', reason: 'is required for enterprises', reasonZh: '企业必填' },
        {
          row: DUPLICATE_NAME_ROW,
          column: '单位名称',
          reason: `the same name as row ${DUPLICATED_ROW}`,
          reasonZh: `与第 ${DUPLICATED_ROW} 行单位名称相同`,
        },
      ],
    });
    expect(await countOrganizations()).toBe(before);
  });

  it('valid_rows_only imports the other 4,997 rows (one summary audit entry); the same file again changes nothing', async () => {
    const before = await countOrganizations();
    const first = await runImport(bigFile, XLSX, 'valid_rows_only');
    expect(first.done.result).toMatchObject({ total: ROWS, created: ROWS - 3, updated: 0, unchanged: 0, failed: 3 });
    expect((first.done.result as { errors: unknown[] }).errors).toHaveLength(3);
    expect(await countOrganizations()).toBe(before + ROWS - 3);

    const sample = await owner.query(
      `SELECT type, credit_code, size, leading_enterprise, contacts, membership_status FROM organization
        WHERE consortium_id = $1 AND name = $2`,
      [cid, sampleRow(8)[0]],
    );
    expect(sample.rows[0]).toEqual({
      type: 'enterprise',
      credit_code: creditCode(7),
      size: 'micro',
      leading_enterprise: true,
      contacts: [{ name: '联系人7', title: '办公室主任', phone: '0512-60000007', email: 'contact7@example.cn' }],
      membership_status: 'applied',
    });
    const events = await owner.query(
      `SELECT count(*)::int AS n FROM organization_membership_event e JOIN organization o ON o.id = e.organization_id
        WHERE o.consortium_id = $1 AND o.name LIKE '测试成员单位%' AND e.to_status = 'applied'`,
      [cid],
    );
    expect(events.rows[0].n).toBe(ROWS - 3);

    const updatedAt = (
      await owner.query('SELECT max(updated_at) AS t FROM organization WHERE consortium_id = $1', [cid])
    ).rows[0].t;
    const again = await runImport(bigFile, XLSX, 'valid_rows_only');
    expect(again.done.result).toMatchObject({ total: ROWS, created: 0, updated: 0, unchanged: ROWS - 3, failed: 3 });
    expect(await countOrganizations()).toBe(before + ROWS - 3);
    const updatedAtAfter = (
      await owner.query('SELECT max(updated_at) AS t FROM organization WHERE consortium_id = $1', [cid])
    ).rows[0].t;
    expect(updatedAtAfter).toEqual(updatedAt);

    const audit = await owner.query(
      `SELECT action, actor_user_id, changes FROM audit_log WHERE consortium_id = $1 AND action LIKE 'consortia.organization.%'
        AND action <> 'consortia.organization.created' ORDER BY id`,
      [cid],
    );
    expect(audit.rows.map((r) => [r.action, r.actor_user_id, r.changes.created, r.changes.unchanged])).toEqual([
      ['consortia.organization.imported', secretariat.userId, 0, 0],
      ['consortia.organization.imported', secretariat.userId, ROWS - 3, 0],
      ['consortia.organization.imported', secretariat.userId, 0, ROWS - 3],
    ]);
    expect(audit.rows[1].changes).toMatchObject({ mode: 'valid_rows_only', format: 'xlsx', failed: 3, updated: 0 });
  });

  it('imports csv (UTF-8 with BOM, quoted fields): updates by credit code, creates the rest', async () => {
    const existing = sampleRow(3);
    const line = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    const csv =
      '\uFEFF' +
      [
        HEADERS.join(','),
        line([existing[0], 'Renamed, Ltd.', '企业', existing[3], '', '', '', '', '大型', '是']),
        line([
          '新建研究院',
          '',
          '科研机构',
          '',
          '工业园区',
          '"若水"路 1 号',
          '',
          '',
          '',
          '',
          '',
          '',
          '王研究员',
          '',
          '',
          '',
        ]),
        line(['坏行', '', '公司']),
      ].join('\r\n') +
      '\r\n';
    const { done } = await runImport(csv, 'text/csv; charset=utf-8', 'valid_rows_only');
    expect(done.result).toEqual({
      total: 3,
      created: 1,
      updated: 1,
      unchanged: 0,
      failed: 1,
      errors: [
        {
          row: 4,
          column: '单位类型',
          reason: expect.stringMatching(/'公司' is not an organization type/),
          reasonZh: expect.stringMatching(/^“公司”不是单位类型/),
        },
      ],
    });
    const rows = await owner.query(
      `SELECT name, name_en, size, leading_enterprise, district, address, contacts FROM organization
        WHERE consortium_id = $1 AND name = ANY($2) ORDER BY name_en NULLS LAST`,
      [cid, [existing[0], '新建研究院']],
    );
    expect(rows.rows).toEqual([
      {
        name: existing[0],
        name_en: 'Renamed, Ltd.',
        size: 'large',
        leading_enterprise: true,
        district: existing[4], // empty cell: unchanged
        address: existing[5],
        contacts: [{ name: '联系人2', title: '办公室主任', phone: '0512-60000002', email: 'contact2@example.cn' }],
      },
      {
        name: '新建研究院',
        name_en: null,
        size: null,
        leading_enterprise: false,
        district: '工业园区',
        address: '"若水"路 1 号',
        contacts: [{ name: '王研究员' }],
      },
    ]);
  });

  it('exports every organization as xlsx; the export reads back with the same names and codes and imports as unchanged', async () => {
    const response = await download(member.http, `${base}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="organizations-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
    );
    const sheet = (await readWorkbook(response.file)).worksheets[0];
    expect(texts(sheet.getRow(1))).toEqual([...HEADERS, '成员状态']);
    const exported: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(`${row.getCell(1).text}|${row.getCell(4).text}`);
    });
    const stored = await owner.query(
      `SELECT name || '|' || coalesce(credit_code, '') AS key FROM organization WHERE consortium_id = $1`,
      [cid],
    );
    expect(exported.sort()).toEqual(stored.rows.map((r) => r.key).sort());
    expect(exported.length).toBe(ROWS - 3 + 2); // plus the csv's new one and the member's own organization
    const statuses = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && statuses.add(row.getCell(17).text));
    expect([...statuses]).toEqual(['申请中']);

    const filtered = await download(member.http, `${base}/export?type=research_institute`);
    const filteredSheet = (await readWorkbook(filtered.file)).worksheets[0];
    expect(filteredSheet.actualRowCount).toBe(2);
    expect(filteredSheet.getRow(2).getCell(1).text).toBe('新建研究院');

    const roundTrip = await runImport(response.file, XLSX, 'all_or_nothing');
    expect(roundTrip.done.result).toEqual({
      total: exported.length,
      created: 0,
      updated: 0,
      unchanged: exported.length,
      failed: 0,
      errors: [],
    });
  });

  it('refuses what is not an xlsx or csv upload', async () => {
    const json = await secretariat.http.post(`${base}/import`, { body: {} });
    expect(json.status).toBe(415);
    const notXlsx = await upload(secretariat.http, `${base}/import`, 'hello', XLSX);
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.message).toMatch(/not an xlsx workbook/);
    const badMode = await upload(secretariat.http, `${base}/import?mode=sometimes`, 'a,b', 'text/csv');
    expect(badMode.status).toBe(400);
    const tooLarge = await upload(secretariat.http, `${base}/import`, Buffer.alloc(20 * 1024 * 1024 + 1), 'text/csv');
    expect(tooLarge.status).toBe(413);
    // Other routes do not take spreadsheets.
    const elsewhere = await upload(secretariat.http, base, bigFile.subarray(0, 1000), XLSX);
    expect(elsewhere.status).toBe(415);
  });

  it('refuses a zip bomb at once (413 workbook_too_large, en + zh-CN), storing and queuing nothing', async () => {
    const storedPath = (file: Buffer) =>
      join(
        stack.config.paths.storageDir,
        'imports/organizations',
        cid,
        `${createHash('sha256').update(file).digest('hex')}.xlsx`,
      );
    expect(existsSync(storedPath(bigFile))).toBe(true); // imported above: where accepted uploads go
    const jobsBefore = (
      await owner.query('SELECT count(*)::int AS n FROM outbox_message WHERE consortium_id = $1', [cid])
    ).rows[0].n;
    // Declares (and really inflates to) 65 MiB of sheet XML in well under 1 MiB of upload.
    const declaredBomb = await xlsxBomb(HEADERS, 65 * 1024 * 1024);
    // Declares 1,000 bytes for 2 MiB of sheet XML: only counting while inflating catches it.
    const lyingBomb = await xlsxBomb(HEADERS, 2 * 1024 * 1024, 1000);
    for (const [bomb, problem, reason] of [
      [declaredBomb, 'unpacks_too_large', /unpacks to more than 64 MiB/],
      [lyingBomb, 'size_mismatch', /sheet1\.xml inflates to more than the 1000 bytes its zip entry declares/],
    ] as const) {
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const refused = await upload(secretariat.http, `${base}/import`, bomb, XLSX);
      expect(refused.status).toBe(413);
      expect(refused.body.message).toMatch(reason);
      expect(refused.body.details).toEqual({
        code: 'workbook_too_large',
        problem,
        reasonZh: expect.stringMatching(/^工作簿被拒绝：/),
      });
      expect(existsSync(storedPath(bomb))).toBe(false);
    }
    const damaged = await upload(
      secretariat.http,
      `${base}/import`,
      Buffer.from('PK\u0003\u0004 and nothing else'),
      XLSX,
    );
    expect(damaged.status).toBe(400);
    expect(damaged.body.message).toMatch(/not an xlsx workbook: the zip structure cannot be read/);
    const jobsAfter = (
      await owner.query('SELECT count(*)::int AS n FROM outbox_message WHERE consortium_id = $1', [cid])
    ).rows[0].n;
    expect(jobsAfter).toBe(jobsBefore);
  });

  it(`reports a file of more than ${MAX_IMPORT_ROWS} data rows as too many rows, writing nothing`, async () => {
    const before = await countOrganizations();
    const csv = [
      '单位名称,单位类型',
      ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `超限单位${i},其他`),
    ].join('\n');
    const { done } = await runImport(csv, 'text/csv', 'valid_rows_only');
    expect(done.result).toEqual(
      refusedFile(`too many rows: at most ${MAX_IMPORT_ROWS} per file`, `行数过多：每个文件最多 ${MAX_IMPORT_ROWS} 行`),
    );
    expect(await countOrganizations()).toBe(before);
  });

  it('says so when a file has no data rows (the template sent back unfilled; a csv of its header), in zh-CN too', async () => {
    const template = await download(secretariat.http, `${base}/import-template`);
    const headerOnly = `\ufeff${HEADERS.join(',')}\r\n,,,\r\n`;
    for (const [file, type] of [
      [template.file, XLSX],
      [headerOnly, 'text/csv'],
    ] as const) {
      const before = await countOrganizations();
      const { done } = await runImport(file, type, 'valid_rows_only');
      expect(done.result).toEqual(
        refusedFile(
          'the file has no data rows: fill in one organization per row from row 2 (row 1 is the header)',
          '文件中没有数据行：请从第 2 行起每行填写一个单位（第 1 行为表头）',
        ),
      );
      expect(await countOrganizations()).toBe(before);
    }
  });

  it('answers 415 naming the types a route accepts', async () => {
    const SHEETS = [XLSX, 'text/csv'];
    const text = await upload(secretariat.http, `${base}/import`, 'a,b', 'text/plain');
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({
      message: `Unsupported content type "text/plain": this route accepts ${XLSX} or text/csv`,
      details: { accepted: SHEETS },
    });
    const json = await secretariat.http.post(`${base}/import`, { body: {} });
    expect(json.status).toBe(415);
    expect(json.body.message).toContain('text/csv');
    expect(json.body.details).toEqual({ accepted: SHEETS });
    const sheetToJsonRoute = await upload(secretariat.http, base, 'a,b', 'text/csv');
    expect(sheetToJsonRoute.status).toBe(415);
    expect(sheetToJsonRoute.body).toMatchObject({
      message: 'Unsupported content type "text/csv": this route accepts application/json',
      details: { accepted: ['application/json'] },
    });
  });

  it('lets members export but not import or fetch the template (403)', async () => {
    const imported = await upload(member.http, `${base}/import?mode=valid_rows_only`, bigFile, XLSX);
    expect(imported.status).toBe(403);
    expect(imported.body.details).toMatchObject({ permission: 'organizations:write' });
    expect((await download(member.http, `${base}/import-template`)).status).toBe(403);
    expect((await download(member.http, `${base}/export`)).status).toBe(200);
  });
});
