import { NodeResult } from '../../domain/rollup';
import { compositeIndex, parseWeights } from '../overview.service';

const node = (code: string, completion: number | null) => ({ code, completion }) as NodeResult;

describe('the overview composite index', () => {
  it.each([
    ['default weights', 'A,B', { A: 0.5, B: 1 }, 75],
    ['weights', 'A:3,B:1', { A: 0.5, B: 1 }, 62.5],
    ['completion capped at 100 %', 'A', { A: 4 }, 100],
    ['a point without completion counts 0', 'A,B', { A: 1, B: null }, 50],
    ['an unknown point counts 0', 'A,Z', { A: 1 }, 50],
    ['all weights 0', 'A:0', { A: 1 }, null],
  ])('%s', (_label, points, completions, expected) => {
    const nodes = Object.fromEntries(
      Object.entries(completions as Record<string, number | null>).map(([c, v]) => [c, node(c, v)]),
    );
    const value = compositeIndex(nodes, parseWeights(points));
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 9);
  });

  it('parses CODE or CODE:weight', () => {
    expect(parseWeights('D4.1:2.5,D5.1')).toEqual([
      { code: 'D4.1', weight: 2.5 },
      { code: 'D5.1', weight: 1 },
    ]);
    expect(parseWeights(undefined)).toEqual([]);
  });
});
