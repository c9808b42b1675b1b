import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useConsortium } from '../app/useConsortium';
import { useI18n } from '../i18n/I18nProvider';

type Offering = components['schemas']['OfferingDto'];

/**
 * A school's programme offering (开设专业), by programme name or code: one school's when
 * `organizationId` is given (a member's own), else every school's with the school's name.
 * `onPicked` hands over the whole offering (its skills, level, graduates).
 */
export function OfferingSelect({
  id,
  value,
  onChange,
  onPicked,
  organizationId,
  testId,
}: {
  id?: string;
  value?: string;
  onChange?(value: string | undefined): void;
  onPicked?(offering: Offering | undefined): void;
  organizationId?: string;
  testId?: string;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const offerings = useQuery({
    queryKey: ['programme-offerings', consortiumId, 'pick', organizationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/programme-offerings', {
          params: { path: { consortiumId }, query: { organizationId, limit: 200, sort: 'programmeCode' } },
        }),
      ),
  });
  // The same list (and cache entry) as the offerings page's school names.
  const schools = useQuery({
    queryKey: ['organizations', consortiumId, 'names'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations', {
          params: { path: { consortiumId }, query: { limit: 200 } },
        }),
      ),
    enabled: !organizationId,
  });
  const names = new Map((schools.data?.items ?? []).map((o) => [o.id, o.name]));
  const items = offerings.data?.items ?? [];
  const options = items.map((o) => ({
    value: o.id,
    label: `${o.programmeName}（${o.programmeCode}）${organizationId ? '' : ` · ${names.get(o.organizationId) ?? ''}`}`,
  }));
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(offeringId?: string) => {
        onChange?.(offeringId);
        onPicked?.(items.find((o) => o.id === offeringId));
      }}
      placeholder={t('talent.offeringPlaceholder')}
      loading={offerings.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}
