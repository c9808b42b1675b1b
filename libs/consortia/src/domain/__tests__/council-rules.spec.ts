import { Attendance, computeOutcome, computeQuorum, VoteChoice } from '../council-rules';

const seats = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const present = (...ids: string[]): Attendance[] => ids.map((seatId) => ({ seatId, status: 'present' }));
const votes = (spec: string) =>
  spec.split('').map((c, i) => ({
    seatId: `s${i + 1}`,
    choice: ({ f: 'for', a: 'against', x: 'abstain' } as Record<string, VoteChoice>)[c],
  }));

describe('computeQuorum (default 2/3 of seats)', () => {
  it.each([
    [9, 6, true, 6],
    [9, 5, false, 6],
    [10, 7, true, 7],
    [10, 6, false, 7],
    [3, 2, true, 2],
    [1, 1, true, 1],
    [1, 0, false, 1],
  ])('%i seats, %i present → reached %s (required %i)', (n, p, reached, required) => {
    const result = computeQuorum(seats(n), present(...seats(p)));
    expect(result).toMatchObject({ reached, required, present: p });
  });

  it('counts a proxy whose holder is present', () => {
    const attendance: Attendance[] = [
      ...present('s1', 's2', 's3', 's4', 's5'),
      { seatId: 's6', status: 'proxy', proxySeatId: 's1' },
    ];
    expect(computeQuorum(seats(9), attendance)).toMatchObject({ present: 5, represented: 1, reached: true });
  });

  it.each([
    ['holder absent', { seatId: 's6', status: 'proxy', proxySeatId: 's9' }],
    ['holder is itself', { seatId: 's6', status: 'proxy', proxySeatId: 's6' }],
    ['no holder', { seatId: 's6', status: 'proxy', proxySeatId: null }],
    ['holder is not a seat', { seatId: 's6', status: 'proxy', proxySeatId: 'x' }],
  ] as Array<[string, Attendance]>)('ignores a proxy when the %s', (_label, proxy) => {
    expect(computeQuorum(seats(9), [...present('s1', 's2', 's3', 's4', 's5'), proxy])).toMatchObject({
      represented: 0,
      reached: false,
    });
  });

  it('ignores attendance of non-seats and has no quorum with no seats', () => {
    expect(computeQuorum(seats(3), present('s1', 's2', 'ghost'))).toMatchObject({ present: 2, reached: true });
    expect(computeQuorum([], [])).toMatchObject({ reached: false });
  });
});

describe('computeOutcome', () => {
  const nine = seats(9);
  const all = computeQuorum(nine, present(...nine));

  it.each([
    ['ordinary, clear majority', 'ordinary', 'fffffaaax', 'passed'],
    ['ordinary, tie fails', 'ordinary', 'ffffaaaa', 'failed'],
    ['ordinary, abstentions count as cast', 'ordinary', 'ffffaxxxx', 'failed'],
    ['ordinary, just over half', 'ordinary', 'fffffaaaa', 'passed'],
    ['ordinary, unanimous abstention fails', 'ordinary', 'xxxxxxxxx', 'failed'],
    ['special, 6 of 9 seats for passes', 'special', 'ffffffaaa', 'passed'],
    ['special, 5 of 9 fails even if unopposed', 'special', 'fffffxxxx', 'failed'],
  ] as const)('%s', (_label, kind, spec, outcome) => {
    expect(computeOutcome({ kind, quorum: all, votes: votes(spec) }).outcome).toBe(outcome);
  });

  it('special majority counts ALL seats, not those present', () => {
    const quorum = computeQuorum(nine, present(...seats(6)));
    expect(computeOutcome({ kind: 'special', quorum, votes: votes('ffffff') })).toMatchObject({
      outcome: 'passed',
      needed: 6,
    });
    expect(computeOutcome({ kind: 'special', quorum, votes: votes('fffffa') })).toMatchObject({ outcome: 'failed' });
  });

  it('answers no_quorum without a quorum, whatever the votes', () => {
    const quorum = computeQuorum(nine, present('s1', 's2'));
    expect(computeOutcome({ kind: 'ordinary', quorum, votes: votes('ff') })).toMatchObject({
      outcome: 'no_quorum',
      needed: null,
    });
  });

  it('counts a represented seat’s vote and ignores absent seats’ votes', () => {
    const attendance: Attendance[] = [
      ...present('s1', 's2', 's3', 's4', 's5'),
      { seatId: 's6', status: 'proxy', proxySeatId: 's1' },
    ];
    const quorum = computeQuorum(nine, attendance);
    const result = computeOutcome({ kind: 'ordinary', quorum, votes: votes('ffffaafff') });
    expect(result.tally).toEqual({ for: 4, against: 2, abstain: 0, cast: 6 });
    expect(result.outcome).toBe('passed');
  });

  it('supports other charters exactly at the threshold', () => {
    const charter = {
      quorum: { numerator: 1, denominator: 2 },
      ordinaryPass: { numerator: 2, denominator: 3 },
      specialPass: { numerator: 3, denominator: 4 },
    };
    const quorum = computeQuorum(seats(4), present('s1', 's2'), charter);
    expect(quorum.reached).toBe(true);
    // 2 of 3 cast is not MORE than 2/3.
    const q6 = computeQuorum(seats(6), present(...seats(6)), charter);
    expect(computeOutcome({ kind: 'ordinary', quorum: q6, votes: votes('ffa'), charter }).outcome).toBe('failed');
    expect(
      computeOutcome({
        kind: 'special',
        quorum: computeQuorum(seats(4), present(...seats(4)), charter),
        votes: votes('fffa'),
        charter,
      }).outcome,
    ).toBe('passed');
  });
});

describe('one vote per seat', () => {
  it('counts only the latest vote of a seat', () => {
    const quorum = computeQuorum(seats(3), present(...seats(3)));
    const result = computeOutcome({
      kind: 'ordinary',
      quorum,
      votes: [
        { seatId: 's1', choice: 'for' },
        { seatId: 's1', choice: 'for' },
        { seatId: 's2', choice: 'against' },
        { seatId: 's1', choice: 'against' },
      ],
    });
    expect(result.tally).toEqual({ for: 0, against: 2, abstain: 0, cast: 2 });
    expect(result.outcome).toBe('failed');
  });
});
