import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/**
 * An occupation of the 职业分类大典 (any level) picked by code prefix or name (GET
 * /api/v1/catalogue/occupations?q=), so only real codes go out.
 */
export function OccupationSelect({
  id,
  value,
  onChange,
  testId,
}: {
  id?: string;
  value?: string | null;
  onChange?(value: string | undefined): void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['catalogue-occupations', 'pick', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/catalogue/occupations', { params: { query: { q: q || undefined, limit: 30 } } })),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const options = (found.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }));
  const chosen = useQuery({
    queryKey: ['catalogue-occupation', value],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/catalogue/occupations/{occupationCode}', {
          params: { path: { occupationCode: value ?? '' } },
        }),
      ),
    enabled: Boolean(value) && !options.some((o) => o.value === value),
    staleTime: Infinity,
  });
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen.data ? `${value} ${chosen.data.name}` : value });
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(code?: string) => onChange?.(code)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('talent.occupationPlaceholder')}
      loading={found.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}
