import { DEFAULT_GAP_THRESHOLDS, gapTable, recommend } from '../talent-gap';

describe('talent gap', () => {
  it.each([
    [30, 10, 1, 'expand'],
    [15, 10, 1, 'maintain'],
    [16, 10, 1, 'expand'],
    [5, 10, 1, 'maintain'],
    [4, 10, 1, 'shrink'],
    [0, 10, 1, 'shrink'],
    [10, 0, 0, 'new_programme_needed'],
    [10, 0, 2, 'expand'],
    [0, 0, 1, 'maintain'],
  ] as const)('demand %d, supply %d, %d offerings → %s', (demand, supply, offerings, rec) =>
    expect(recommend(demand, supply, offerings, DEFAULT_GAP_THRESHOLDS)).toBe(rec),
  );

  it('counts each posting and each offering once per row (hand-computed table)', () => {
    const demand = [
      { postingId: 'p1', headcount: 10, keys: ['4603', '4603'] }, // two programmes of one class: once
      { postingId: 'p2', headcount: 5, keys: ['4603', '5102'] }, // two classes: once in each
      { postingId: 'p3', headcount: 7, keys: [] }, // no codes, no match: unclassified
      { postingId: 'p4', headcount: 8, keys: ['5303'] },
    ];
    const supply = [
      { offeringId: 'o1', graduates: 4, keys: ['4603'] },
      { offeringId: 'o2', graduates: 6, keys: ['5102'] },
      { offeringId: 'o3', graduates: 40, keys: ['5102'] },
    ];
    const rows = gapTable(
      demand,
      supply,
      new Map([
        ['4603', 1],
        ['5102', 2],
      ]),
      DEFAULT_GAP_THRESHOLDS,
    );
    expect(rows).toEqual([
      { key: '4603', demand: 15, postings: 2, supply: 4, offerings: 1, gap: 11, ratio: 3.75, recommendation: 'expand' },
      {
        key: '5303',
        demand: 8,
        postings: 1,
        supply: 0,
        offerings: 0,
        gap: 8,
        ratio: null,
        recommendation: 'new_programme_needed',
      },
      {
        key: 'unclassified',
        demand: 7,
        postings: 1,
        supply: 0,
        offerings: 0,
        gap: 7,
        ratio: null,
        recommendation: 'maintain',
      },
      {
        key: '5102',
        demand: 5,
        postings: 1,
        supply: 46,
        offerings: 2,
        gap: -41,
        ratio: 0.109,
        recommendation: 'shrink',
      },
    ]);
  });
});
