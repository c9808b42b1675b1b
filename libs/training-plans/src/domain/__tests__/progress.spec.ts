import { computeProgress, fromUnits, ProgressDelivery, ProgressItem, ProgressRosterEntry, toUnits } from '../progress';

/**
 * A hand-computed table (docs/training-plans.md, "Progress"): three items of the
 * approved version, four sessions (one of an item the version dropped), rosters where
 * person h1 attends sessions of both providers.
 */
const items: ProgressItem[] = [
  {
    itemKey: 'A',
    title: '岗前A',
    type: 'pre_job',
    providerOrganizationId: 'P1',
    plannedSessions: 4,
    plannedParticipantTimes: 100,
    plannedHours: '32.0',
    budget: '40000.00',
  },
  {
    itemKey: 'B',
    title: '岗位B',
    type: 'on_job',
    providerOrganizationId: 'P2',
    plannedSessions: 2,
    plannedParticipantTimes: 40,
    plannedHours: '16.5',
    budget: '10000.50',
  },
  {
    itemKey: 'C',
    title: '岗前C',
    type: 'pre_job',
    providerOrganizationId: 'P2',
    plannedSessions: 1,
    plannedParticipantTimes: 20,
    plannedHours: '8.0',
    budget: '0.00',
  },
];
const deliveries: ProgressDelivery[] = [
  {
    id: 'd1',
    itemKey: 'A',
    type: 'pre_job',
    providerOrganizationId: 'P1',
    hours: '8.0',
    participantCount: 25,
    fundsReceived: '10000.00',
  },
  {
    id: 'd2',
    itemKey: 'A',
    type: 'pre_job',
    providerOrganizationId: 'P1',
    hours: '8.5',
    participantCount: 30,
    fundsReceived: '12000.25',
  },
  {
    id: 'd3',
    itemKey: 'B',
    type: 'on_job',
    providerOrganizationId: 'P2',
    hours: '4.0',
    participantCount: 18,
    fundsReceived: '2500.10',
  },
  {
    id: 'd4',
    itemKey: 'X',
    type: 'on_job',
    providerOrganizationId: 'P2',
    hours: '2.0',
    participantCount: 5,
    fundsReceived: '0.00',
  },
];
const roster: ProgressRosterEntry[] = [
  ...['h1', 'h2', 'h3', null].map((idHash) => ({ deliveryId: 'd1', idHash })),
  ...['h1', 'h2', 'h4'].map((idHash) => ({ deliveryId: 'd2', idHash })),
  ...['h1', 'h5'].map((idHash) => ({ deliveryId: 'd3', idHash })),
];

type Row = [
  string,
  number,
  number,
  number,
  number,
  string,
  string,
  string,
  string,
  number | null,
  number | null,
  number | null,
  number,
  number,
  number,
];
// key, plannedSessions, sessions, plannedPT, PT, plannedHours, hours, budget, funds, ptRate, hoursRate, fundsRate, distinct, entries, withoutId
const BY_ITEM: Row[] = [
  ['A', 4, 2, 100, 55, '32.0', '16.5', '40000.00', '22000.25', 0.55, 0.5156, 0.55, 4, 7, 1],
  ['B', 2, 1, 40, 18, '16.5', '4.0', '10000.50', '2500.10', 0.45, 0.2424, 0.25, 2, 2, 0],
  ['C', 1, 0, 20, 0, '8.0', '0.0', '0.00', '0.00', 0, 0, null, 0, 0, 0],
  ['X', 0, 1, 0, 5, '0.0', '2.0', '0.00', '0.00', null, null, null, 0, 0, 0],
];
const BY_TYPE: Row[] = [
  ['on_job', 2, 2, 40, 23, '16.5', '6.0', '10000.50', '2500.10', 0.575, 0.3636, 0.25, 2, 2, 0],
  ['pre_job', 5, 2, 120, 55, '40.0', '16.5', '40000.00', '22000.25', 0.4583, 0.4125, 0.55, 4, 7, 1],
];
const BY_PROVIDER: Row[] = [
  ['P1', 4, 2, 100, 55, '32.0', '16.5', '40000.00', '22000.25', 0.55, 0.5156, 0.55, 4, 7, 1],
  ['P2', 3, 2, 60, 23, '24.5', '6.0', '10000.50', '2500.10', 0.3833, 0.2449, 0.25, 2, 2, 0],
];
const TOTAL: Row = ['', 7, 4, 160, 78, '56.5', '22.5', '50000.50', '24500.35', 0.4875, 0.3982, 0.49, 5, 9, 1];

function figures(row: Row) {
  const [
    ,
    plannedSessions,
    sessions,
    plannedParticipantTimes,
    participantTimes,
    plannedHours,
    hours,
    budget,
    fundsReceived,
    participantTimesRate,
    hoursRate,
    fundsRate,
    distinctPersons,
    rosterEntries,
    entriesWithoutId,
  ] = row;
  return {
    plannedSessions,
    sessions,
    plannedParticipantTimes,
    participantTimes,
    plannedHours,
    hours,
    budget,
    fundsReceived,
    participantTimesRate,
    hoursRate,
    fundsRate,
    distinctPersons,
    rosterEntries,
    entriesWithoutId,
  };
}

describe('computeProgress against a hand-computed table', () => {
  const progress = computeProgress(items, deliveries, roster);

  it.each(BY_ITEM)('item %s', (key, ...rest) => {
    const row = progress.byItem.find((r) => r.key === key);
    expect(row).toMatchObject({ key, ...figures([key, ...rest] as Row) });
  });

  it('marks the item the version dropped', () => {
    expect(progress.byItem.find((r) => r.key === 'X')?.inPlan).toBe(false);
    expect(progress.byItem.filter((r) => r.inPlan).map((r) => r.key)).toEqual(['A', 'B', 'C']);
  });

  it.each(BY_TYPE)('type %s', (key, ...rest) => {
    expect(progress.byType.find((r) => r.key === key)).toEqual({ key, ...figures([key, ...rest] as Row) });
  });

  it.each(BY_PROVIDER)('provider %s', (key, ...rest) => {
    expect(progress.byProvider.find((r) => r.key === key)).toEqual({ key, ...figures([key, ...rest] as Row) });
  });

  it('totals, counting a person of two providers once', () => {
    expect(progress.total).toEqual(figures(TOTAL));
    const perProvider = progress.byProvider.reduce((sum, r) => sum + r.distinctPersons, 0);
    expect(perProvider).toBe(6);
    expect(progress.total.distinctPersons).toBe(5);
  });

  it('is all zeros for an empty plan', () => {
    expect(computeProgress([], [], []).total).toMatchObject({
      sessions: 0,
      hours: '0.0',
      fundsReceived: '0.00',
      participantTimesRate: null,
    });
  });
});

describe('decimal units', () => {
  it.each([
    ['12.5', 1, 125],
    ['0.0', 1, 0],
    ['7', 1, 70],
    ['1234.56', 2, 123456],
    ['0.05', 2, 5],
    ['999999999999.99', 2, 99999999999999],
  ])('%s at scale %d is %d units and back', (text, scale, units) => {
    expect(toUnits(text, scale)).toBe(units);
    expect(Number(fromUnits(units, scale))).toBe(Number(text));
  });

  it('adds money without float drift', () => {
    const fen = ['0.10', '0.20', '0.30'].reduce((sum, v) => sum + toUnits(v, 2), 0);
    expect(fromUnits(fen, 2)).toBe('0.60');
  });
});
