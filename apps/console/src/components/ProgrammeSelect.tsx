import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Programmes of the current catalogue edition picked by code prefix or name (GET
 * /api/v1/catalogue/programmes?q=), several at once; only real codes go out. Chosen codes not
 * among those found are shown with their names too.
 */
export function ProgrammeSelect({
  id,
  value,
  onChange,
  testId,
  maxCount,
}: {
  id?: string;
  value?: string[];
  onChange?(value: string[]): void;
  testId?: string;
  maxCount?: number;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['catalogue-programmes', 'pick', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/catalogue/programmes', { params: { query: { q: q || undefined, limit: 30 } } })),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const options = (found.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }));
  const missing = (value ?? []).filter((code) => !options.some((o) => o.value === code));
  const chosen = useQueries({
    queries: missing.map((code) => ({
      queryKey: ['catalogue-programme', code],
      queryFn: () =>
        unwrap(api.GET('/api/v1/catalogue/programmes/{programmeCode}', { params: { path: { programmeCode: code } } })),
      staleTime: Infinity,
    })),
  });
  missing.forEach((code, i) =>
    options.unshift({ value: code, label: chosen[i]?.data ? `${code} ${chosen[i].data.name}` : code }),
  );
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      maxCount={maxCount}
      value={value}
      onChange={(codes: string[]) => onChange?.(codes)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('prog.searchPlaceholder')}
      loading={found.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}
