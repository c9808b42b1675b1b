import { BookingPurpose, BookingStatus } from '../../entities/training-base-enums';
import { chinaInstant } from '../opening-hours';
import {
  availableWorkstationHours,
  bookingHours,
  breakdown,
  feeDue,
  monthBounds,
  overlapHours,
  UtilisationBooking,
  utilisationFigures,
} from '../utilisation';

const at = chinaInstant;
const WEEKDAYS_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' }));

function booking(overrides: Partial<UtilisationBooking>): UtilisationBooking {
  return {
    organizationId: 'org-a',
    purpose: BookingPurpose.Course,
    status: BookingStatus.Completed,
    workstations: 2,
    startsAt: at('2026-09-16', '09:00'),
    endsAt: at('2026-09-16', '12:00'),
    checkedInAt: at('2026-09-16', '09:00'),
    checkedOutAt: at('2026-09-16', '11:00'),
    expectedParticipants: 5,
    ...overrides,
  };
}

describe('month bounds in China time', () => {
  it.each([
    ['2026-09', '2026-08-31T16:00:00.000Z', '2026-09-30T16:00:00.000Z', '2026-09-30'],
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-12-31'],
    ['2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z', '2028-02-29'],
  ])('%s', (month, from, to, lastDay) => {
    const bounds = monthBounds(month);
    expect([bounds.from.toISOString(), bounds.to.toISOString(), bounds.lastDay]).toEqual([from, to, lastDay]);
  });
});

describe('available workstation-hours', () => {
  it.each<[string, string, Array<{ startsOn: string; endsOn: string }>, number]>([
    // September 2026 has 22 weekdays: 22 × 8 h × 10 workstations.
    ['a plain month', '2026-09', [], 1760],
    // The National Day week closes 5 weekdays (Oct 1, 2, 5, 6, 7) of October's 22.
    ['minus a closure', '2026-10', [{ startsOn: '2026-10-01', endsOn: '2026-10-07' }], 1360],
    [
      'a closure across the month boundary counts only its days in the month',
      '2026-09',
      [{ startsOn: '2026-09-30', endsOn: '2026-10-07' }],
      1680,
    ],
    ['February of a leap year', '2028-02', [], 1680],
  ])('%s', (_name, month, closures, expected) => {
    expect(availableWorkstationHours(WEEKDAYS_9_TO_5, closures, month, 10)).toBe(expected);
  });

  it('clips a window running past midnight on the last day of the month', () => {
    const late = [{ weekday: 3, opens: '20:00', closes: '24:00' }]; // Wednesday 2026-09-30
    expect(availableWorkstationHours(late, [], '2026-09', 1)).toBe(5 * 4);
  });
});

describe('booked and used hours', () => {
  it.each<[string, Partial<UtilisationBooking>, string, { booked: number; used: number }]>([
    ['completed: booked 3 h, used 2 h, × 2', {}, '2026-09', { booked: 6, used: 4 }],
    [
      'no-show: booked, never used',
      { status: BookingStatus.NoShow, checkedInAt: null, checkedOutAt: null },
      '2026-09',
      { booked: 6, used: 0 },
    ],
    [
      'requested: neither',
      { status: BookingStatus.Requested, checkedInAt: null, checkedOutAt: null },
      '2026-09',
      { booked: 0, used: 0 },
    ],
    [
      'cancelled: neither',
      { status: BookingStatus.Cancelled, checkedInAt: null, checkedOutAt: null },
      '2026-09',
      { booked: 0, used: 0 },
    ],
    [
      'across the month boundary (Beijing midnight) counts each side in its month',
      {
        startsAt: at('2026-09-30', '22:00'),
        endsAt: at('2026-10-01', '02:00'),
        checkedInAt: at('2026-09-30', '22:00'),
        checkedOutAt: at('2026-10-01', '01:00'),
        workstations: 1,
      },
      '2026-10',
      { booked: 2, used: 1 },
    ],
  ])('%s', (_name, overrides, month, expected) => {
    expect(bookingHours(booking(overrides), month, at('2026-12-01', '00:00'))).toEqual(expected);
  });

  it('a booking still checked in is used up to now', () => {
    const open = booking({ status: BookingStatus.CheckedIn, checkedOutAt: null });
    expect(bookingHours(open, '2026-09', at('2026-09-16', '10:30')).used).toBe(3);
    expect(bookingHours(open, '2026-09', at('2026-09-17', '10:30')).used).toBe(6);
  });
});

describe('utilisation figures and breakdowns', () => {
  const bookings = [
    booking({}),
    booking({
      organizationId: 'org-b',
      purpose: BookingPurpose.Training,
      status: BookingStatus.NoShow,
      checkedInAt: null,
      checkedOutAt: null,
    }),
    booking({ organizationId: 'org-b', status: BookingStatus.Rejected, checkedInAt: null, checkedOutAt: null }),
  ];
  const now = at('2026-12-01', '00:00');

  it('sums booked, used, no-shows and participants; utilisation is used / available', () => {
    expect(utilisationFigures(100, bookings, '2026-09', now)).toEqual({
      availableHours: 100,
      bookedHours: 12,
      usedHours: 4,
      utilisation: 0.04,
      bookings: 2,
      noShows: 1,
      participants: 5,
    });
    expect(utilisationFigures(0, [], '2026-09', now).utilisation).toBeNull();
  });

  it('groups by organization and by purpose, leaving out groups without bookings', () => {
    expect(breakdown(bookings, (b) => b.organizationId, '2026-09', now)).toEqual([
      { key: 'org-a', bookedHours: 6, usedHours: 4, bookings: 1, noShows: 0 },
      { key: 'org-b', bookedHours: 6, usedHours: 0, bookings: 1, noShows: 1 },
    ]);
    expect(breakdown(bookings, (b) => b.purpose, '2026-09', now).map((g) => g.key)).toEqual(['course', 'training']);
  });

  it('bills completed and no-show hours at the rate, in yuan with cents', () => {
    expect(feeDue(bookings, '2026-09', '15.50')).toBe('186.00'); // 12 h × 15.50
    expect(feeDue([booking({ endsAt: at('2026-09-16', '09:20'), workstations: 1 })], '2026-09', '10.00')).toBe('3.33');
  });

  it('overlap hours are zero for disjoint ranges', () => {
    expect(
      overlapHours(
        at('2026-09-16', '09:00'),
        at('2026-09-16', '10:00'),
        at('2026-09-16', '10:00'),
        at('2026-09-16', '11:00'),
      ),
    ).toBe(0);
  });
});
