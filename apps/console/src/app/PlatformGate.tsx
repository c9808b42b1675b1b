import { Result } from 'antd';
import { Suspense } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { PageLoading } from '../components/PageLoading';
import { useI18n } from '../i18n/I18nProvider';
import type { PlatformPage } from './pages';

/** Renders a platform page for platform admins; anyone else who types its URL sees 403. */
export function PlatformGate({ page }: { page: PlatformPage }) {
  const { me } = useAuth();
  const { t } = useI18n();
  if (!me?.user.platformAdmin) return <Result status="403" title="403" subTitle={t('platform.forbidden')} />;
  const Page = page.component;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
