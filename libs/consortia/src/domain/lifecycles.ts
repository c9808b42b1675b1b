import { ConsortiumStatus } from '../entities/consortium-status';
import { MembershipStatus } from '../entities/membership-status';

/**
 * The allowed moves of each lifecycle, as data. A consortium follows the
 * Ministry's process one step at a time and can be revoked once it has been
 * recommended by the province; a member organization's membership is applied
 * for, accepted or rejected, suspended and restored, and can be withdrawn from
 * any open state.
 */
const LIFECYCLES: {
  consortium: Record<ConsortiumStatus, ConsortiumStatus[]>;
  membership: Record<MembershipStatus, MembershipStatus[]>;
} = {
  consortium: {
    [ConsortiumStatus.Planning]: [ConsortiumStatus.Applied],
    [ConsortiumStatus.Applied]: [ConsortiumStatus.ProvinciallyRecommended],
    [ConsortiumStatus.ProvinciallyRecommended]: [ConsortiumStatus.CultivationList, ConsortiumStatus.Revoked],
    [ConsortiumStatus.CultivationList]: [ConsortiumStatus.UnderConstruction, ConsortiumStatus.Revoked],
    [ConsortiumStatus.UnderConstruction]: [ConsortiumStatus.Accepted, ConsortiumStatus.Revoked],
    [ConsortiumStatus.Accepted]: [ConsortiumStatus.Revoked],
    [ConsortiumStatus.Revoked]: [],
  },
  membership: {
    [MembershipStatus.Applied]: [MembershipStatus.Active, MembershipStatus.Rejected, MembershipStatus.Withdrawn],
    [MembershipStatus.Active]: [MembershipStatus.Suspended, MembershipStatus.Withdrawn],
    [MembershipStatus.Suspended]: [MembershipStatus.Active, MembershipStatus.Withdrawn],
    [MembershipStatus.Rejected]: [],
    [MembershipStatus.Withdrawn]: [],
  },
};

export type Lifecycle = keyof typeof LIFECYCLES;
type StateOf<L extends Lifecycle> = L extends 'consortium' ? ConsortiumStatus : MembershipStatus;

export function allowedTransitions<L extends Lifecycle>(lifecycle: L, from: StateOf<L>): StateOf<L>[] {
  const table = LIFECYCLES[lifecycle] as Record<string, string[]>;
  return [...(table[from] ?? [])] as StateOf<L>[];
}

export function canTransition<L extends Lifecycle>(lifecycle: L, from: StateOf<L>, to: StateOf<L>): boolean {
  return allowedTransitions(lifecycle, from).includes(to);
}

/**
 * A history reads forwards: a change cannot take effect before the last one did
 * (dates are YYYY-MM-DD, so they compare as text). Returns the date it must not precede.
 */
export function precedesLastChange(effectiveOn: string, lastChangeOn: string | null | undefined): string | undefined {
  return lastChangeOn && effectiveOn < lastChangeOn ? lastChangeOn : undefined;
}
