import { BulletinPosting, bulletinTables, median, occupationAncestors, salaryPoint } from '../bulletin';

const posting = (over: Partial<BulletinPosting> & Pick<BulletinPosting, 'id' | 'organizationId'>): BulletinPosting => ({
  headcount: 1,
  classCodes: [],
  occupationCode: null,
  industryCode: null,
  salaryMin: null,
  salaryMax: null,
  ...over,
});

describe('occupationAncestors', () => {
  it.each([
    ['6-31-07-03', ['6-00-00-00', '6-31-00-00', '6-31-07-00', '6-31-07-03']],
    ['6-31-07-00', ['6-00-00-00', '6-31-00-00', '6-31-07-00']],
    ['6-31-00-00', ['6-00-00-00', '6-31-00-00']],
    ['6-00-00-00', ['6-00-00-00']],
    ['nonsense', []],
  ])('%s → %j', (code, expected) => {
    expect(occupationAncestors(code).map((a) => a.code)).toEqual(expected);
  });
});

describe('salaryPoint and median', () => {
  it.each([
    ['6000', '8000', 7000],
    ['6000', null, 6000],
    [null, '9000', 9000],
    [null, null, null],
  ])('salaryPoint(%s, %s) = %s', (min, max, expected) => {
    expect(salaryPoint(min, max)).toBe(expected);
  });

  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[1, 9, 5, 7], 6],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('bulletinTables', () => {
  // Enterprise A has two postings in class 4603: it counts once there.
  const postings = [
    posting({ id: 'p1', organizationId: 'A', headcount: 5, classCodes: ['4603'], occupationCode: '6-31-07-03', industryCode: 'C34', salaryMin: '6000', salaryMax: '8000' }),
    posting({ id: 'p2', organizationId: 'A', headcount: 3, classCodes: ['4603'], occupationCode: '6-31-07-00', industryCode: 'C34', salaryMin: '8000', salaryMax: '10000' }),
    posting({ id: 'p3', organizationId: 'A', headcount: 2, industryCode: 'C34' }),
    posting({ id: 'p4', organizationId: 'B', headcount: 4, classCodes: ['5102', '4603'], occupationCode: '2-02-07-07', salaryMin: '10000', salaryMax: '12000' }),
  ];
  const tables = bulletinTables(postings);

  it('counts each enterprise once per row and a posting in every row it names', () => {
    expect(tables.programmeClasses).toEqual([
      { code: '4603', headcount: 12, enterprises: 2, postings: 3, salaryMedian: '9000.00' },
      { code: '5102', headcount: 4, enterprises: 1, postings: 1, salaryMedian: '11000.00' },
      { code: null, headcount: 2, enterprises: 1, postings: 1, salaryMedian: null },
    ]);
  });

  it('puts postings without an occupation in the unclassified row of every level, and coarse codes only at their levels', () => {
    const level = (n: number) => tables.occupations.find((o) => o.level === n)?.rows;
    expect(level(1)).toEqual([
      { code: '2-00-00-00', headcount: 4, enterprises: 1, postings: 1, salaryMedian: '11000.00' },
      { code: '6-00-00-00', headcount: 8, enterprises: 1, postings: 2, salaryMedian: '8000.00' },
      { code: null, headcount: 2, enterprises: 1, postings: 1, salaryMedian: null },
    ]);
    expect(level(3)).toEqual([
      { code: '2-02-07-00', headcount: 4, enterprises: 1, postings: 1, salaryMedian: '11000.00' },
      { code: '6-31-07-00', headcount: 8, enterprises: 1, postings: 2, salaryMedian: '8000.00' },
      { code: null, headcount: 2, enterprises: 1, postings: 1, salaryMedian: null },
    ]);
    // p2 is a 小类: not at the 细类 level, and not unclassified either.
    expect(level(4)).toEqual([
      { code: '2-02-07-07', headcount: 4, enterprises: 1, postings: 1, salaryMedian: '11000.00' },
      { code: '6-31-07-03', headcount: 5, enterprises: 1, postings: 1, salaryMedian: '7000.00' },
      { code: null, headcount: 2, enterprises: 1, postings: 1, salaryMedian: null },
    ]);
  });

  it('groups by industry with an unclassified row for enterprises without one, and totals the whole year', () => {
    expect(tables.industries).toEqual([
      { code: 'C34', headcount: 10, enterprises: 1, postings: 3, salaryMedian: '8000.00' },
      { code: null, headcount: 4, enterprises: 1, postings: 1, salaryMedian: '11000.00' },
    ]);
    expect(tables.total).toEqual({ code: null, headcount: 14, enterprises: 2, postings: 4, salaryMedian: '9000.00' });
  });

  it('answers empty sections for a year without postings', () => {
    const empty = bulletinTables([]);
    expect(empty.total).toEqual({ code: null, headcount: 0, enterprises: 0, postings: 0, salaryMedian: null });
    expect(empty.programmeClasses).toEqual([]);
    expect(empty.occupations.every((o) => o.rows.length === 0)).toBe(true);
  });
});
