import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useConsortium } from '../app/useConsortium';
import { useI18n } from '../i18n/I18nProvider';
import type { components } from '../api/schema';

type OrganizationType = components['schemas']['OrganizationDto']['type'];

/** A member organization picked by name: the API searches (?q=) as the user types; `type` narrows the list. */
export function OrganizationSelect({
  id,
  value,
  onChange,
  testId,
  type,
  allowClear,
}: {
  id?: string;
  value?: string;
  onChange?(value: string | undefined): void;
  testId?: string;
  type?: OrganizationType;
  allowClear?: boolean;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['organizations', consortiumId, 'pick', type, q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations', {
          params: { path: { consortiumId }, query: { q: q || undefined, type, limit: 50, sort: 'name' } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  // The chosen organization's name, also when it is not among the names found.
  const chosen = useQuery({
    queryKey: ['organizations', consortiumId, 'detail', value],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations/{organizationId}', {
          params: { path: { consortiumId, organizationId: value ?? '' } },
        }),
      ),
    enabled: Boolean(value) && !found.data?.items.some((o) => o.id === value),
  });
  const options = (found.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (value && chosen.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen.data.name });
  return (
    <Select
      allowClear={allowClear}
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('council.searchOrganization')}
      loading={found.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}
