import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** GB 32100-2015 character set: digits and upper-case letters without I, O, S, V, Z. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i (1-based) is 3^(i-1) mod 31. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));

export type CreditCodeResult =
  | { valid: true; normalized: string }
  | {
      valid: false;
      reason: 'length' | 'characters' | 'division' | 'check_digit';
      message: string;
      /** The same in Chinese (import reports). */
      messageZh: string;
    };

/** The check character (position 18) of a 17-character body. */
export function creditCodeCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CODE_CHARSET.indexOf(body[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Validates a 统一社会信用代码 (unified social credit code, GB 32100-2015):
 * 18 characters from the standard's set, positions 3–8 an administrative
 * division code (digits), and the GB 32100 check character at position 18.
 * Position 1 (registration authority) and 2 (category) are not restricted beyond
 * the character set. Input is NFKC-normalized, trimmed and upper-cased first.
 */
export function validateCreditCode(input: string): CreditCodeResult {
  // NFKC turns full-width digits and letters (typed with a Chinese IME) into ASCII.
  const normalized = input.normalize('NFKC').trim().toUpperCase();
  const length = [...normalized].length;
  if (length !== 18) {
    return {
      valid: false,
      reason: 'length',
      message: `must be 18 characters (got ${length})`,
      messageZh: `应为 18 位（实际 ${length} 位）`,
    };
  }
  for (let i = 0; i < 18; i += 1) {
    if (!CREDIT_CODE_CHARSET.includes(normalized[i])) {
      return {
        valid: false,
        reason: 'characters',
        message: `contains illegal character '${normalized[i]}' at position ${i + 1} (I, O, S, V and Z are never used)`,
        messageZh: `第 ${i + 1} 位含非法字符“${normalized[i]}”（不使用 I、O、S、V、Z）`,
      };
    }
  }
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) {
    return {
      valid: false,
      reason: 'division',
      message: 'positions 3–8 must be an administrative division code (6 digits)',
      messageZh: '第 3–8 位应为 6 位数字的行政区划代码',
    };
  }
  const expected = creditCodeCheckCharacter(normalized.slice(0, 17));
  if (normalized[17] !== expected) {
    return {
      valid: false,
      reason: 'check_digit',
      message: `check digit should be '${expected}' but is '${normalized[17]}'`,
      messageZh: `校验位应为“${expected}”，实际为“${normalized[17]}”`,
    };
  }
  return { valid: true, normalized };
}

/** class-validator rule: the property is a valid unified social credit code; the message says what is wrong. */
export function IsUnifiedSocialCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isUnifiedSocialCreditCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateCreditCode(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const value = args?.value;
          const result = typeof value === 'string' ? validateCreditCode(value) : undefined;
          const why = result && !result.valid ? result.message : 'must be a string';
          return `${args?.property} is not a valid unified social credit code: ${why}`;
        },
      },
    });
}
