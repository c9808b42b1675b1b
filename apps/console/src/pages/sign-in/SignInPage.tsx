import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Sign-in; with a one-time password (login answers mustChangePassword) the same page asks
 * for a new password before anything else opens.
 */
export default function SignInPage() {
  const { t } = useI18n();
  const { signedIn, me, signIn, changePassword } = useAuth();
  const rules = useRules();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next')?.startsWith('/') ? (params.get('next') as string) : '/';
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The one-time password just typed, so the change form does not ask for it again.
  const [typedPassword, setTypedPassword] = useState<string>();
  const [signInForm] = Form.useForm();
  const [changeForm] = Form.useForm();

  const mustChange = signedIn && me?.user.mustChangePassword === true;
  if (signedIn && me && !me.user.mustChangePassword) return <Navigate to={next} replace />;

  const onSignIn = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const { mustChangePassword } = await signIn(values.email.trim(), values.password);
      if (mustChangePassword) setTypedPassword(values.password);
      else navigate(next, { replace: true });
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const onChange = async (values: { currentPassword?: string; newPassword: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(values.currentPassword ?? typedPassword ?? '', values.newPassword);
      navigate(next, { replace: true });
    } catch (failure) {
      const fields = formFieldErrors(failure, ['currentPassword', 'newPassword']);
      if (fields.length > 0) changeForm.setFields(fields);
      else setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">
          {mustChange ? t('auth.changeHint') : t('auth.subtitle')}
        </Typography.Paragraph>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />
        ) : null}
        {mustChange ? (
          <Form form={changeForm} layout="vertical" onFinish={onChange} data-testid="change-password-form">
            {typedPassword === undefined ? (
              <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[rules.required()]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
            ) : null}
            <Form.Item
              name="newPassword"
              label={t('auth.newPassword')}
              rules={[rules.required(), rules.newPassword()]}
              extra={t('auth.passwordPolicy')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirmPassword"
              label={t('auth.confirmPassword')}
              dependencies={['newPassword']}
              rules={[
                rules.required(),
                ({ getFieldValue }) => ({
                  validator: (_rule, value) =>
                    value === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('auth.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">
              {t('auth.changePassword')}
            </Button>
          </Form>
        ) : (
          <Form form={signInForm} layout="vertical" onFinish={onSignIn} data-testid="sign-in-form">
            <Form.Item name="email" label={t('auth.email')} rules={[rules.required(), rules.email()]}>
              <Input prefix={<MailOutlined />} autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[rules.required()]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
              {t('auth.signIn')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
