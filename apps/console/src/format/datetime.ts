import type { Locale } from '../i18n/translate';

/** Instants are shown in Beijing time, the product's business time zone, whatever the browser's zone. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      timeZone: CHINA_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formats.set(locale, format);
  }
  return format.format(new Date(iso));
}

/** Today in China as YYYY-MM-DD (the default "effective on" of a change). */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(now);
}
