import { addDays, addMonths, chinaDateOf, chinaStartOfDay, daysBetween, isCalendarDate } from '../china-time';
import { Clock } from '../clock';
import { AppConfig } from '../../config/app-config';
import { isInstant } from '../../validation/date-validators';

describe('China time', () => {
  it.each([
    ['2026-11-30T15:59:59.999Z', '2026-11-30'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01'], // 00:00 Beijing time: already the next day in China
    ['2026-12-31T16:30:00.000Z', '2027-01-01'],
    ['2027-01-01T07:59:00.000Z', '2027-01-01'],
  ])('the China date of %s is %s', (instant, date) => {
    expect(chinaDateOf(new Date(instant))).toBe(date);
  });

  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2024-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-W50', false],
    ['2026-1-01', false],
    ['20261201', false],
    ['0000-01-01', false],
    [20261201, false],
  ])('isCalendarDate(%p) is %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['2026-12-10T09:00:00+08:00', true],
    ['2026-12-10T09:00+08:00', true],
    ['2026-12-10T01:00:00.123Z', true],
    ['2026-12-10T01:00:00.123456Z', true],
    ['2026-12-10T09:00:00+0800', true],
    ['2026-12-10T09:00:00', false], // no offset: would be read in the server's zone
    ['2026-12-10', false],
    ['2026-W50', false],
    ['2026-W50-1T09:00:00Z', false],
    ['2026-344T09:00:00Z', false],
    ['2026-02-30T09:00:00Z', false],
    ['2026-12-10T24:00:00Z', false],
    ['2026-12-10T09:00:00+25:00', false],
  ])('isInstant(%p) is %p', (value, expected) => {
    expect(isInstant(value)).toBe(expected);
  });

  it('moves dates by days and months, clamping to the month end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
    expect(daysBetween('2026-12-01', '2027-01-01')).toBe(31);
    expect(chinaStartOfDay('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('starts the clock at CLOCK_START and lets it run on', () => {
    const clock = new Clock({ clockStart: new Date('2027-01-01T00:30:00+08:00') } as AppConfig);
    expect(clock.chinaToday()).toBe('2027-01-01');
    expect(clock.chinaYear()).toBe(2027);
    expect(Math.abs(clock.now().getTime() - Date.parse('2027-01-01T00:30:00+08:00'))).toBeLessThan(5_000);
    clock.travelTo(new Date('2030-06-30T23:59:00+08:00'));
    expect(clock.chinaToday()).toBe('2030-06-30');
    expect(new Clock().chinaToday()).toBe(chinaDateOf(new Date()));
  });
});
