import { useQuery } from '@tanstack/react-query';
import { Result } from 'antd';
import { Navigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { PageLoading } from '../components/PageLoading';
import { useI18n } from '../i18n/I18nProvider';
import { lastConsortium } from './last-consortium';

/** `/`: the consortium used last, else the first membership, else (platform admins) the first consortium. */
export function HomeRedirect() {
  const { me } = useAuth();
  const { t } = useI18n();
  const platformAdmin = me?.user.platformAdmin ?? false;
  const memberships = me?.memberships ?? [];
  const remembered = lastConsortium.get();
  const known = memberships.find((m) => m.consortiumId === remembered)?.consortiumId;
  const fallback = useQuery({
    queryKey: ['consortia', 'first'],
    queryFn: () => unwrap(api.GET('/api/v1/consortia', { params: { query: { limit: 1 } } })),
    enabled: platformAdmin && !known && !remembered && memberships.length === 0,
  });
  const target = known ?? (platformAdmin ? remembered : undefined) ?? memberships[0]?.consortiumId;
  if (target) return <Navigate to={`/c/${target}/dashboard`} replace />;
  if (fallback.isPending && fallback.fetchStatus !== 'idle') return <PageLoading />;
  const first = fallback.data?.items[0]?.id;
  if (first) return <Navigate to={`/c/${first}/dashboard`} replace />;
  // A platform admin on an empty platform starts by creating the first consortium.
  if (platformAdmin) return <Navigate to="/admin/consortia" replace />;
  return <Result status="info" title={t('home.noConsortium')} subTitle={t('home.noConsortiumHint')} />;
}
