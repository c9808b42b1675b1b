import {
  Attendance,
  atLeast,
  Charter,
  computeOutcome,
  computeQuorum,
  DEFAULT_CHARTER,
  VoteChoice,
} from '../council-rules';

/** Threshold edges, proxy corner cases and exhaustive checks against integer-only restatements of the rules. */
const seats = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const present = (ids: string[]): Attendance[] => ids.map((seatId) => ({ seatId, status: 'present' }));
const ballot = (counts: { f?: number; a?: number; x?: number }) => {
  const choices: VoteChoice[] = [
    ...Array<VoteChoice>(counts.f ?? 0).fill('for'),
    ...Array<VoteChoice>(counts.a ?? 0).fill('against'),
    ...Array<VoteChoice>(counts.x ?? 0).fill('abstain'),
  ];
  return choices.map((choice, i) => ({ seatId: `s${i + 1}`, choice }));
};
const everyonePresent = (n: number, charter: Charter = DEFAULT_CHARTER) =>
  computeQuorum(seats(n), present(seats(n)), charter);

describe('atLeast: smallest count reaching a ratio, exactly', () => {
  it.each([
    // [numerator, denominator, total, expected] — several are floating-point traps (0.57 × 100 = 56.999…).
    [2, 3, 9, 6],
    [2, 3, 10, 7],
    [2, 3, 12, 8],
    [2, 3, 3, 2],
    [1, 2, 7, 4],
    [1, 2, 8, 4],
    [1, 3, 9, 3],
    [7, 10, 10, 7],
    [7, 10, 20, 14],
    [57, 100, 100, 57],
    [29, 100, 100, 29],
    [3, 5, 5, 3],
    [1, 1, 13, 13],
  ])('%i/%i of %i → %i', (numerator, denominator, total, expected) => {
    expect(atLeast({ numerator, denominator }, total)).toBe(expected);
  });

  it('agrees with the integer definition (n·q ≥ p·total) for every ratio up to 1 with q ≤ 12 and total ≤ 60', () => {
    const wrong: string[] = [];
    for (let q = 1; q <= 12; q += 1)
      for (let p = 1; p <= q; p += 1)
        for (let total = 0; total <= 60; total += 1) {
          let n = 0;
          while (n * q < p * total) n += 1;
          if (atLeast({ numerator: p, denominator: q }, total) !== n) wrong.push(`${p}/${q} of ${total}`);
        }
    expect(wrong).toEqual([]);
  });
});

describe('computeQuorum', () => {
  it('default 2/3: reached exactly when 3 × (present or represented) ≥ 2 × seats, for 1–30 seats', () => {
    for (let n = 1; n <= 30; n += 1)
      for (let p = 0; p <= n; p += 1) {
        expect({ n, p, reached: computeQuorum(seats(n), present(seats(p))).reached }).toEqual({
          n,
          p,
          reached: 3 * p >= 2 * n,
        });
      }
  });

  it.each<[string, Attendance[], { present: number; represented: number; reached: boolean; voting: string[] }]>([
    [
      'one holder carries several proxies',
      [
        ...present(['s1', 's2', 's3', 's4']),
        { seatId: 's5', status: 'proxy', proxySeatId: 's1' },
        { seatId: 's6', status: 'proxy', proxySeatId: 's1' },
      ],
      { present: 4, represented: 2, reached: true, voting: ['s1', 's2', 's3', 's4', 's5', 's6'] },
    ],
    [
      'no proxy chains: s6 → s5 → s1 represents s5 only',
      [
        ...present(['s1', 's2', 's3', 's4']),
        { seatId: 's5', status: 'proxy', proxySeatId: 's1' },
        { seatId: 's6', status: 'proxy', proxySeatId: 's5' },
      ],
      { present: 4, represented: 1, reached: false, voting: ['s1', 's2', 's3', 's4', 's5'] },
    ],
    [
      'holder listed as absent',
      [
        ...present(['s1', 's2', 's3', 's4', 's5']),
        { seatId: 's6', status: 'proxy', proxySeatId: 's7' },
        { seatId: 's7', status: 'absent' },
      ],
      { present: 5, represented: 0, reached: false, voting: ['s1', 's2', 's3', 's4', 's5'] },
    ],
    [
      'two seats naming each other',
      [
        ...present(['s1', 's2', 's3', 's4', 's5']),
        { seatId: 's6', status: 'proxy', proxySeatId: 's7' },
        { seatId: 's7', status: 'proxy', proxySeatId: 's6' },
      ],
      { present: 5, represented: 0, reached: false, voting: ['s1', 's2', 's3', 's4', 's5'] },
    ],
    [
      'a proxy completes the quorum exactly',
      [...present(['s1', 's2', 's3', 's4', 's5']), { seatId: 's9', status: 'proxy', proxySeatId: 's2' }],
      { present: 5, represented: 1, reached: true, voting: ['s1', 's2', 's3', 's4', 's5', 's9'] },
    ],
    ['nobody attends', [], { present: 0, represented: 0, reached: false, voting: [] }],
  ])('9 seats, %s', (_label, attendance, expected) => {
    const result = computeQuorum(seats(9), attendance);
    expect(result).toMatchObject({
      present: expected.present,
      represented: expected.represented,
      reached: expected.reached,
      required: 6,
    });
    expect(result.votingSeatIds).toEqual(expected.voting);
  });

  it.each([
    [{ numerator: 1, denominator: 2 }, 8, 4],
    [{ numerator: 1, denominator: 2 }, 7, 4],
    [{ numerator: 7, denominator: 10 }, 10, 7],
    [{ numerator: 1, denominator: 1 }, 5, 5],
  ])('charter quorum %o of %i seats requires %i', (quorum, n, required) => {
    const charter = { ...DEFAULT_CHARTER, quorum };
    expect(computeQuorum(seats(n), present(seats(required)), charter)).toMatchObject({ required, reached: true });
    expect(computeQuorum(seats(n), present(seats(required - 1)), charter)).toMatchObject({ reached: false });
  });

  it('has no quorum without seats, whatever the charter', () => {
    expect(computeQuorum([], [], { ...DEFAULT_CHARTER, quorum: { numerator: 1, denominator: 3 } })).toMatchObject({
      seats: 0,
      required: 1,
      reached: false,
    });
  });
});

describe('computeOutcome, ordinary (more than 1/2 of votes cast; an abstention is cast)', () => {
  it.each([
    // [for, against, abstain, outcome, needed]
    [5, 4, 0, 'passed', 5],
    [4, 4, 0, 'failed', 5],
    [1, 0, 0, 'passed', 1],
    [0, 1, 0, 'failed', 1],
    [5, 0, 4, 'passed', 5],
    [4, 0, 4, 'failed', 5],
    [4, 1, 3, 'failed', 5],
    [0, 0, 9, 'failed', 5],
    [7, 0, 0, 'passed', 4],
  ] as const)('%i for, %i against, %i abstain → %s (needs %i)', (f, a, x, outcome, needed) => {
    const result = computeOutcome({ kind: 'ordinary', quorum: everyonePresent(9), votes: ballot({ f, a, x }) });
    expect(result).toEqual({ outcome, needed, tally: { for: f, against: a, abstain: x, cast: f + a + x } });
  });

  it('without abstentions passes exactly when for > against (every split of up to 30 votes)', () => {
    const quorum = everyonePresent(30);
    for (let f = 0; f <= 30; f += 1)
      for (let a = 0; f + a <= 30; a += 1) {
        const { outcome } = computeOutcome({ kind: 'ordinary', quorum, votes: ballot({ f, a }) });
        expect({ f, a, outcome }).toEqual({ f, a, outcome: f + a > 0 && f > a ? 'passed' : 'failed' });
      }
  });

  it('a 2/3 charter fails at exactly 2/3 and passes just above it', () => {
    const charter = { ...DEFAULT_CHARTER, ordinaryPass: { numerator: 2, denominator: 3 } };
    const quorum = everyonePresent(12, charter);
    expect(computeOutcome({ kind: 'ordinary', quorum, votes: ballot({ f: 8, a: 4 }), charter }).outcome).toBe('failed');
    expect(computeOutcome({ kind: 'ordinary', quorum, votes: ballot({ f: 9, a: 3 }), charter }).outcome).toBe('passed');
  });
});

describe('computeOutcome, special (at least 2/3 of ALL seats for)', () => {
  it.each([
    // [seats, for, against, abstain, outcome, needed]
    [9, 6, 3, 0, 'passed', 6],
    [9, 5, 0, 1, 'failed', 6],
    [10, 7, 3, 0, 'passed', 7],
    [10, 6, 0, 0, 'failed', 7],
    [12, 8, 0, 4, 'passed', 8],
    [12, 7, 0, 0, 'failed', 8],
    [3, 2, 1, 0, 'passed', 2],
  ] as const)('%i seats: %i for, %i against, %i abstain → %s (needs %i)', (n, f, a, x, outcome, needed) => {
    const result = computeOutcome({ kind: 'special', quorum: everyonePresent(n), votes: ballot({ f, a, x }) });
    expect(result).toMatchObject({ outcome, needed });
  });

  it('absent seats weigh against: 15 seats, 10 present', () => {
    const quorum = computeQuorum(seats(15), present(seats(10)));
    expect(quorum.reached).toBe(true);
    expect(computeOutcome({ kind: 'special', quorum, votes: ballot({ f: 10 }) }).outcome).toBe('passed');
    expect(computeOutcome({ kind: 'special', quorum, votes: ballot({ f: 9, x: 1 }) }).outcome).toBe('failed');
  });

  it('passes exactly when 3 × for ≥ 2 × seats, for 1–20 seats', () => {
    for (let n = 1; n <= 20; n += 1) {
      const quorum = everyonePresent(n);
      for (let f = 0; f <= n; f += 1) {
        const { outcome } = computeOutcome({ kind: 'special', quorum, votes: ballot({ f, a: n - f }) });
        expect({ n, f, outcome }).toEqual({ n, f, outcome: 3 * f >= 2 * n ? 'passed' : 'failed' });
      }
    }
  });

  it('a 3/4 charter needs 6 of 8 seats', () => {
    const charter = { ...DEFAULT_CHARTER, specialPass: { numerator: 3, denominator: 4 } };
    const quorum = everyonePresent(8, charter);
    expect(computeOutcome({ kind: 'special', quorum, votes: ballot({ f: 6, a: 2 }), charter })).toMatchObject({
      outcome: 'passed',
      needed: 6,
    });
    expect(computeOutcome({ kind: 'special', quorum, votes: ballot({ f: 5, x: 3 }), charter }).outcome).toBe('failed');
  });
});

describe('computeOutcome without quorum', () => {
  it.each(['ordinary', 'special'] as const)('%s: no_quorum even when every vote is for', (kind) => {
    const quorum = computeQuorum(seats(9), present(seats(5)));
    expect(computeOutcome({ kind, quorum, votes: ballot({ f: 5 }) })).toEqual({
      outcome: 'no_quorum',
      needed: null,
      tally: { for: 5, against: 0, abstain: 0, cast: 5 },
    });
  });

  it('zero seats: no_quorum', () => {
    expect(computeOutcome({ kind: 'special', quorum: computeQuorum([], []), votes: [] }).outcome).toBe('no_quorum');
  });
});
