import {
  BaseRules,
  BookingRule,
  bookingRuleViolations,
  quotaMonth,
  weeklyOccurrences,
  workstationHours,
} from '../booking-rules';
import { chinaInstant } from '../opening-hours';

const at = (date: string, time: string) => chinaInstant(date, time);

// A Monday–Friday base, 08:30–12:00 and 13:30–17:30, 10 workstations.
const RULES: BaseRules = {
  active: true,
  workstations: 10,
  openingHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opens: '08:30', closes: '12:00' },
    { weekday, opens: '13:30', closes: '17:30' },
  ]),
  closures: [{ startsOn: '2026-10-01', endsOn: '2026-10-07', reason: '国庆节' }],
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  leadTimeHours: 24,
  horizonDays: 30,
  allowedOrganizationTypes: ['enterprise', 'higher_vocational'],
  monthlyQuotaHours: 100,
};

// "Now": Monday 2026-09-14 10:00 Beijing time.
const NOW = at('2026-09-14', '10:00');
const OK = {
  startsAt: at('2026-09-16', '09:00'),
  endsAt: at('2026-09-16', '11:00'),
  workstations: 4,
  organizationType: 'enterprise',
};

describe('booking rules', () => {
  it('accepts a booking that keeps every rule', () => {
    expect(bookingRuleViolations(RULES, OK, NOW, 0)).toEqual([]);
  });

  it.each<[string, Partial<typeof OK> & { areaWorkstations?: number }, Partial<BaseRules>, number, BookingRule]>([
    ['too short', { endsAt: at('2026-09-16', '09:30') }, {}, 0, BookingRule.MinDuration],
    [
      'too long',
      { startsAt: at('2026-09-16', '13:30'), endsAt: at('2026-09-16', '17:30') },
      { maxDurationMinutes: 200 },
      0,
      BookingRule.MaxDuration,
    ],
    [
      'inside the lead time',
      { startsAt: at('2026-09-15', '09:00'), endsAt: at('2026-09-15', '11:00') },
      {},
      0,
      BookingRule.LeadTime,
    ],
    [
      'beyond the horizon',
      { startsAt: at('2026-10-15', '09:00'), endsAt: at('2026-10-15', '11:00') },
      {},
      0,
      BookingRule.Horizon,
    ],
    [
      'across the lunch break',
      { startsAt: at('2026-09-16', '11:00'), endsAt: at('2026-09-16', '14:00') },
      {},
      0,
      BookingRule.OpeningHours,
    ],
    [
      'before opening',
      { startsAt: at('2026-09-16', '08:00'), endsAt: at('2026-09-16', '09:30') },
      {},
      0,
      BookingRule.OpeningHours,
    ],
    [
      'on a Saturday',
      { startsAt: at('2026-09-19', '09:00'), endsAt: at('2026-09-19', '11:00') },
      {},
      0,
      BookingRule.OpeningHours,
    ],
    [
      'on a closed day',
      { startsAt: at('2026-10-02', '09:00'), endsAt: at('2026-10-02', '11:00') },
      { horizonDays: 60 },
      0,
      BookingRule.Closure,
    ],
    ['an organization type not admitted', { organizationType: 'government' }, {}, 0, BookingRule.OrganizationType],
    ['more workstations than the base', { workstations: 11 }, {}, 0, BookingRule.Workstations],
    ['more workstations than the area', { areaWorkstations: 3 }, {}, 0, BookingRule.AreaWorkstations],
    ['over the monthly quota', {}, {}, 93, BookingRule.MonthlyQuota],
    ['a suspended base', {}, { active: false }, 0, BookingRule.BaseNotActive],
  ])('refuses %s', (_name, candidate, rules, quotaUsed, rule) => {
    const violations = bookingRuleViolations({ ...RULES, ...rules }, { ...OK, ...candidate }, NOW, quotaUsed);
    expect(violations.map((v) => v.rule)).toEqual([rule]);
  });

  it('fills the quota exactly but not beyond (4 workstations × 2 h = 8 h)', () => {
    expect(bookingRuleViolations(RULES, OK, NOW, 92)).toEqual([]);
    expect(bookingRuleViolations(RULES, OK, NOW, 92.5).map((v) => v.rule)).toEqual([BookingRule.MonthlyQuota]);
    expect(bookingRuleViolations({ ...RULES, monthlyQuotaHours: null }, OK, NOW, 1e6)).toEqual([]);
  });

  it('admits every organization type when the list is empty', () => {
    expect(
      bookingRuleViolations(
        { ...RULES, allowedOrganizationTypes: [] },
        { ...OK, organizationType: 'government' },
        NOW,
        0,
      ),
    ).toEqual([]);
  });

  it('a window ending at 24:00 holds a booking to midnight', () => {
    const rules = { ...RULES, openingHours: [{ weekday: 3, opens: '18:00', closes: '24:00' }] };
    const evening = { ...OK, startsAt: at('2026-09-16', '20:00'), endsAt: at('2026-09-17', '00:00') };
    expect(bookingRuleViolations(rules, evening, NOW, 0)).toEqual([]);
  });

  it('a base open round the clock takes a booking across midnight, unless the next day is closed or shut', () => {
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
    const rules = { ...RULES, openingHours: allDay };
    const overnight = { ...OK, startsAt: at('2026-09-16', '23:15'), endsAt: at('2026-09-17', '00:15') };
    expect(bookingRuleViolations(rules, overnight, NOW, 0)).toEqual([]);
    const closedNextDay = { ...rules, closures: [{ startsOn: '2026-09-17', endsOn: '2026-09-17', reason: '检修' }] };
    const refused = bookingRuleViolations(closedNextDay, overnight, NOW, 0);
    expect(refused.map((v) => v.rule)).toEqual([BookingRule.Closure]);
    expect(refused[0].message).toContain('2026-09-17');
    const thursdayShut = { ...rules, openingHours: allDay.filter((window) => window.weekday !== 4) };
    expect(bookingRuleViolations(thursdayShut, overnight, NOW, 0).map((v) => v.rule)).toEqual([
      BookingRule.OpeningHours,
    ]);
  });

  it('counts workstation-hours and the China-time month (a booking at 07:00 Beijing on the 1st is that month)', () => {
    expect(workstationHours(at('2026-09-16', '09:00'), at('2026-09-16', '10:30'), 4)).toBe(6);
    expect(quotaMonth(at('2026-10-01', '07:00'))).toBe('2026-10'); // 2026-09-30T23:00Z
    expect(quotaMonth(at('2026-09-30', '23:59'))).toBe('2026-09');
  });
});

describe('weekly recurrence', () => {
  it('repeats every 7 days up to and including the last day', () => {
    const series = weeklyOccurrences(at('2026-09-16', '09:00'), at('2026-09-16', '11:00'), '2026-10-07', 60);
    expect(series.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-09-16T01:00:00.000Z',
      '2026-09-23T01:00:00.000Z',
      '2026-09-30T01:00:00.000Z',
      '2026-10-07T01:00:00.000Z',
    ]);
    expect(series[3].endsAt.toISOString()).toBe('2026-10-07T03:00:00.000Z');
  });

  it('reads the last day in China time (an occurrence at 07:00 Beijing is still on that day)', () => {
    const series = weeklyOccurrences(at('2026-09-16', '07:00'), at('2026-09-16', '08:00'), '2026-09-23', 60);
    expect(series).toHaveLength(2);
  });

  it('has no occurrence when the last day is before the first', () => {
    expect(weeklyOccurrences(at('2026-09-16', '09:00'), at('2026-09-16', '11:00'), '2026-09-15', 60)).toEqual([]);
  });

  it('refuses more occurrences than allowed', () => {
    expect(() => weeklyOccurrences(at('2026-09-16', '09:00'), at('2026-09-16', '11:00'), '2027-09-16', 20)).toThrow(
      RangeError,
    );
  });
});
