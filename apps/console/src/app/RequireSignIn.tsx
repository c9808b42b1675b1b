import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { describeError } from '../api/describe-error';
import { PageLoading } from '../components/PageLoading';
import { useI18n } from '../i18n/I18nProvider';

/** Signed-out users go to the sign-in page (and come back); a one-time password must be changed first. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { signedIn, me, loading, error, retry } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const back = encodeURIComponent(location.pathname + location.search);
  if (!signedIn) return <Navigate to={`/sign-in?next=${back}`} replace />;
  if (!me && error && !loading)
    return (
      <Result
        status="warning"
        title={describeError(error, t)}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (!me) return <PageLoading />;
  if (me.user.mustChangePassword) return <Navigate to={`/sign-in?next=${back}`} replace />;
  return <>{children}</>;
}
