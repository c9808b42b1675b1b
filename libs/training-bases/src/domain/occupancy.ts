import { OpenInterval } from './opening-hours';

/** A live booking as it holds workstations: [start, until), `until` = end + buffer. */
export interface Occupancy {
  start: Date;
  until: Date;
  workstations: number;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Peak workstations held at any instant of [from, until) (reached at `from` or at a booking's start). */
export function peakLoad(occupancy: readonly Occupancy[], from: Date, until: Date): number {
  const instants = [from.getTime()];
  for (const o of occupancy) {
    const t = o.start.getTime();
    if (t > from.getTime() && t < until.getTime()) instants.push(t);
  }
  let peak = 0;
  for (const at of instants) {
    let load = 0;
    for (const o of occupancy) if (o.start.getTime() <= at && o.until.getTime() > at) load += o.workstations;
    peak = Math.max(peak, load);
  }
  return peak;
}

/**
 * The free windows of one open interval for a booking of `need` workstations lasting
 * `durationMs`: a booking [s, s + d] fits when its occupied range [s, s + d + buffer)
 * never pushes the load past `capacity`, s is at or after `notBefore` and the booking
 * itself ends by the close (its buffer may run past it). Each window is the widest
 * [first start, last end] of such bookings; windows shorter than the duration are left out.
 */
export function freeWindows(
  open: OpenInterval,
  occupancy: readonly Occupancy[],
  capacity: number,
  need: number,
  durationMs: number,
  bufferMs: number,
  notBefore: Date,
): TimeWindow[] {
  const from = open.start.getTime();
  const horizon = open.end.getTime() + bufferMs;
  const points = new Set<number>([from, horizon]);
  const relevant = occupancy.filter((o) => o.start.getTime() < horizon && o.until.getTime() > from);
  for (const o of relevant) {
    if (o.start.getTime() > from) points.add(o.start.getTime());
    if (o.until.getTime() < horizon) points.add(o.until.getTime());
  }
  const sorted = [...points].sort((a, b) => a - b);
  const segments: Array<[number, number]> = [];
  for (let i = 0; i < sorted.length - 1; i += 1) {
    const at = sorted[i];
    let load = 0;
    for (const o of relevant) if (o.start.getTime() <= at && o.until.getTime() > at) load += o.workstations;
    if (load + need > capacity) continue;
    const last = segments[segments.length - 1];
    if (last && last[1] === at) last[1] = sorted[i + 1];
    else segments.push([at, sorted[i + 1]]);
  }
  const windows: TimeWindow[] = [];
  for (const [a, b] of segments) {
    const start = Math.max(a, from, notBefore.getTime());
    const end = Math.min(b - bufferMs, open.end.getTime());
    if (end - start >= durationMs && durationMs > 0) windows.push({ start: new Date(start), end: new Date(end) });
  }
  return windows;
}
