import { creditCodeCheckCharacter, validateCreditCode } from '../credit-code';

/**
 * Cross-checks of the GB 32100-2015 check character against an independent
 * oracle written from the standard's own tables (table 1: character values;
 * table 2: the weights listed, not computed), the standard's worked example and
 * codes published by other projects.
 */
const TABLE_1 = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const TABLE_2 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const weightedSum = (body: string) => [...body].reduce((sum, c, i) => sum + TABLE_1.indexOf(c) * TABLE_2[i], 0);
const oracle = (body: string) => TABLE_1[(31 - (weightedSum(body) % 31)) % 31];

describe('GB 32100-2015 worked example (91350100M000100Y4?)', () => {
  it('reproduces the weighted sum 1640, remainder 28 and check character 3', () => {
    expect(weightedSum('91350100M000100Y4')).toBe(1640);
    expect(1640 % 31).toBe(28);
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it("rejects the example's input 91350100M000100Y4Z (Z is not in the character set)", () => {
    expect(validateCreditCode('91350100M000100Y4Z')).toMatchObject({
      valid: false,
      reason: 'characters',
      message: expect.stringContaining("illegal character 'Z' at position 18"),
    });
  });
});

/** Published as valid by other projects' test suites (hutool CreditCodeUtilTest, wbximy-common). */
const PUBLISHED = ['91310110666007217T', '91310115591693856A', '91110000MA01A7RH2R', '53640000MJX173672F'];

describe('published codes', () => {
  it.each(PUBLISHED)('%s: oracle and validator agree it is valid', (code) => {
    expect(oracle(code.slice(0, 17))).toBe(code[17]);
    expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code });
    expect(validateCreditCode(code.toLowerCase())).toEqual({ valid: true, normalized: code });
  });

  it('rejects an early pilot-area code that does not follow the standard (91350211M00013FA1N)', () => {
    expect(validateCreditCode('91350211M00013FA1N')).toEqual({
      valid: false,
      reason: 'check_digit',
      message: "check digit should be '3' but is 'N'",
      messageZh: '校验位应为“3”，实际为“N”',
    });
  });
});

/** Bodies for each registration authority (1 机构编制, 5 民政, 9 工商, Y 其他) and several categories. */
const BODIES = [
  '11100000000013127', // 1 机构编制, 1 机关
  '12330100470113581', // 1 机构编制, 2 事业单位
  '51110000500000012', // 5 民政, 1 社会团体
  '52320500MJ0000009', // 5 民政, 2 民办非企业单位
  '91320500MA1XXXXXX', // 9 工商, 1 企业 (letters in the subject code)
  '92440300L00000001', // 9 工商, 2 个体工商户
  '93410100MA4000000', // 9 工商, 3 农民专业合作社
  'Y1650100000000001', // Y 其他
];

describe('codes generated from 17-character bodies', () => {
  it.each(BODIES)('%s + oracle check character is valid', (body) => {
    const code = body + oracle(body);
    expect(creditCodeCheckCharacter(body)).toBe(oracle(body));
    expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code });
    expect(validateCreditCode(` ${code.toLowerCase()}\t`)).toEqual({ valid: true, normalized: code });
  });
});

describe('error detection', () => {
  const code = '91310110666007217T';

  it('catches every single-character substitution in positions 1–17', () => {
    const missed: string[] = [];
    for (let i = 0; i < 17; i += 1) {
      const alphabet = i >= 2 && i < 8 ? '0123456789' : TABLE_1;
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        if (validateCreditCode(typo).valid) missed.push(typo);
      }
    }
    expect(missed).toEqual([]);
  });

  it('catches every transposition of two different adjacent characters', () => {
    const missed: string[] = [];
    for (let i = 0; i < 17; i += 1) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      const result = validateCreditCode(swapped);
      if (result.valid) missed.push(swapped);
    }
    expect(missed).toEqual([]);
  });
});
