import { passwordProblem } from '@chanjiao/identity/services/password.service';
import { creditCodeCheckCharacter } from '@chanjiao/consortia/domain/credit-code';
import {
  checkCreditCode,
  checkDateOnly,
  checkEmail,
  checkInteger,
  checkLength,
  checkNewPassword,
  checkNotBefore,
  checkPhone,
  PHONE_PATTERN,
} from '../validators';

describe('form validators', () => {
  const body = '91320594MA1NXK8Y2';
  const valid = body + creditCodeCheckCharacter(body);

  it.each([
    [valid, undefined],
    [valid.toLowerCase(), undefined],
    ['', undefined],
    ['9132059', '统一社会信用代码应为 18 位（实际 7 位）'],
    [
      `${body}${creditCodeCheckCharacter(body) === '0' ? '1' : '0'}`,
      `统一社会信用代码校验位应为“${creditCodeCheckCharacter(body)}”`,
    ],
    ['91320594MA1NXK8YO0', '统一社会信用代码第 17 位含非法字符“O”'],
  ])('checks the credit code %s as the API does', (value, problem) => {
    const found = checkCreditCode(value, 'zh-CN');
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found && 'text' in found ? found.text : '').toContain(problem);
  });

  it('says it in English too', () => {
    expect(checkCreditCode('9132059', 'en')).toEqual({ text: 'Credit code must be 18 characters (got 7)' });
  });

  it.each([
    ['2027-02-28', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-13-01', false],
    ['27-01-01', false],
    ['2027-1-1', false],
  ])('takes %s as a date: %s', (value, ok) => {
    expect(checkDateOnly(value) === undefined).toBe(ok);
  });

  it('checks lengths on trimmed text, counting characters not bytes', () => {
    expect(checkLength('苏州', 2, 100)).toBeUndefined();
    expect(checkLength(' 苏 ', 2, 100)).toEqual({ key: 'form.length', params: { min: 2, max: 100 } });
    expect(checkLength(undefined, 0, 40)).toBeUndefined();
    expect(checkLength('x'.repeat(41), 0, 40)).toBeDefined();
  });

  it.each([
    ['2027-03-01', undefined],
    ['2027-03-02', undefined],
    ['2027-02-28', { key: 'form.notBefore', params: { date: '2027-03-01' } }],
    ['', undefined],
    ['not a date', undefined],
  ])('takes %s as not before 2027-03-01: %p (a bad date is checkDateOnly’s to report)', (value, problem) => {
    expect(checkNotBefore(value, '2027-03-01')).toEqual(problem);
  });

  it.each([
    [1, true],
    [100000, true],
    [undefined, true],
    [0, false],
    [100001, false],
    [2.5, false],
  ])('takes %p as a whole number from 1 to 100000: %s', (value, ok) => {
    expect(checkInteger(value, 1, 100000) === undefined).toBe(ok);
  });

  it('uses ContactDto’s phone pattern and a plain email shape', () => {
    expect(PHONE_PATTERN.source).toBe('^\\+?[0-9 ()-]{5,20}$');
    expect(checkPhone('0512-66668888')).toBeUndefined();
    expect(checkPhone('call me')).toEqual({ key: 'form.phone' });
    expect(checkEmail('hr@example.cn')).toBeUndefined();
    expect(checkEmail('hr@example')).toEqual({ key: 'form.email' });
  });

  it.each(['short', 'x'.repeat(201), 'aaaaaaaaaaaa', 'ababababab', 'A-new-password-2027', 'Demo-3V2NLS5iJL6w'])(
    'judges the new password %s as the API’s policy does',
    (password) => {
      expect(checkNewPassword(password) === undefined).toBe(passwordProblem(password) === undefined);
    },
  );
});
