import { validateSync } from 'class-validator';
import { INT32_MAX, INT32_MIN, IsInt32, isInt32 } from '../number-validators';

class Rank {
  @IsInt32()
  rank: unknown;
}

describe('IsInt32', () => {
  it.each<[unknown, boolean]>([
    [0, true],
    [1, true],
    [-1, true],
    [INT32_MAX, true],
    [INT32_MIN, true],
    [INT32_MAX + 1, false],
    [INT32_MIN - 1, false],
    [3_000_000_000, false],
    [-3_000_000_000, false],
    [1e308, false],
    [Infinity, false],
    [-Infinity, false],
    [NaN, false],
    [1.5, false],
    ['1', false],
    ['3000000000', false],
    [null, false],
    [true, false],
    [[1], false],
  ])('%p → %p', (value, valid) => {
    expect(isInt32(value)).toBe(valid);
    const errors = validateSync(Object.assign(new Rank(), { rank: value }));
    expect(errors.length === 0).toBe(valid);
  });

  it('names the field and the range', () => {
    const [error] = validateSync(Object.assign(new Rank(), { rank: 3_000_000_000 }));
    expect(error.constraints).toEqual({ isInt32: 'rank must be a whole number from -2147483648 to 2147483647' });
  });
});
