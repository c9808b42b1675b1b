import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, type ButtonProps } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  postingPermissions,
  TALENT_LIMITS as L,
  type DemandPosting,
  type PostingAction,
  type SupplyPosting,
} from './talent-rules';

export type PostingKind = 'demand' | 'supply';

/** The lifecycle buttons of one posting (publish, fill, close with a reason, reopen) and its edit button. */
export function PostingActions({
  kind,
  posting,
  onEdit,
}: {
  kind: PostingKind;
  posting: DemandPosting | SupplyPosting;
  onEdit(): void;
}) {
  const { consortiumId, organizationId, can } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const rules = useRules();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<PostingAction>();
  const [closing, setClosing] = useState(false);
  const [form] = Form.useForm();
  const allowed = postingPermissions(posting, {
    organizationId,
    canPost: can('talent:post'),
    moderator: can('talent:moderate'),
  });

  const act = async (action: PostingAction, reason?: string) => {
    setBusy(action);
    try {
      const body = { action, reason: reason?.trim() || undefined };
      const changed =
        kind === 'demand'
          ? await unwrap(
              api.POST('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}/transitions', {
                params: { path: { consortiumId, demandPostingId: posting.id } },
                body,
              }),
            )
          : await unwrap(
              api.POST('/api/v1/consortia/{consortiumId}/supply-postings/{supplyPostingId}/transitions', {
                params: { path: { consortiumId, supplyPostingId: posting.id } },
                body,
              }),
            );
      message.success(t('talent.transitioned', { status: label('PostingStatus', changed.status) }));
      setClosing(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: [`${kind}-postings`, consortiumId] });
    } catch (error) {
      const fields = formFieldErrors(error, ['reason']);
      if (closing && fields.length > 0) form.setFields(fields);
      else message.error(describeError(error, t));
    } finally {
      setBusy(undefined);
    }
  };

  if (!allowed.editable && allowed.actions.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="posting-actions">
        {allowed.editable ? (
          <Button onClick={onEdit} data-testid="posting-edit">
            {t('common.edit')}
          </Button>
        ) : null}
        {allowed.actions.map((action) => (
          <Button
            key={action}
            type={action === 'publish' ? 'primary' : 'default'}
            danger={action === 'close'}
            loading={busy === action}
            onClick={() => (action === 'close' ? setClosing(true) : void act(action))}
            data-testid={`posting-${action}`}
          >
            {t(`talent.action.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={closing}
        title={t('talent.closeTitle', { title: posting.title })}
        onCancel={() => setClosing(false)}
        onOk={() => form.submit()}
        okText={t('talent.action.close')}
        okButtonProps={{ danger: true, loading: busy === 'close', 'data-testid': 'close-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(values: { reason?: string }) => void act('close', values.reason)}
        >
          <Form.Item
            name="reason"
            label={t('talent.closeReason')}
            extra={allowed.reasonRequired ? t('talent.closeReasonModeration') : undefined}
            rules={[
              ...(allowed.reasonRequired ? [rules.required()] : []),
              rules.optionalLength(L.reason.min, L.reason.max),
            ]}
          >
            <Input.TextArea rows={3} data-testid="close-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
