/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 17 digits — region, birth date
 * (YYYYMMDD), sequence — and an ISO 7064 MOD 11-2 check character (0–9 or X).
 * Pure rules; the number itself is never stored (see `PersonIdHasher`).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

export const ID_NUMBER_PROBLEM_TEXT: Record<IdNumberProblem, { en: string; zh: string }> = {
  format: { en: 'must be 17 digits followed by a digit or X', zh: '应为17位数字加1位校验码（数字或X）' },
  birth_date: { en: 'has an impossible birth date', zh: '出生日期不存在' },
  check_digit: { en: 'has a wrong check digit (GB 11643)', zh: '校验码错误（GB 11643）' },
};

/** Upper case, without spaces: the form that is hashed. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** The problem with an ID number (normalised first), or null when it is valid. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const value = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'birth_date';
  }
  return checkCharacter(value.slice(0, 17)) === value[17] ? null : 'check_digit';
}

/** A valid ID number for tests and the demo: region, birth date and sequence, with its check character. */
export function withCheckCharacter(first17: string): string {
  return first17 + checkCharacter(first17);
}
