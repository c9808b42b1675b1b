import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import type { ProgrammeLevel } from './offering-rules';

/**
 * A programme of the current catalogue edition, found by the API as the user types
 * (`q` = a code prefix or part of the name) at one level; the value is the programme code.
 */
export function ProgrammeSelect({
  id,
  value,
  onChange,
  level,
  testId,
}: {
  id?: string;
  value?: string;
  onChange?(value: string | undefined): void;
  level: ProgrammeLevel | undefined;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  // The chosen programme's label, kept while later searches no longer list it.
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const found = useQuery({
    queryKey: ['catalogue-programmes', 'pick', level, q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/catalogue/programmes', { params: { query: { q: q.trim() || undefined, level, limit: 30 } } }),
      ),
    enabled: level !== undefined,
    placeholderData: (previous) => previous,
  });
  const options = (found.data?.items ?? []).map((p) => ({
    value: p.code,
    label: `${p.code} ${p.name}${p.nationalControl ? ` (${t('prog.nationalControl')})` : ''}`,
  }));
  if (value && chosen?.value === value && !options.some((o) => o.value === value)) options.unshift(chosen);
  return (
    <Select
      id={id}
      value={value}
      onChange={(code: string | undefined) => {
        setChosen(options.find((o) => o.value === code));
        onChange?.(code);
      }}
      disabled={level === undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={level === undefined ? t('prog.pickLevelFirst') : t('prog.programmePlaceholder')}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? undefined : t('prog.noProgramme')}
      data-testid={testId}
    />
  );
}
