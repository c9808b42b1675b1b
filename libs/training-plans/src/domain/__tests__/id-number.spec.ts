import { checkCharacter, idNumberProblem, normalizeIdNumber, withCheckCharacter } from '../id-number';

describe('GB 11643 ID numbers', () => {
  // The standard's own example (GB 11643-1999 appendix): 11010519491231002X.
  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    [' 110105 19491231002X ', null],
    ['110105194912310021', 'check_digit'],
    ['11010519491231002', 'format'],
    ['1101051949123100211', 'format'],
    ['11010519491231002Y', 'format'],
    ['110105194902300020', 'birth_date'],
    ['110105189912310020', 'birth_date'],
    ['11010519491331002X', 'birth_date'],
    ['', 'format'],
  ])('%p → %p', (value, problem) => {
    expect(idNumberProblem(value)).toBe(problem);
  });

  it.each([
    ['11010519491231002', 'X'],
    ['32058319900101001', '0'],
    ['44030419851231123', '3'],
  ])('check character of %s is %s', (first17, expected) => {
    expect(checkCharacter(first17)).toBe(expected);
    expect(idNumberProblem(withCheckCharacter(first17))).toBeNull();
  });

  it('normalizes to upper case without spaces', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});
