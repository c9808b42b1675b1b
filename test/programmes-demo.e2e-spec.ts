import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { DEMO_OFFERINGS } from '@chanjiao/programmes/demo/demo-offerings';
import { SAMPLE_PROGRAMMES } from '@chanjiao/programmes/demo/catalogue-sample';
import { chinaToday, JobStatusBody, seedDemo, startTestStack, TestStack, waitForJobState } from '@chanjiao/testing';

/** Follows the demo seed's chain (consortium → users → programmes) to the programmes job. */
async function programmesSeed(stack: TestStack): Promise<JobStatusBody> {
  let job = await seedDemo(stack.admin);
  while (job.name !== 'programmes.seed-demo') {
    const next = job.result?.nextJobId as string | undefined;
    if (!next) throw new Error(`the demo chain ended at ${job.name}`);
    job = await waitForJobState(stack.admin, next, 'completed', 60_000);
  }
  return job;
}

describe('programmes demo', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('loads the sample catalogue and gives the demo schools offerings with graduates this year and next', async () => {
    const job = await programmesSeed(stack);
    expect(job.result).toEqual({ consortiumId: DEMO_CONSORTIUM_ID, catalogue: 'sample', offerings: DEMO_OFFERINGS.length });
    const programmes = await stack.admin.get('/api/v1/catalogue/programmes?limit=200');
    expect(programmes.body.items).toHaveLength(SAMPLE_PROGRAMMES.rows.length);
    const offerings = await stack.admin.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/programme-offerings?limit=200`);
    expect(offerings.status).toBe(200);
    expect(offerings.body.items).toHaveLength(DEMO_OFFERINGS.length);
    const year = Number(chinaToday().slice(0, 4));
    const thisYear = await stack.admin.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/programme-offerings?graduatesIn=${year}&limit=200`);
    const nextYear = await stack.admin.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/programme-offerings?graduatesIn=${year + 1}&limit=200`);
    expect(thisYear.body.items.length).toBeGreaterThan(DEMO_OFFERINGS.length / 2);
    expect(nextYear.body.items.length).toBeGreaterThan(DEMO_OFFERINGS.length / 2);
    const statuses = new Set(offerings.body.items.map((o: { status: string }) => o.status));
    expect([...statuses].sort()).toEqual(['active', 'suspended', 'upgrading']);
    expect(offerings.body.items.some((o: { partnerSchoolIds: string[] }) => o.partnerSchoolIds.length > 0)).toBe(true);
  });

  it('is idempotent: seeding again creates no offering', async () => {
    const job = await programmesSeed(stack);
    expect(job.result).toEqual({ consortiumId: DEMO_CONSORTIUM_ID, catalogue: 'existing', offerings: 0 });
  });
});
