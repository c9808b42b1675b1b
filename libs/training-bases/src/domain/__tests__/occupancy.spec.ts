import { freeWindows, Occupancy, peakLoad } from '../occupancy';
import { chinaInstant, MINUTE_MS } from '../opening-hours';

const day = '2026-09-16';
const t = (time: string) => chinaInstant(day, time);
const hm = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
const held = (start: string, until: string, workstations: number): Occupancy => ({
  start: t(start),
  until: t(until),
  workstations,
});
const open = { date: day, start: t('08:00'), end: t('18:00') };
const early = t('00:00');

describe('peak load', () => {
  it.each<[string, Occupancy[], string, string, number]>([
    ['nothing held', [], '09:00', '10:00', 0],
    ['one booking covering the range', [held('08:00', '12:00', 3)], '09:00', '10:00', 3],
    ['two overlapping only partly', [held('08:00', '10:00', 3), held('09:30', '11:00', 4)], '08:00', '11:00', 7],
    [
      'two touching end to start do not add up',
      [held('08:00', '10:00', 3), held('10:00', '11:00', 4)],
      '08:00',
      '11:00',
      4,
    ],
    ['a booking ending exactly at the start is free', [held('07:00', '09:00', 5)], '09:00', '10:00', 0],
    ['a booking starting exactly at the end is free', [held('10:00', '11:00', 5)], '09:00', '10:00', 0],
    [
      'peak inside the range',
      [held('08:00', '12:00', 2), held('10:00', '10:30', 6), held('11:00', '11:30', 1)],
      '09:00',
      '12:00',
      8,
    ],
  ])('%s', (_name, occupancy, from, until, peak) => {
    expect(peakLoad(occupancy, t(from), t(until))).toBe(peak);
  });
});

describe('free windows', () => {
  const windows = (occupancy: Occupancy[], need: number, minutes: number, buffer = 0, notBefore = early) =>
    freeWindows(open, occupancy, 10, need, minutes * MINUTE_MS, buffer * MINUTE_MS, notBefore).map(
      (w) => `${hm(w.start)}-${hm(w.end)}`,
    );

  it.each<[string, Occupancy[], number, number, number, string[]]>([
    ['an empty day is one window', [], 4, 60, 0, ['08:00-18:00']],
    ['a full booking splits the day', [held('10:00', '12:00', 10)], 1, 60, 0, ['08:00-10:00', '12:00-18:00']],
    ['a partial booking leaves room for few', [held('10:00', '12:00', 7)], 3, 60, 0, ['08:00-18:00']],
    ['… but not for many', [held('10:00', '12:00', 7)], 4, 60, 0, ['08:00-10:00', '12:00-18:00']],
    [
      'gaps shorter than the duration drop out',
      [held('09:00', '10:00', 10), held('10:30', '18:00', 10)],
      1,
      60,
      0,
      ['08:00-09:00'],
    ],
    [
      'the buffer keeps the time before a booking free',
      [held('10:00', '12:15', 10)],
      1,
      60,
      15,
      ['08:00-09:45', '12:15-18:00'],
    ],
    ['the last booking may end at closing (its buffer runs past)', [], 1, 60, 30, ['08:00-18:00']],
  ])('%s', (_name, occupancy, need, minutes, buffer, expected) => {
    expect(windows(occupancy, need, minutes, buffer)).toEqual(expected);
  });

  it('starts no earlier than the lead time allows', () => {
    expect(windows([], 1, 60, 0, t('13:20'))).toEqual(['13:20-18:00']);
    expect(windows([], 1, 60, 0, t('17:30'))).toEqual([]);
  });
});
