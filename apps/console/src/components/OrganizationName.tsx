import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useConsortium } from '../app/useConsortium';

/** A member organization's name by id (the cached detail query the drawers and pickers share). */
export function OrganizationName({ id }: { id: string | null | undefined }) {
  const { consortiumId } = useConsortium();
  const organization = useQuery({
    queryKey: ['organizations', consortiumId, 'detail', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations/{organizationId}', {
          params: { path: { consortiumId, organizationId: id ?? '' } },
        }),
      ),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
  return <>{id ? (organization.data?.name ?? '…') : '—'}</>;
}
