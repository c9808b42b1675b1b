import { Result } from 'antd';
import { Suspense } from 'react';
import type { ConsortiumPage } from './pages';
import { useConsortium } from './useConsortium';
import { PageLoading } from '../components/PageLoading';
import { useI18n } from '../i18n/I18nProvider';

/** Renders a page if the role may see it (the menu hides it too; a typed URL lands here). */
export function PageGate({ page }: { page: ConsortiumPage }) {
  const { can } = useConsortium();
  const { t } = useI18n();
  if (!can(page.permission)) return <Result status="403" title="403" subTitle={t('error.pageForbidden')} />;
  const Page = page.component;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
