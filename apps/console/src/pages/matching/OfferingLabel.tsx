import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useConsortium } from '../../app/useConsortium';
import { OrganizationName } from '../../components/OrganizationName';

/** A programme offering as "programme · school" by id (a cached detail query). */
export function OfferingLabel({ id }: { id: string }) {
  const { consortiumId } = useConsortium();
  const offering = useQuery({
    queryKey: ['programme-offerings', consortiumId, 'detail', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}', {
          params: { path: { consortiumId, offeringId: id } },
        }),
      ),
    staleTime: 60_000,
  });
  const o = offering.data;
  if (!o) return <>…</>;
  return (
    <>
      {o.programmeCode} {o.programmeName} · <OrganizationName id={o.organizationId} />
    </>
  );
}
