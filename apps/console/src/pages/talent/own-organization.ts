import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useConsortium } from '../../app/useConsortium';
import { isSchool } from '../programmes/offering-rules';

/**
 * Whether the signed-in user may draft postings of a side: enterprises post demand, schools
 * supply (the API refuses others: 422 wrong_organization_type); the secretariat posts for any
 * member, naming it.
 */
export function useMayPost(kind: 'demand' | 'supply'): boolean {
  const { consortiumId, organizationId, role, can } = useConsortium();
  // The same cache entry as OrganizationName and the organization pickers.
  const own = useQuery({
    queryKey: ['organizations', consortiumId, 'detail', organizationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations/{organizationId}', {
          params: { path: { consortiumId, organizationId: organizationId ?? '' } },
        }),
      ),
    enabled: Boolean(organizationId) && role === 'member',
    staleTime: 60_000,
  });
  if (!can('talent:post')) return false;
  if (role !== 'member') return true;
  const type = own.data?.type;
  return kind === 'demand' ? type === 'enterprise' : isSchool(type);
}
