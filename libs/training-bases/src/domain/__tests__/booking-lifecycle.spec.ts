import { BookingStatus as S } from '../../entities/training-base-enums';
import { bookingMove } from '../booking-lifecycle';

describe('booking life cycle', () => {
  const all = Object.values(S);
  const allowed: Array<[S, S, 'host' | 'host_or_owner']> = [
    [S.Requested, S.Approved, 'host'],
    [S.Requested, S.Rejected, 'host'],
    [S.Approved, S.Rejected, 'host'],
    [S.Requested, S.Cancelled, 'host_or_owner'],
    [S.Approved, S.Cancelled, 'host_or_owner'],
    [S.Approved, S.CheckedIn, 'host'],
    [S.CheckedIn, S.Completed, 'host'],
  ];

  it.each(allowed)('%s → %s by %s', (from, to, by) => {
    expect(bookingMove(from, to)).toEqual({ ok: true, by });
  });

  const refused = all.flatMap((from) =>
    all.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as const),
  );
  it.each(refused)('%s → %s is refused', (from, to) => {
    expect(bookingMove(from, to).ok).toBe(false);
  });

  it('no_show is never set by hand', () => {
    expect(bookingMove(S.Approved, S.NoShow)).toEqual({
      ok: false,
      reason: 'a booking cannot be moved to no_show by hand',
    });
  });
});
