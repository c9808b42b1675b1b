import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { SAMPLE_PROGRAMMES } from '@chanjiao/programmes/demo/catalogue-sample';
import { DEMO_OFFERINGS } from '@chanjiao/programmes/demo/demo-offerings';
import { chinaToday, startTestStack, TestStack, waitForJobState } from '@chanjiao/testing';

describe('programmes demo', () => {
  jest.setTimeout(180_000);
  let stack: TestStack;
  const offerings = () => stack.admin.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/programme-offerings?limit=200`);

  /** POST /demo/seed and wait for it (the seed includes the catalogue sample: slow on a loaded machine). */
  const seedDemo = async () => {
    const accepted = await stack.admin.post<{ jobId: string }>('/api/v1/demo/seed');
    expect(accepted.status).toBe(202);
    await waitForJobState(stack.admin, accepted.body.jobId, 'completed', 120_000);
  };

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('loads the sample catalogue and gives the demo schools offerings with graduates this year and next', async () => {
    await seedDemo();
    const editions = await stack.admin.get('/api/v1/catalogue/editions');
    expect(editions.body.map((e: { list: string; edition: string }) => `${e.list} ${e.edition}`).sort()).toEqual([
      'occupations 2022',
      'programmes 2021',
    ]);
    const programmes = await stack.admin.get('/api/v1/catalogue/programmes?limit=200');
    expect(programmes.body.items).toHaveLength(SAMPLE_PROGRAMMES.rows.length);
    const all = await offerings();
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(DEMO_OFFERINGS.length);
    const year = Number(chinaToday().slice(0, 4));
    const base = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/programme-offerings?limit=200&graduatesIn=`;
    const thisYear = await stack.admin.get(`${base}${year}`);
    const nextYear = await stack.admin.get(`${base}${year + 1}`);
    expect(thisYear.body.items.length).toBeGreaterThan(DEMO_OFFERINGS.length / 2);
    expect(nextYear.body.items.length).toBeGreaterThan(DEMO_OFFERINGS.length / 2);
    const statuses = new Set(all.body.items.map((o: { status: string }) => o.status));
    expect([...statuses].sort()).toEqual(['active', 'suspended', 'upgrading']);
    expect(all.body.items.some((o: { partnerSchoolIds: string[] }) => o.partnerSchoolIds.length > 0)).toBe(true);
    expect(all.body.items.every((o: { partnerEnterpriseIds: string[] }) => o.partnerEnterpriseIds.length > 0)).toBe(
      true,
    );
  });

  it('is idempotent: seeding again adds no offering', async () => {
    const before = (await offerings()).body.items.map((o: { id: string }) => o.id).sort();
    await seedDemo();
    expect((await offerings()).body.items.map((o: { id: string }) => o.id).sort()).toEqual(before);
  });
});
