import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** Picks a GB/T 4754-2017 code by code prefix or name (GET /api/v1/meta/industries), so only real codes go out. */
export function IndustrySelect(props: { value?: string; onChange?: (code: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState(props.value ?? '');
  const found = useQuery({
    queryKey: ['meta', 'industries', search],
    queryFn: () =>
      unwrap(api.GET('/api/v1/meta/industries', { params: { query: { q: search || undefined, limit: 30 } } })),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const options = (found.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  if (props.value && !options.some((o) => o.value === props.value))
    options.unshift({ value: props.value, label: props.value });
  return (
    <Select
      id={props.id}
      allowClear
      value={props.value}
      onChange={(code?: string) => props.onChange?.(code)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('org.industryPlaceholder')}
      options={options}
      loading={found.isFetching}
    />
  );
}
