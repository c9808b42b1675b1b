import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/translate';

/** 中文 / English: each language named in itself, so either reader finds it. */
export function LanguageSwitch() {
  const { locale, setLocale } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      data-testid="language-switch"
    />
  );
}
