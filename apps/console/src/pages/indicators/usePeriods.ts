import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useConsortium } from '../../app/useConsortium';
import { useI18n } from '../../i18n/I18nProvider';
import type { Period } from './indicator-rules';

const storageKey = (consortiumId: string) => `chanjiao.indicator-period.${consortiumId}`;

/**
 * The consortium's reporting periods (newest first) and the one chosen on the periods page,
 * remembered per consortium in this browser so that the form, the review queue and the score
 * tree open on it; without a choice, the newest open period (else the newest).
 */
export function useIndicatorPeriods() {
  const { consortiumId } = useConsortium();
  const list = useQuery({
    queryKey: ['indicator-periods', consortiumId, 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-periods', {
          params: { path: { consortiumId }, query: { limit: 200 } },
        }),
      ),
  });
  const [chosenId, setChosenId] = useState(() => localStorage.getItem(storageKey(consortiumId)) ?? undefined);
  const periods = list.data?.items ?? [];
  const period: Period | undefined =
    periods.find((p) => p.id === chosenId) ?? periods.find((p) => p.status === 'open') ?? periods[0];
  const choose = useCallback(
    (id: string) => {
      localStorage.setItem(storageKey(consortiumId), id);
      setChosenId(id);
    },
    [consortiumId],
  );
  return { periods, period, choose, loading: list.isLoading, error: list.error };
}

/** Framework versions by id, named `名称 v2` in the user's language (reference data, read once). */
export function useFrameworkNames() {
  const { locale } = useI18n();
  const frameworks = useQuery({
    queryKey: ['indicator-frameworks', 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/indicator-frameworks', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  return useCallback(
    (id: string) => {
      const found = frameworks.data?.items.find((f) => f.id === id);
      if (!found) return '…';
      return `${locale === 'zh-CN' ? found.nameZh : found.nameEn} v${found.version}`;
    },
    [frameworks.data, locale],
  );
}

/** A period's framework version: its tree (with the point definitions) and rules. */
export function useFramework(frameworkId: string | undefined) {
  return useQuery({
    queryKey: ['indicator-frameworks', 'detail', frameworkId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/indicator-frameworks/{frameworkId}', {
          params: { path: { frameworkId: frameworkId ?? '' } },
        }),
      ),
    enabled: Boolean(frameworkId),
    // A published version never changes.
    staleTime: Infinity,
  });
}
