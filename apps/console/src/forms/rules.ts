import type { Rule } from 'antd/es/form';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import {
  checkCreditCode,
  checkDateOnly,
  checkEmail,
  checkLength,
  checkNewPassword,
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
      phone: (): Rule => rule(checkPhone),
      email: (): Rule => rule(checkEmail),
      newPassword: (): Rule => rule(checkNewPassword),
    };
  }, [t, locale]);
}
