/**
 * Form checks run before a request is sent, with the API's own rules: the credit-code
 * check is the API's code (libs/consortia/src/domain/credit-code.ts, bundled from its source);
 * lengths and patterns are the DTOs' (compared with the DTOs' class-validator metadata in
 * forms/__tests__). Each answers the problem as a message key, or undefined when fine.
 */
import { validateCreditCode } from '@chanjiao/consortia/domain/credit-code';
import type { Locale, MessageKey, Params } from '../i18n/translate';

export type Problem = { key: MessageKey; params?: Params } | { text: string };

export function checkLength(value: string | undefined, min: number, max: number): Problem | undefined {
  const length = [...(value ?? '').trim()].length;
  if (length === 0 && min === 0) return undefined;
  if (length < min || length > max) return { key: 'form.length', params: { min, max } };
  return undefined;
}

/** 统一社会信用代码 (GB 32100-2015): the API's own check, its message in the user's language. */
export function checkCreditCode(value: string | undefined, locale: Locale): Problem | undefined {
  if (!value) return undefined;
  const result = validateCreditCode(value);
  if (result.valid) return undefined;
  return { text: locale === 'zh-CN' ? `统一社会信用代码${result.messageZh}` : `Credit code ${result.message}` };
}

/** A calendar date as the API takes it: YYYY-MM-DD, a real day. */
export function checkDateOnly(value: string | undefined): Problem | undefined {
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { key: 'form.date' };
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? undefined : { key: 'form.date' };
}

/** A YYYY-MM-DD day not before `earliest` (the API's "not before today in China" takes China's today). */
export function checkNotBefore(value: string | undefined, earliest: string): Problem | undefined {
  if (!value || checkDateOnly(value)) return undefined;
  return value < earliest ? { key: 'form.notBefore', params: { date: earliest } } : undefined;
}

/** A whole number in [min, max], as the API's @IsInt32() @Min() @Max() take it. */
export function checkInteger(value: number | null | undefined, min: number, max: number): Problem | undefined {
  if (value === undefined || value === null) return undefined;
  return Number.isInteger(value) && value >= min && value <= max
    ? undefined
    : { key: 'form.integer', params: { min, max } };
}

/** Same pattern as ContactDto.phone. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,20}$/;

export function checkPhone(value: string | undefined): Problem | undefined {
  return value && !PHONE_PATTERN.test(value) ? { key: 'form.phone' } : undefined;
}

export function checkEmail(value: string | undefined): Problem | undefined {
  return value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? { key: 'form.email' } : undefined;
}

export const MIN_PASSWORD_LENGTH = 10;

/** The API's password policy (libs/identity passwordProblem), except its common-password list. */
export function checkNewPassword(value: string | undefined): Problem | undefined {
  const password = value ?? '';
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200)
    return { key: 'form.passwordLength', params: { min: MIN_PASSWORD_LENGTH } };
  if (new Set(password).size < 4) return { key: 'form.passwordDistinct' };
  return undefined;
}
