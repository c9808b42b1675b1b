import { Alert, Form, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { chinaToday } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { MEMBERSHIP_TRANSITIONS, type MembershipStatus, type Organization } from './organization-rules';
import { TransitionFields } from './TransitionFields';

/** One membership change for the selected organizations (e.g. approve every applicant), each answered separately. */
export function BatchTransitionModal({
  organizations,
  onClose,
}: {
  organizations: Organization[];
  onClose(changed: boolean): void;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Array<{ name: string; error?: string }>>();
  // Only moves every selected organization can make.
  const targets = (Object.keys(MEMBERSHIP_TRANSITIONS) as MembershipStatus[]).filter((to) =>
    organizations.every((o) => MEMBERSHIP_TRANSITIONS[o.membershipStatus].includes(to)),
  );

  const run = async (values: { to: MembershipStatus; effectiveOn: string; reason?: string }) => {
    setBusy(true);
    const results: Array<{ name: string; error?: string }> = [];
    for (const o of organizations) {
      try {
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/organizations/{organizationId}/membership-transitions', {
            params: { path: { consortiumId, organizationId: o.id } },
            body: { to: values.to, effectiveOn: values.effectiveOn, reason: values.reason || undefined },
          }),
        );
        results.push({ name: o.name });
      } catch (error) {
        results.push({ name: o.name, error: describeError(error, t) });
      }
    }
    setOutcomes(results);
    setBusy(false);
  };

  return (
    <Modal
      open
      title={t('org.batchTransition', { n: organizations.length })}
      onCancel={() => onClose(outcomes !== undefined)}
      onOk={() => (outcomes ? onClose(true) : form.submit())}
      okText={outcomes ? t('common.close') : t('common.submit')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !outcomes && targets.length === 0, 'data-testid': 'batch-submit' } as never}
    >
      {outcomes ? (
        <List
          size="small"
          dataSource={outcomes}
          renderItem={(o) => (
            <List.Item>
              <Typography.Text type={o.error ? 'danger' : 'success'}>
                {o.name}：{o.error ?? t('common.done')}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : targets.length === 0 ? (
        <Alert type="warning" showIcon title={t('org.batchNoCommonMove')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={run} initialValues={{ effectiveOn: chinaToday() }}>
          <TransitionFields targets={targets} />
        </Form>
      )}
    </Modal>
  );
}
