import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** Enum names as GET /api/v1/meta/enums serves them. */
export type EnumName =
  | 'ConsortiumStatus'
  | 'MembershipStatus'
  | 'OrganizationType'
  | 'OrganizationSize'
  | 'UserStatus'
  | 'ConsortiumRole'
  | 'CouncilSeatRole'
  | 'CouncilSeatCategory'
  | 'CouncilMeetingKind'
  | 'CouncilMeetingStatus'
  | 'CouncilAttendance'
  | 'CouncilVoteChoice'
  | 'CouncilResolutionKind'
  | 'CouncilResolutionOutcome'
  | 'JobState'
  | (string & {});

/** The labels of every enum, fetched once per page load (public route, cached for the session). */
export function useEnums() {
  return useQuery({
    queryKey: ['meta', 'enums'],
    queryFn: () => unwrap(api.GET('/api/v1/meta/enums')),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/**
 * `label(enumName, value)` in the current language, and `options(enumName)` for a Select;
 * an unknown value shows as itself (the API is newer than the console).
 */
export function useEnumLabels() {
  const { locale } = useI18n();
  const { data } = useEnums();
  const label = useCallback(
    (name: EnumName, value: string | null | undefined): string => {
      if (value === null || value === undefined) return '';
      const found = data?.enums.find((e) => e.name === name)?.values.find((v) => v.value === value);
      return found ? found.labels[locale] : value;
    },
    [data, locale],
  );
  const options = useCallback(
    (name: EnumName): Array<{ value: string; label: string }> =>
      (data?.enums.find((e) => e.name === name)?.values ?? []).map((v) => ({
        value: v.value,
        label: v.labels[locale],
      })),
    [data, locale],
  );
  return { label, options, loaded: data !== undefined };
}
