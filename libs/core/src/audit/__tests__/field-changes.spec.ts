import { fieldChanges } from '../field-changes';

describe('fieldChanges', () => {
  const current = { name: '联合体', rank: 3, industries: [{ code: 'C34' }], title: null as string | null };

  it.each([
    ['nothing set', {}, {}],
    ['the same values (arrays by value)', { name: '联合体', industries: [{ code: 'C34' }] }, {}],
    ['undefined fields', { name: undefined, rank: undefined }, {}],
    ['a changed scalar', { rank: 2 }, { rank: { from: 3, to: 2 } }],
    [
      'a changed array',
      { industries: [{ code: 'C35' }] },
      { industries: { from: [{ code: 'C34' }], to: [{ code: 'C35' }] } },
    ],
    ['a field set where there was none', { title: '所长' }, { title: { from: null, to: '所长' } }],
  ])('reports %s', (_label, patch, diff) => {
    const result = fieldChanges(current, patch);
    expect(result.diff).toEqual(diff);
    expect(result.changes).toEqual(Object.fromEntries(Object.entries(diff).map(([key, { to }]) => [key, to])));
  });
});
