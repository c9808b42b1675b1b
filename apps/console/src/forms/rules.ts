import type { Rule } from 'antd/es/form';
import { useMemo } from 'react';
import { chinaToday } from '../format/datetime';
import { useI18n } from '../i18n/I18nProvider';
import {
  checkCreditCode,
  checkDateOnly,
  checkEmail,
  checkLength,
  checkInteger,
  checkNewPassword,
  checkNotBefore,
  checkPhone,
  type Problem,
} from './validators';

/** Ant Design form rules built from the shared validators, with messages in the current language. */
export function useRules() {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const say = (problem: Problem | undefined) =>
      problem
        ? Promise.reject(new Error('text' in problem ? problem.text : t(problem.key, problem.params)))
        : Promise.resolve();
    const rule = (check: (value: string | undefined) => Problem | undefined): Rule => ({
      validator: (_rule, value: string | undefined) => say(check(value)),
    });
    return {
      required: (): Rule => ({ required: true, message: t('form.required') }),
      length: (min: number, max: number): Rule => rule((value) => checkLength(value, min, max)),
      /** For an optional field with a minimum length: blank is fine, anything typed must fit. */
      optionalLength: (min: number, max: number): Rule =>
        rule((value) => (value?.trim() ? checkLength(value, min, max) : undefined)),
      creditCode: (): Rule => rule((value) => checkCreditCode(value, locale)),
      dateOnly: (): Rule => rule(checkDateOnly),
      /**
       * A day not before today in China (a posting's last day, …); `unchanged`, a stored day
       * that has passed since, is let through as the API does when the field is not changed.
       */
      notBeforeToday: (unchanged?: string | null): Rule =>
        rule((value) => (value && value === unchanged ? undefined : checkNotBefore(value, chinaToday()))),
      /** A whole number in [min, max] (an InputNumber's value). */
      integer: (min: number, max: number): Rule => ({
        validator: (_rule, value: number | null | undefined) => say(checkInteger(value, min, max)),
      }),
      phone: (): Rule => rule(checkPhone),
      email: (): Rule => rule(checkEmail),
      newPassword: (): Rule => rule(checkNewPassword),
    };
  }, [t, locale]);
}
