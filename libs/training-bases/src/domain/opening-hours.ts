import { addDays, CHINA_UTC_OFFSET, chinaDateOf } from '@chanjiao/core';

/** One opening window of a weekday, China time: `opens`–`closes` as HH:MM (`closes` may be 24:00). */
export interface OpeningWindow {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  opens: string;
  closes: string;
}

/** A closed stretch of days (holiday, maintenance), China-time dates, inclusive. */
export interface ClosureDays {
  startsOn: string;
  endsOn: string;
  reason?: string;
}

export interface OpenInterval {
  /** The China-time day. */
  date: string;
  start: Date;
  end: Date;
}

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The instant `HH:MM` on a China-time day (24:00 is the next day's midnight). */
export function chinaInstant(date: string, time: string): Date {
  if (time === '24:00') return new Date(Date.parse(`${addDays(date, 1)}T00:00:00${CHINA_UTC_OFFSET}`));
  return new Date(Date.parse(`${date}T${time}:00${CHINA_UTC_OFFSET}`));
}

/** Problems of a weekly schedule (overlapping or inverted windows), empty when it is valid. */
export function openingHoursProblems(windows: readonly OpeningWindow[]): string[] {
  const problems: string[] = [];
  const byDay = new Map<number, OpeningWindow[]>();
  windows.forEach((window, index) => {
    if (window.opens === '24:00' || (window.closes !== '24:00' && window.closes <= window.opens)) {
      problems.push(`openingHours.${index}: closes (${window.closes}) must be after opens (${window.opens})`);
    }
    byDay.set(window.weekday, [...(byDay.get(window.weekday) ?? []), window]);
  });
  for (const [weekday, list] of byDay) {
    const sorted = [...list].sort((a, b) => a.opens.localeCompare(b.opens));
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i].opens < sorted[i - 1].closes) problems.push(`openingHours: windows of weekday ${weekday} overlap`);
    }
  }
  return problems;
}

export function closureOn(closures: readonly ClosureDays[], date: string): ClosureDays | undefined {
  return closures.find((closure) => closure.startsOn <= date && date <= closure.endsOn);
}

/** The open intervals of every China-time day from `fromDate` to `toDate` (inclusive), minus closed days. */
export function openIntervals(
  windows: readonly OpeningWindow[],
  closures: readonly ClosureDays[],
  fromDate: string,
  toDate: string,
): OpenInterval[] {
  const result: OpenInterval[] = [];
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    if (closureOn(closures, date)) continue;
    const weekday = isoWeekday(date);
    const today = windows.filter((window) => window.weekday === weekday).sort((a, b) => a.opens.localeCompare(b.opens));
    for (const window of today) {
      result.push({ date, start: chinaInstant(date, window.opens), end: chinaInstant(date, window.closes) });
    }
  }
  return result;
}

/** The China-time days a booking touches: from its start's day to the day of its last instant. */
export function daysSpanned(start: Date, end: Date): { first: string; last: string } {
  const first = chinaDateOf(start);
  const last = chinaDateOf(new Date(Math.max(start.getTime(), end.getTime() - 1)));
  return { first, last };
}

/** The first closed day among `first`…`last`, with its closure. */
export function firstClosedDay(
  closures: readonly ClosureDays[],
  first: string,
  last: string,
): { date: string; closure: ClosureDays } | undefined {
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const closure = closureOn(closures, date);
    if (closure) return { date, closure };
  }
  return undefined;
}

/**
 * The open stretch holding [start, end] whole, if any. Windows that touch (one closing at
 * 24:00, the next day's opening at 00:00) form one stretch, so a base open round the clock
 * takes a booking across midnight.
 */
export function windowHolding(
  windows: readonly OpeningWindow[],
  closures: readonly ClosureDays[],
  start: Date,
  end: Date,
): OpenInterval | undefined {
  const { first, last } = daysSpanned(start, end);
  const stretches: OpenInterval[] = [];
  for (const interval of openIntervals(windows, closures, first, last)) {
    const previous = stretches[stretches.length - 1];
    if (previous && previous.end.getTime() >= interval.start.getTime()) {
      if (interval.end.getTime() > previous.end.getTime()) previous.end = interval.end;
    } else {
      stretches.push({ ...interval });
    }
  }
  return stretches.find(
    (stretch) => stretch.start.getTime() <= start.getTime() && end.getTime() <= stretch.end.getTime(),
  );
}
