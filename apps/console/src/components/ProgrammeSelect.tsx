import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/I18nProvider';

type ProgrammeLevel = components['schemas']['ProgrammeDto']['level'];

type Value =
  | { multiple?: false; value?: string; onChange?(value: string | undefined): void; maxCount?: never }
  | { multiple: true; value?: string[]; onChange?(value: string[]): void; maxCount?: number };

/**
 * Programmes of the current catalogue edition, found by the API as the user types (`q` = a code
 * prefix or part of the name), optionally at one `level` — with `needsLevel`, nothing can be
 * picked until the level is known (an offering's form). One code, or several with `multiple`
 * (a demand posting's wanted programmes). Chosen codes the current search does not list keep
 * their names.
 */
export function ProgrammeSelect(
  props: { id?: string; level?: ProgrammeLevel; needsLevel?: boolean; testId?: string } & Value,
) {
  const { id, level, needsLevel, testId } = props;
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const waiting = needsLevel === true && level === undefined;
  const found = useQuery({
    queryKey: ['catalogue-programmes', 'pick', level, q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/catalogue/programmes', { params: { query: { q: q.trim() || undefined, level, limit: 30 } } }),
      ),
    enabled: !waiting,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
  const options = (found.data?.items ?? []).map((p) => ({
    value: p.code,
    label: `${p.code} ${p.name}${p.nationalControl ? ` (${t('prog.nationalControl')})` : ''}`,
  }));
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const missing = chosen.filter((code) => !options.some((o) => o.value === code));
  const named = useQueries({
    queries: missing.map((code) => ({
      queryKey: ['catalogue-programme', code],
      queryFn: () =>
        unwrap(api.GET('/api/v1/catalogue/programmes/{programmeCode}', { params: { path: { programmeCode: code } } })),
      staleTime: Infinity,
    })),
  });
  missing.forEach((code, i) => {
    const programme = named[i]?.data;
    options.unshift({ value: code, label: programme ? `${code} ${programme.name}` : code });
  });
  const common = {
    id,
    disabled: waiting,
    showSearch: { filterOption: false, onSearch: setQ },
    placeholder: waiting ? t('prog.pickLevelFirst') : t('prog.programmePlaceholder'),
    loading: found.isFetching,
    options,
    notFoundContent: found.isFetching || level === undefined ? undefined : t('prog.noProgramme'),
    'data-testid': testId,
  };
  return props.multiple ? (
    <Select
      {...common}
      mode="multiple"
      allowClear
      maxCount={props.maxCount}
      value={props.value}
      onChange={(codes: string[]) => props.onChange?.(codes)}
    />
  ) : (
    <Select {...common} value={props.value} onChange={(code: string | undefined) => props.onChange?.(code)} />
  );
}
