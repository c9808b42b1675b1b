import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** Shows a new account's one-time password once (or says the person already had an account). */
export function InitialPassword({
  name,
  password,
  onClose,
}: {
  name: string;
  password: string | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('users.initialPasswordTitle')}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      data-testid="initial-password-modal"
    >
      {password ? (
        <>
          <Typography.Paragraph>{t('users.initialPassword', { name })}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: password }}>
            <Typography.Text code strong data-testid="initial-password">
              {password}
            </Typography.Text>
          </Typography.Paragraph>
        </>
      ) : (
        <Alert type="info" showIcon title={t('users.existingAccount', { name })} />
      )}
    </Modal>
  );
}
