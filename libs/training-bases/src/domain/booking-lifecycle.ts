import { BookingStatus } from '../entities/training-base-enums';

/** Who may make a move: the host's users (and the secretariat), or also the booking organization. */
export type MoveActor = 'host' | 'host_or_owner';

interface Move {
  from: readonly BookingStatus[];
  by: MoveActor;
}

/**
 * The booking life cycle: requested → approved → checked_in → completed, or rejected,
 * cancelled, and no_show (set by the no-show job only, after the grace period).
 */
export const BOOKING_MOVES: { readonly [To in BookingStatus]?: Move } = {
  [BookingStatus.Approved]: { from: [BookingStatus.Requested], by: 'host' },
  [BookingStatus.Rejected]: { from: [BookingStatus.Requested, BookingStatus.Approved], by: 'host' },
  [BookingStatus.Cancelled]: { from: [BookingStatus.Requested, BookingStatus.Approved], by: 'host_or_owner' },
  [BookingStatus.CheckedIn]: { from: [BookingStatus.Approved], by: 'host' },
  [BookingStatus.Completed]: { from: [BookingStatus.CheckedIn], by: 'host' },
};

/** The move to `to`, or why it is refused. */
export function bookingMove(
  from: BookingStatus,
  to: BookingStatus,
): { ok: true; by: MoveActor } | { ok: false; reason: string } {
  const move = BOOKING_MOVES[to];
  if (!move) return { ok: false, reason: `a booking cannot be moved to ${to} by hand` };
  if (!move.from.includes(from)) {
    return { ok: false, reason: `a ${from} booking cannot become ${to} (only from ${move.from.join(' or ')})` };
  }
  return { ok: true, by: move.by };
}

/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_OPENS_MINUTES = 60;
