import ExcelJS from 'exceljs';
import { creditCodeCheckCharacter } from '@chanjiao/consortia/domain/credit-code';
import {
  SAMPLE_OCCUPATIONS,
  SAMPLE_PROGRAMME_OCCUPATIONS,
  SAMPLE_PROGRAMMES,
} from '@chanjiao/programmes/demo/catalogue-sample';
import {
  addPerson,
  chinaToday,
  CSV_TYPE,
  HttpClient,
  importSampleCatalogue,
  insertConsortium,
  runUploadJob,
  startTestStack,
  TestPerson,
  TestStack,
  toCsv,
  uploadFile,
  XLSX_TYPE,
} from '@chanjiao/testing';

const year = Number(chinaToday().slice(0, 4));

async function createOrganization(admin: HttpClient, cid: string, type: string, name: string): Promise<string> {
  const creditCode = type === 'enterprise' ? `91320594${String(Date.now() % 1e9).padStart(9, '0')}` : undefined;
  const response = await admin.post(`/api/v1/consortia/${cid}/organizations`, {
    body: { type, name, ...(creditCode ? { creditCode: creditCode + creditCodeCheckCharacter(creditCode) } : {}) },
  });
  if (response.status !== 201) throw new Error(`organization: ${response.status} ${response.text}`);
  return response.body.id as string;
}

function fieldsOf(body: { details?: { fields?: Array<{ field: string }>; field?: string } }): string[] {
  return [...(body.details?.fields?.map((f) => f.field) ?? []), ...(body.details?.field ? [body.details.field] : [])];
}

describe('programme catalogue and school offerings', () => {
  let stack: TestStack;
  let cid: string;
  let base: string;
  let secretariat: TestPerson;
  let observer: TestPerson;
  let otherMember: TestPerson;
  let secondarySchool: string;
  let college: string;
  let otherCollege: string;
  let enterprise: string;
  let collegeMember: TestPerson;
  let enterpriseMember: TestPerson;

  beforeAll(async () => {
    stack = await startTestStack();
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    base = `/api/v1/consortia/${cid}/programme-offerings`;
    [secondarySchool, college, otherCollege, enterprise] = await Promise.all([
      createOrganization(stack.admin, cid, 'secondary_vocational', '苏州测试中等专业学校'),
      createOrganization(stack.admin, cid, 'higher_vocational', '苏州测试职业技术学院'),
      createOrganization(stack.admin, cid, 'higher_vocational', '苏州另一职业技术学院'),
      createOrganization(stack.admin, cid, 'enterprise', '苏州测试机器人有限公司'),
    ]);
    [secretariat, observer, collegeMember, otherMember, enterpriseMember] = await Promise.all([
      addPerson(stack.admin, cid, 'secretariat'),
      addPerson(stack.admin, cid, 'observer'),
      addPerson(stack.admin, cid, 'member', college),
      addPerson(stack.admin, cid, 'member', otherCollege),
      addPerson(stack.admin, cid, 'member', enterprise),
    ]);
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('catalogue import', () => {
    it('refuses uploads from anyone but a platform admin', async () => {
      const csv = toCsv(SAMPLE_PROGRAMMES.header, SAMPLE_PROGRAMMES.rows);
      for (const person of [secretariat, collegeMember]) {
        expect(
          (await uploadFile(person.http, '/api/v1/catalogue/programmes/import?edition=2021', csv, CSV_TYPE)).status,
        ).toBe(403);
      }
    });

    it('asks for an edition while the list has none', async () => {
      const response = await uploadFile(stack.admin, '/api/v1/catalogue/programmes/import', 'a,b\r\n1,2\r\n', CSV_TYPE);
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toContain('edition');
    });

    it('imports the sample lists with progress and counts, then finds every row unchanged', async () => {
      const programmes = await runUploadJob(
        stack.admin,
        '/api/v1/catalogue/programmes/import?edition=2021',
        toCsv(SAMPLE_PROGRAMMES.header, SAMPLE_PROGRAMMES.rows),
      );
      expect(programmes.result).toMatchObject({
        list: 'programmes',
        edition: '2021',
        total: SAMPLE_PROGRAMMES.rows.length,
        created: SAMPLE_PROGRAMMES.rows.length,
        failed: 0,
        errors: [],
      });
      expect(programmes.progress).toBe(100);
      await importSampleCatalogue(stack.admin);
      const again = await runUploadJob(
        stack.admin,
        '/api/v1/catalogue/occupations/import?edition=2022',
        toCsv(SAMPLE_OCCUPATIONS.header, SAMPLE_OCCUPATIONS.rows),
      );
      expect(again.result).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: SAMPLE_OCCUPATIONS.rows.length,
        failed: 0,
      });
      const editions = await secretariat.http.get('/api/v1/catalogue/editions');
      expect(editions.status).toBe(200);
      expect(editions.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ list: 'programmes', edition: '2021', isCurrent: true }),
          expect.objectContaining({ list: 'occupations', edition: '2022', isCurrent: true }),
        ]),
      );
    });

    it('reports bad rows by row, column and reason, and writes the good ones', async () => {
      const rows = [
        ['999901', '测试专业甲', '高等职业教育专科', '99', '测试大类', '9999', '测试类', '否'],
        ['99990', '坏代码', '高等职业教育专科', '99', '测试大类', '9999', '测试类', '否'],
        ['999902', '层次不明', '博士', '99', '测试大类', '9999', '测试类', '否'],
        ['999903', '', '高等职业教育专科', '99', '测试大类', '9999', '测试类', '否'],
        ['999904', '不嵌套', '高等职业教育专科', '99', '测试大类', '9998', '测试类', '否'],
      ];
      const job = await runUploadJob(
        stack.admin,
        '/api/v1/catalogue/programmes/import?edition=test-bad&current=false',
        toCsv(SAMPLE_PROGRAMMES.header, rows),
      );
      expect(job.result).toMatchObject({ total: 5, created: 1, failed: 4 });
      const errors = (
        job.result as { errors: Array<{ row: number; column: string; reason: string; reasonZh: string }> }
      ).errors;
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [3, '专业代码'],
        [4, '专业层次'],
        [5, '专业名称'],
        [6, '专业类代码'],
      ]);
      expect(errors.every((e) => e.reason && e.reasonZh)).toBe(true);
      // Not made current: the 2021 catalogue still answers by default.
      const list = await secretariat.http.get('/api/v1/catalogue/programmes?q=9999');
      expect(list.body.items).toEqual([]);
      const explicit = await secretariat.http.get('/api/v1/catalogue/programmes?q=9999&edition=test-bad');
      expect(explicit.body.items.map((p: { code: string }) => p.code)).toEqual(['999901']);
    });

    it('reports mapping pairs whose codes the lists do not hold, without failing the file', async () => {
      const rows = [
        ['460305', '6-31-07-03'],
        ['460305', '9-99-99-99'],
        ['999999', '6-31-07-03'],
        ['460301', '2-02-07'],
      ];
      const job = await runUploadJob(
        stack.admin,
        '/api/v1/catalogue/programme-occupations/import',
        toCsv(['专业代码', '职业代码'], rows),
      );
      expect(job.result).toMatchObject({
        total: 4,
        failed: 2,
        unresolved: { programmeCodes: ['999999'], occupationCodes: ['9-99-99-99'] },
      });
      // The pairs already there count as unchanged; 2-02-07 is the 小类 2-02-07-00 (three segments accepted).
      const result = job.result as { created: number; unchanged: number };
      expect(result.created + result.unchanged).toBe(2);
    });
  });

  describe('search and browse', () => {
    it('finds programmes by code prefix and by Chinese name, with filters', async () => {
      const byPrefix = await observer.http.get('/api/v1/catalogue/programmes?q=4603');
      expect(byPrefix.status).toBe(200);
      expect(byPrefix.body.items.map((p: { code: string }) => p.code)).toEqual([
        '460301',
        '460303',
        '460305',
        '460306',
      ]);
      const byName = await observer.http.get(`/api/v1/catalogue/programmes?q=${encodeURIComponent('机器人')}`);
      expect(byName.body.items.map((p: { code: string; name: string }) => `${p.code} ${p.name}`)).toEqual([
        '260304 机器人技术',
        '460305 工业机器人技术',
        '660303 工业机器人技术应用',
      ]);
      const secondary = await observer.http.get(
        '/api/v1/catalogue/programmes?level=secondary_vocational&classCode=6603',
      );
      expect(secondary.body.items.map((p: { code: string }) => p.code)).toEqual([
        '660301',
        '660302',
        '660303',
        '660304',
      ]);
      const controlled = await observer.http.get('/api/v1/catalogue/programmes?nationalControl=true');
      expect(controlled.body.items).toEqual([expect.objectContaining({ code: '520101K', nationalControl: true })]);
      const paged = await observer.http.get('/api/v1/catalogue/programmes?limit=10');
      const rest = await observer.http.get(`/api/v1/catalogue/programmes?limit=100&cursor=${paged.body.nextCursor}`);
      expect(paged.body.items.length + rest.body.items.length).toBe(SAMPLE_PROGRAMMES.rows.length);
    });

    it('answers a programme with its occupations (职业面向)', async () => {
      const response = await observer.http.get('/api/v1/catalogue/programmes/460305');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        code: '460305',
        name: '工业机器人技术',
        level: 'higher_vocational',
        classCode: '4603',
        className: '自动化类',
        categoryName: '装备制造大类',
      });
      const expected = SAMPLE_PROGRAMME_OCCUPATIONS.rows.filter((r) => r[0] === '460305').map((r) => r[1]);
      expect(response.body.occupations.map((o: { code: string }) => o.code)).toEqual([...expected].sort());
      expect(response.body.occupations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: '6-31-07-03', name: '工业机器人系统操作员', isDigital: true }),
        ]),
      );
      expect((await observer.http.get('/api/v1/catalogue/programmes/123456')).status).toBe(404);
      const bad = await observer.http.get('/api/v1/catalogue/programmes/12345');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['programmeCode']);
      expect((await observer.http.get('/api/v1/catalogue/programmes/460305?edition=1999')).status).toBe(404);
    });

    it('browses the programme tree and the occupation tree', async () => {
      const tree = await observer.http.get('/api/v1/catalogue/programmes/tree?level=higher_vocational');
      expect(tree.status).toBe(200);
      const equipment = tree.body.categories.find((c: { code: string }) => c.code === '46');
      expect(equipment).toMatchObject({ name: '装备制造大类' });
      expect(equipment.classes).toEqual(
        expect.arrayContaining([{ code: '4603', name: '自动化类', programmeCount: 4 }]),
      );
      const roots = await observer.http.get('/api/v1/catalogue/occupations?parentCode=root');
      const expectedRoots = SAMPLE_OCCUPATIONS.rows.filter((r) => r[0] === '1').map((r) => r[1]);
      expect(roots.body.items.map((o: { code: string }) => o.code)).toEqual(expectedRoots.sort());
      const children = await observer.http.get('/api/v1/catalogue/occupations?parentCode=6-31-07-00');
      const expectedChildren = SAMPLE_OCCUPATIONS.rows
        .filter((r) => r[0] === '4' && r[1].startsWith('6-31-07-'))
        .map((r) => r[1]);
      expect(expectedChildren).toContain('6-31-07-03');
      expect(children.body.items.map((o: { code: string }) => o.code)).toEqual(expectedChildren.sort());
      const detail = await observer.http.get('/api/v1/catalogue/occupations/6-31-07-03');
      expect(detail.body).toMatchObject({ level: 4, parentCode: '6-31-07-00', isDigital: true, childCount: 0 });
      expect(detail.body.path.map((o: { code: string }) => o.code)).toEqual(['6-00-00-00', '6-31-00-00', '6-31-07-00']);
      expect(detail.body.mainTasks).toEqual(expect.stringContaining('工业机器人'));
      expect(detail.body.programmes.map((p: { code: string }) => p.code)).toEqual(
        expect.arrayContaining(['260304', '460305', '660303']),
      );
      const byName = await observer.http.get(
        `/api/v1/catalogue/occupations?q=${encodeURIComponent('工业机器人')}&level=4`,
      );
      expect(byName.body.items.map((o: { code: string }) => o.code)).toEqual(['6-31-07-01', '6-31-07-03']);
      const byCode = await observer.http.get('/api/v1/catalogue/occupations?q=2-02-07');
      expect(byCode.body.items.every((o: { code: string }) => o.code.startsWith('2-02-07'))).toBe(true);
      expect(byCode.body.items.length).toBeGreaterThan(1);
    });
  });

  describe('offerings', () => {
    const body = (overrides: Record<string, unknown> = {}) => ({
      programmeCode: '460305',
      startYear: 2018,
      enrolmentPlan: 120,
      studentsEnrolled: 340,
      expectedGraduates: [
        { year: year + 1, count: 110 },
        { year, count: 105 },
      ],
      skills: [' ＰＬＣ ', 'plc', '工业机器人编程', 'Python'],
      certificates: ['工业机器人操作与运维职业技能等级证书（1+X）'],
      trainingModes: ['order_class', 'internship'],
      ...overrides,
    });

    it('lets a school member add its own offering, normalising skills and sorting graduates', async () => {
      const created = await collegeMember.http.post(base, { body: { ...body(), partnerEnterpriseIds: [enterprise] } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        organizationId: college,
        catalogueEdition: '2021',
        programmeCode: '460305',
        programmeName: '工业机器人技术',
        level: 'higher_vocational',
        status: 'active',
        skills: ['plc', '工业机器人编程', 'python'],
        expectedGraduates: [
          { year, count: 105 },
          { year: year + 1, count: 110 },
        ],
        partnerEnterpriseIds: [enterprise],
      });
      const list = await observer.http.get(`${base}?skill=${encodeURIComponent('ＰＬＣ')}&graduatesIn=${year}`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
    });

    it('keeps members to their own organization and observers to reading', async () => {
      const forOther = await collegeMember.http.post(base, {
        body: body({ organizationId: otherCollege, programmeCode: '460301' }),
      });
      expect(forOther.status).toBe(403);
      const mine = (await collegeMember.http.get(`${base}?organizationId=${college}`)).body.items[0];
      const edit = await otherMember.http.patch(`${base}/${mine.id}`, { body: { enrolmentPlan: 1 } });
      expect(edit.status).toBe(403);
      expect(
        (await observer.http.post(base, { body: body({ organizationId: college, programmeCode: '460301' }) })).status,
      ).toBe(403);
      expect((await observer.http.patch(`${base}/${mine.id}`, { body: { enrolmentPlan: 1 } })).status).toBe(403);
      expect((await observer.http.get(`${base}/${mine.id}`)).status).toBe(200);
      const own = await collegeMember.http.patch(`${base}/${mine.id}`, {
        body: { enrolmentPlan: 130, status: 'upgrading' },
      });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ enrolmentPlan: 130, status: 'upgrading' });
      const bySecretariat = await secretariat.http.patch(`${base}/${mine.id}`, { body: { note: '秘书处核对' } });
      expect(bySecretariat.status).toBe(200);
      const enterpriseOwn = await enterpriseMember.http.post(base, { body: body({ programmeCode: '460301' }) });
      expect(enterpriseOwn.status).toBe(422);
      expect(fieldsOf(enterpriseOwn.body)).toContain('organizationId');
    });

    it('refuses a level the school does not run, unknown programmes and bad values, naming the field', async () => {
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ organizationId: secondarySchool, programmeCode: '460305' }, 422, 'programmeCode'],
        [{ organizationId: secondarySchool, programmeCode: '260304' }, 422, 'programmeCode'],
        [{ organizationId: college, programmeCode: '260304' }, 422, 'programmeCode'],
        [{ organizationId: college, programmeCode: '123456' }, 422, 'programmeCode'],
        [{ organizationId: enterprise, programmeCode: '460301' }, 422, 'organizationId'],
        [{ organizationId: college, programmeCode: '460301', startYear: 1800 }, 400, 'startYear'],
        [{ organizationId: college, programmeCode: '460301', enrolmentPlan: -1 }, 400, 'enrolmentPlan'],
        [{ organizationId: college, programmeCode: '460301', trainingModes: ['night_school'] }, 400, 'trainingModes'],
        [
          { organizationId: college, programmeCode: '460301', partnerEnterpriseIds: [secondarySchool] },
          422,
          'partnerEnterpriseIds',
        ],
        [{ organizationId: college, programmeCode: '460301', partnerSchoolIds: [college] }, 422, 'partnerSchoolIds'],
        [
          {
            organizationId: college,
            programmeCode: '460301',
            expectedGraduates: [
              { year, count: 1 },
              { year, count: 2 },
            ],
          },
          422,
          'expectedGraduates',
        ],
        [{ programmeCode: '460301' }, 422, 'organizationId'],
      ];
      for (const [overrides, status, field] of cases) {
        const response = await secretariat.http.post(base, { body: body(overrides) });
        expect({ overrides, status: response.status }).toEqual({ overrides, status });
        expect(fieldsOf(response.body).some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
      }
      const fits = await secretariat.http.post(base, {
        body: body({ organizationId: secondarySchool, programmeCode: '660303' }),
      });
      expect(fits.status).toBe(201);
    });

    it('holds one offering per school and programme under parallel requests', async () => {
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          secretariat.http.post(base, { body: body({ organizationId: otherCollege, programmeCode: '510201' }) }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(fieldsOf(responses.find((r) => r.status === 409)!.body)).toContain('programmeCode');
    });

    it('exports and imports a school sheet with a row report', async () => {
      const exported = await fetch(`${stack.http.baseUrl}${base}/export?organizationId=${college}`, {
        headers: { authorization: `Bearer ${collegeMember.http.accessToken}` },
      });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe(XLSX_TYPE);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await exported.arrayBuffer()) as never);
      const sheet = book.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe('专业代码');
      expect(sheet.getRow(2).getCell(1).value).toBe('460305');
      expect(String(sheet.getRow(2).getCell(7).value)).toBe(`${year}:105；${year + 1}:110`);
      expect(String(sheet.getRow(2).getCell(12).value)).toBe('苏州测试机器人有限公司');
      // Change one cell, add two rows (one fine, one at a level the college does not run), and import as valid rows only.
      sheet.getRow(2).getCell(5).value = '150';
      sheet.addRow([
        '460301',
        '',
        '2015',
        '正常招生',
        '100',
        '300',
        `${year}:90`,
        'ＣＡＤ、机械制图',
        '',
        '订单班、现代学徒制',
        '',
        '苏州测试机器人有限公司',
      ]);
      sheet.addRow(['660303', '', '2015', '', '', '', '', '', '', '', '', '不存在的企业']);
      sheet.addRow(['460306', '', '20X5', '', '', '', '', '', '', '夜校', '', '']);
      const file = Buffer.from(await book.xlsx.writeBuffer());
      const strict = await runUploadJob(collegeMember.http, `${base}/import`, file, XLSX_TYPE);
      expect(strict.result).toMatchObject({ total: 4, created: 0, updated: 0, failed: 2 });
      const job = await runUploadJob(collegeMember.http, `${base}/import?mode=valid_rows_only`, file, XLSX_TYPE);
      expect(job.result).toMatchObject({ total: 4, created: 1, updated: 1, failed: 2 });
      const errors = (job.result as { errors: Array<{ row: number; column: string }> }).errors;
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [4, '专业代码'],
        [4, '合作企业'],
        [5, '开设年份'],
        [5, '培养模式'],
      ]);
      const list = await collegeMember.http.get(`${base}?organizationId=${college}`);
      expect(
        list.body.items.map((o: { programmeCode: string; enrolmentPlan: number }) => [
          o.programmeCode,
          o.enrolmentPlan,
        ]),
      ).toEqual([
        ['460301', 100],
        ['460305', 150],
      ]);
      expect(list.body.items[0]).toMatchObject({
        skills: ['cad', '机械制图'],
        trainingModes: ['order_class', 'apprenticeship'],
      });
      // Another school's sheet is not a member's to import.
      const foreign = await uploadFile(
        collegeMember.http,
        `${base}/import?organizationId=${otherCollege}`,
        file,
        XLSX_TYPE,
      );
      expect(foreign.status).toBe(403);
      const template = await fetch(`${stack.http.baseUrl}${base}/import-template`, {
        headers: { authorization: `Bearer ${collegeMember.http.accessToken}` },
      });
      expect(template.status).toBe(200);
    });

    it('keeps offerings on the edition they were created under when a new edition becomes current', async () => {
      const rows = SAMPLE_PROGRAMMES.rows.map((r) =>
        r[0] === '460305' ? [r[0], '工业机器人技术（新版）', ...r.slice(2)] : r,
      );
      const job = await runUploadJob(
        stack.admin,
        '/api/v1/catalogue/programmes/import?edition=2025&editionName=' +
          encodeURIComponent('职业教育专业目录（2025年）'),
        toCsv(SAMPLE_PROGRAMMES.header, rows),
      );
      expect(job.result).toMatchObject({ created: SAMPLE_PROGRAMMES.rows.length });
      expect((await observer.http.get('/api/v1/catalogue/programmes/460305')).body.name).toBe('工业机器人技术（新版）');
      expect((await observer.http.get('/api/v1/catalogue/programmes/460305?edition=2021')).body.name).toBe(
        '工业机器人技术',
      );
      const offerings = await observer.http.get(`${base}?organizationId=${college}&programmeCode=460305`);
      expect(offerings.body.items[0]).toMatchObject({ catalogueEdition: '2021', programmeName: '工业机器人技术' });
    });
  });
});
