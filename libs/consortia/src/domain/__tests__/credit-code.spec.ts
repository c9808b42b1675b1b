import { validateSync } from 'class-validator';
import { creditCodeCheckCharacter, IsUnifiedSocialCreditCode, validateCreditCode } from '../credit-code';

/** Real-format codes of well-known registrants (public business-licence data); each checks out. */
const VALID = [
  '91350100M000100Y43',
  '91110000100017643K',
  '91440300708461136T',
  '914403001922038216',
  '91310000717866186P',
];

describe('validateCreditCode (GB 32100-2015)', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code });
  });

  it.each([
    ['lower case', '91350100m000100y43', '91350100M000100Y43'],
    ['surrounding spaces', '  914403001922038216 ', '914403001922038216'],
  ])('normalizes %s', (_label, input, normalized) => {
    expect(validateCreditCode(input)).toEqual({ valid: true, normalized });
  });

  it.each(VALID)('computes the check character of %s from its first 17', (code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it.each(
    VALID.flatMap((code) =>
      [...'0123456789ABCDEFGHJKLMNPQRTUWXY']
        .filter((c) => c !== code[17])
        .slice(0, 3)
        .map((c) => [code, c]),
    ),
  )('rejects %s with check character replaced by %s', (code, replacement) => {
    const result = validateCreditCode(code.slice(0, 17) + replacement);
    expect(result).toEqual({
      valid: false,
      reason: 'check_digit',
      message: `check digit should be '${code[17]}' but is '${replacement}'`,
      messageZh: `校验位应为“${code[17]}”，实际为“${replacement}”`,
    });
  });

  it.each([
    ['', 0],
    ['91350100M000100Y4', 17],
    ['91350100M000100Y433', 19],
  ])('rejects %p by length', (code, length) => {
    expect(validateCreditCode(code)).toEqual({
      valid: false,
      reason: 'length',
      message: `must be 18 characters (got ${length})`,
      messageZh: `应为 18 位（实际 ${length} 位）`,
    });
  });

  it.each([
    ['I', '91350100I000100Y43', 9],
    ['O', '91350100O000100Y43', 9],
    ['S', '91350100S000100Y43', 9],
    ['V', '91350100V000100Y43', 9],
    ['Z', '91350100Z000100Y43', 9],
    ['-', '91350100-000100Y43', 9],
    ['中', '91350100中000100Y43', 9],
    [' ', '91350100 000100Y43', 9],
  ])('rejects the illegal character %p, naming its position', (character, code, position) => {
    expect(validateCreditCode(code)).toEqual({
      valid: false,
      reason: 'characters',
      message: `contains illegal character '${character}' at position ${position} (I, O, S, V and Z are never used)`,
      messageZh: `第 ${position} 位含非法字符“${character}”（不使用 I、O、S、V、Z）`,
    });
  });

  it('rejects a non-numeric administrative division code', () => {
    expect(validateCreditCode('91A50100M000100Y43')).toMatchObject({ valid: false, reason: 'division' });
  });
});

describe('@IsUnifiedSocialCreditCode', () => {
  class Subject {
    @IsUnifiedSocialCreditCode()
    creditCode: unknown;
  }
  const problems = (value: unknown) => {
    const subject = Object.assign(new Subject(), { creditCode: value });
    return validateSync(subject).flatMap((error) => Object.values(error.constraints ?? {}));
  };

  it('passes a valid code', () => expect(problems(VALID[0])).toEqual([]));

  it.each([
    [
      '91350100M000100Y44',
      "creditCode is not a valid unified social credit code: check digit should be '3' but is '4'",
    ],
    ['9135', 'creditCode is not a valid unified social credit code: must be 18 characters (got 4)'],
    [42, 'creditCode is not a valid unified social credit code: must be a string'],
  ])('explains %p', (value, message) => {
    expect(problems(value)).toEqual([message]);
  });
});

describe('full-width input', () => {
  it('accepts a code typed with full-width characters', () => {
    expect(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({
      valid: true,
      normalized: '91350100M000100Y43',
    });
  });
});
