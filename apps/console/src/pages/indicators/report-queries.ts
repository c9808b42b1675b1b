import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useConsortium } from '../../app/useConsortium';
import type { paths } from '../../api/schema';
import type { Report } from './indicator-rules';

type ReportQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/indicator-reports']['get']['parameters']['query']
>;

/** Every report a query matches, following the keyset cursors (200 a page, the API's most). */
export async function fetchAllReports(
  consortiumId: string,
  query: Omit<ReportQuery, 'limit' | 'cursor'>,
): Promise<Report[]> {
  const all: Report[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/v1/consortia/{consortiumId}/indicator-reports', {
        params: { path: { consortiumId }, query: { ...query, limit: 200, cursor } },
      }),
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** A report with its versions, evidence and lock (shared by the form and the review queue). */
export function useReportDetail(reportId: string | undefined, enabled = true) {
  const { consortiumId } = useConsortium();
  return useQuery({
    queryKey: ['indicator-reports', consortiumId, 'detail', reportId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}', {
          params: { path: { consortiumId, reportId: reportId ?? '' } },
        }),
      ),
    enabled: Boolean(reportId) && enabled,
  });
}
