import { ConsortiumStatus } from '../../entities/consortium-status';
import { MembershipStatus } from '../../entities/membership-status';
import { allowedTransitions, canTransition, precedesLastChange } from '../lifecycles';

const C = ConsortiumStatus;
const M = MembershipStatus;

/** Every pair, allowed or refused, written out: the table is the specification. */
const CONSORTIUM_ALLOWED = new Set([
  `${C.Planning}>${C.Applied}`,
  `${C.Applied}>${C.ProvinciallyRecommended}`,
  `${C.ProvinciallyRecommended}>${C.CultivationList}`,
  `${C.ProvinciallyRecommended}>${C.Revoked}`,
  `${C.CultivationList}>${C.UnderConstruction}`,
  `${C.CultivationList}>${C.Revoked}`,
  `${C.UnderConstruction}>${C.Accepted}`,
  `${C.UnderConstruction}>${C.Revoked}`,
  `${C.Accepted}>${C.Revoked}`,
]);

const MEMBERSHIP_ALLOWED = new Set([
  `${M.Applied}>${M.Active}`,
  `${M.Applied}>${M.Rejected}`,
  `${M.Applied}>${M.Withdrawn}`,
  `${M.Active}>${M.Suspended}`,
  `${M.Active}>${M.Withdrawn}`,
  `${M.Suspended}>${M.Active}`,
  `${M.Suspended}>${M.Withdrawn}`,
]);

const pairs = <T extends string>(values: T[]) => values.flatMap((from) => values.map((to) => [from, to] as const));

describe('consortium status lifecycle', () => {
  it.each(pairs(Object.values(ConsortiumStatus)))('%s → %s', (from, to) => {
    expect(canTransition('consortium', from, to)).toBe(CONSORTIUM_ALLOWED.has(`${from}>${to}`));
  });

  it('lists the allowed next states', () => {
    expect(allowedTransitions('consortium', C.UnderConstruction)).toEqual([C.Accepted, C.Revoked]);
    expect(allowedTransitions('consortium', C.Revoked)).toEqual([]);
  });
});

describe('organization membership lifecycle', () => {
  it.each(pairs(Object.values(MembershipStatus)))('%s → %s', (from, to) => {
    expect(canTransition('membership', from, to)).toBe(MEMBERSHIP_ALLOWED.has(`${from}>${to}`));
  });

  it('returns a copy (callers cannot alter the lifecycle)', () => {
    const next = allowedTransitions('membership', M.Applied);
    next.push(M.Suspended);
    expect(allowedTransitions('membership', M.Applied)).not.toContain(M.Suspended);
  });
});

describe('precedesLastChange', () => {
  it.each<[string, string | null, string | undefined]>([
    ['2026-02-01', null, undefined],
    ['2026-02-01', '2026-02-01', undefined],
    ['2026-02-02', '2026-02-01', undefined],
    ['2026-01-31', '2026-02-01', '2026-02-01'],
    ['2025-12-31', '2026-01-01', '2026-01-01'],
  ])('%s after a change on %s → %s', (effectiveOn, last, expected) => {
    expect(precedesLastChange(effectiveOn, last)).toBe(expected);
  });
});
