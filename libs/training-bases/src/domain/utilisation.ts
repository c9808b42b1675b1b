import { addMonths, chinaStartOfDay } from '@chanjiao/core';
import { BookingPurpose, BookingStatus } from '../entities/training-base-enums';
import { ClosureDays, HOUR_MS, OpeningWindow, openIntervals } from './opening-hours';
import { round2 } from './booking-rules';

export interface UtilisationBooking {
  organizationId: string;
  purpose: BookingPurpose;
  status: BookingStatus;
  workstations: number;
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  expectedParticipants: number;
}

export interface UtilisationFigures {
  availableHours: number;
  bookedHours: number;
  usedHours: number;
  /** used / available (0–1, 4 decimals); null when the base had no open hours. */
  utilisation: number | null;
  bookings: number;
  noShows: number;
  participants: number;
}

export interface UtilisationBreakdown<K extends string> {
  key: K;
  bookedHours: number;
  usedHours: number;
  bookings: number;
  noShows: number;
}

/** Statuses that hold a commitment (booked hours); `requested` is not booked yet, refusals never were. */
const BOOKED: readonly BookingStatus[] = [
  BookingStatus.Approved,
  BookingStatus.CheckedIn,
  BookingStatus.Completed,
  BookingStatus.NoShow,
];

/** The first instant of a China-time month (`YYYY-MM`) and of the next one. */
export function monthBounds(month: string): { from: Date; to: Date; firstDay: string; lastDay: string } {
  const firstDay = `${month}-01`;
  const next = addMonths(firstDay, 1);
  const lastDay = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from: chinaStartOfDay(firstDay), to: chinaStartOfDay(next), firstDay, lastDay };
}

/** Hours of [start, end) that fall inside [from, to). */
export function overlapHours(start: Date, end: Date, from: Date, to: Date): number {
  const ms = Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime());
  return ms > 0 ? ms / HOUR_MS : 0;
}

/** Workstation-hours the base was open in the month: opening hours minus closures, times workstations. */
export function availableWorkstationHours(
  windows: readonly OpeningWindow[],
  closures: readonly ClosureDays[],
  month: string,
  workstations: number,
): number {
  const { from, to, firstDay, lastDay } = monthBounds(month);
  const hours = openIntervals(windows, closures, firstDay, lastDay).reduce(
    (sum, interval) => sum + overlapHours(interval.start, interval.end, from, to),
    0,
  );
  return hours * workstations;
}

/** Booked hours (commitments) and used hours (check-in to check-out, or to `now` while checked in) in the month. */
export function bookingHours(booking: UtilisationBooking, month: string, now: Date): { booked: number; used: number } {
  const { from, to } = monthBounds(month);
  const booked = BOOKED.includes(booking.status)
    ? overlapHours(booking.startsAt, booking.endsAt, from, to) * booking.workstations
    : 0;
  let used = 0;
  if (
    booking.checkedInAt &&
    (booking.status === BookingStatus.CheckedIn || booking.status === BookingStatus.Completed)
  ) {
    const until = booking.checkedOutAt ?? (now.getTime() < booking.endsAt.getTime() ? now : booking.endsAt);
    used = overlapHours(booking.checkedInAt, until, from, to) * booking.workstations;
  }
  return { booked, used };
}

export function utilisationFigures(
  availableHours: number,
  bookings: readonly UtilisationBooking[],
  month: string,
  now: Date,
): UtilisationFigures {
  let bookedHours = 0;
  let usedHours = 0;
  let counted = 0;
  let noShows = 0;
  let participants = 0;
  for (const booking of bookings) {
    const hours = bookingHours(booking, month, now);
    bookedHours += hours.booked;
    usedHours += hours.used;
    if (BOOKED.includes(booking.status)) counted += 1;
    if (booking.status === BookingStatus.NoShow) noShows += 1;
    if (booking.status === BookingStatus.Completed || booking.status === BookingStatus.CheckedIn) {
      participants += booking.expectedParticipants;
    }
  }
  return {
    availableHours: round2(availableHours),
    bookedHours: round2(bookedHours),
    usedHours: round2(usedHours),
    utilisation: availableHours > 0 ? Math.round((usedHours / availableHours) * 10_000) / 10_000 : null,
    bookings: counted,
    noShows,
    participants,
  };
}

/** Booked and used hours grouped by a key (organization, purpose). */
export function breakdown<K extends string>(
  bookings: readonly UtilisationBooking[],
  keyOf: (booking: UtilisationBooking) => K,
  month: string,
  now: Date,
): Array<UtilisationBreakdown<K>> {
  const groups = new Map<K, UtilisationBreakdown<K>>();
  for (const booking of bookings) {
    const key = keyOf(booking);
    const group = groups.get(key) ?? { key, bookedHours: 0, usedHours: 0, bookings: 0, noShows: 0 };
    const hours = bookingHours(booking, month, now);
    group.bookedHours += hours.booked;
    group.usedHours += hours.used;
    if (BOOKED.includes(booking.status)) group.bookings += 1;
    if (booking.status === BookingStatus.NoShow) group.noShows += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((group) => group.bookings > 0)
    .map((group) => ({ ...group, bookedHours: round2(group.bookedHours), usedHours: round2(group.usedHours) }))
    .sort((a, b) => b.bookedHours - a.bookedHours || a.key.localeCompare(b.key));
}

/**
 * Fee of an organization in the month: booked hours of completed and no-show bookings
 * (no-shows pay what they held) times the base's rate for members or non-members; the
 * host organization pays nothing. Yuan, two decimals, as a string.
 */
export function feeDue(bookings: readonly UtilisationBooking[], month: string, ratePerHour: string): string {
  const { from, to } = monthBounds(month);
  let hours = 0;
  for (const booking of bookings) {
    if (booking.status !== BookingStatus.Completed && booking.status !== BookingStatus.NoShow) continue;
    hours += overlapHours(booking.startsAt, booking.endsAt, from, to) * booking.workstations;
  }
  // Cents in integers: hours carry at most minute precision, rates two decimals.
  const cents = Math.round(hours * Math.round(Number(ratePerHour) * 100));
  return (cents / 100).toFixed(2);
}
