/**
 * Quorum and resolution outcomes by the council's charter, in exact integer
 * arithmetic (a ratio is numerator/denominator, so 2/3 is never 0.666…).
 *
 * - Quorum: seats present or represented by a proxy whose holder is present,
 *   at least `quorum` of all seats.
 * - Ordinary resolutions pass with MORE than `ordinaryPass` of the votes cast by
 *   present or represented seats; an abstention is a vote cast (it counts
 *   against passing), so a tie fails.
 * - Special matters (charter change, expelling a member) pass with AT LEAST
 *   `specialPass` of ALL seats voting for.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface Charter {
  quorum: Ratio;
  ordinaryPass: Ratio;
  specialPass: Ratio;
}

export const DEFAULT_CHARTER: Charter = {
  quorum: { numerator: 2, denominator: 3 },
  ordinaryPass: { numerator: 1, denominator: 2 },
  specialPass: { numerator: 2, denominator: 3 },
};

export type AttendanceStatus = 'present' | 'absent' | 'proxy';
export type VoteChoice = 'for' | 'against' | 'abstain';
export type ResolutionKind = 'ordinary' | 'special';
export type Outcome = 'passed' | 'failed' | 'no_quorum';

export interface Attendance {
  seatId: string;
  status: AttendanceStatus;
  proxySeatId?: string | null;
}

export interface QuorumResult {
  /** The meeting's council: the seats counted (those in office on its date). */
  seatIds: string[];
  seats: number;
  present: number;
  represented: number;
  /** Smallest number of present-or-represented seats that makes the quorum. */
  required: number;
  reached: boolean;
  /** Seats entitled to vote: present ones and those validly represented. */
  votingSeatIds: string[];
}

/** The smallest whole count n with n/total ≥ ratio. */
export function atLeast(ratio: Ratio, total: number): number {
  // Integer ceiling of total × numerator / denominator.
  return Math.floor((total * ratio.numerator + ratio.denominator - 1) / ratio.denominator);
}

export function computeQuorum(
  seatIds: readonly string[],
  attendance: readonly Attendance[],
  charter: Charter = DEFAULT_CHARTER,
): QuorumResult {
  const seats = new Set(seatIds);
  const byId = new Map(attendance.filter((a) => seats.has(a.seatId)).map((a) => [a.seatId, a]));
  const presentIds = [...byId.values()].filter((a) => a.status === 'present').map((a) => a.seatId);
  const present = new Set(presentIds);
  // A proxy counts only when its holder is a present seat (no chains, not oneself).
  const representedIds = [...byId.values()]
    .filter((a) => a.status === 'proxy' && a.proxySeatId && a.proxySeatId !== a.seatId && present.has(a.proxySeatId))
    .map((a) => a.seatId);
  const required = seats.size === 0 ? 1 : atLeast(charter.quorum, seats.size);
  const count = presentIds.length + representedIds.length;
  return {
    seatIds: [...seats],
    seats: seats.size,
    present: presentIds.length,
    represented: representedIds.length,
    required,
    reached: seats.size > 0 && count >= required,
    votingSeatIds: [...presentIds, ...representedIds],
  };
}

export interface Tally {
  for: number;
  against: number;
  abstain: number;
  cast: number;
}

export interface OutcomeResult {
  outcome: Outcome;
  tally: Tally;
  /** Votes for needed to pass (null without quorum). */
  needed: number | null;
}

export function computeOutcome(input: {
  kind: ResolutionKind;
  quorum: QuorumResult;
  votes: ReadonlyArray<{ seatId: string; choice: VoteChoice }>;
  charter?: Charter;
}): OutcomeResult {
  const charter = input.charter ?? DEFAULT_CHARTER;
  const entitled = new Set(input.quorum.votingSeatIds);
  const tally: Tally = { for: 0, against: 0, abstain: 0, cast: 0 };
  // One vote per seat: a later vote replaces an earlier one.
  const lastBySeat = new Map(input.votes.map((vote) => [vote.seatId, vote]));
  for (const vote of lastBySeat.values()) {
    if (!entitled.has(vote.seatId)) continue;
    tally[vote.choice] += 1;
    tally.cast += 1;
  }
  if (!input.quorum.reached) return { outcome: 'no_quorum', tally, needed: null };
  if (input.kind === 'special') {
    const needed = atLeast(charter.specialPass, input.quorum.seats);
    return { outcome: tally.for >= needed ? 'passed' : 'failed', tally, needed };
  }
  // "More than": the smallest count strictly above ratio × cast.
  const needed = Math.floor((tally.cast * charter.ordinaryPass.numerator) / charter.ordinaryPass.denominator) + 1;
  return { outcome: tally.cast > 0 && tally.for >= needed ? 'passed' : 'failed', tally, needed };
}
