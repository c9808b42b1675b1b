import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Divider, Drawer, Form, Grid, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { chinaToday, formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { MEMBERSHIP_TRANSITIONS, STATUS_COLORS, type Organization } from './organization-rules';
import { TransitionFields } from './TransitionFields';

/** One organization: its fields, contacts, membership history and (secretariat) a membership change. */
export function OrganizationDrawer({
  organizationId,
  onClose,
  onEdit,
}: {
  organizationId: string | undefined;
  onClose(): void;
  onEdit(organization: Organization): void;
}) {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const path = { consortiumId, organizationId: organizationId ?? '' };

  const organization = useQuery({
    queryKey: ['organizations', consortiumId, 'detail', organizationId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/organizations/{organizationId}', { params: { path } })),
    enabled: Boolean(organizationId),
  });
  const history = useQuery({
    queryKey: ['organizations', consortiumId, 'history', organizationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations/{organizationId}/membership-transitions', {
          params: { path },
        }),
      ),
    enabled: Boolean(organizationId),
  });

  const o = organization.data;
  const targets = o ? MEMBERSHIP_TRANSITIONS[o.membershipStatus] : [];
  const transition = async (values: { to: Organization['membershipStatus']; effectiveOn: string; reason?: string }) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/organizations/{organizationId}/membership-transitions', {
          params: { path },
          body: { to: values.to, effectiveOn: values.effectiveOn, reason: values.reason || undefined },
        }),
      );
      message.success(t('org.transitioned', { status: label('MembershipStatus', values.to) }));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['organizations', consortiumId] });
    } catch (error) {
      const fields = formFieldErrors(error, ['to', 'effectiveOn', 'reason']);
      if (fields.length > 0) form.setFields(fields);
      else message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <Drawer
      open={Boolean(organizationId)}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={o?.name ?? t('common.loading')}
      loading={organization.isPending}
      extra={
        o && can('organizations:write') ? (
          <Button onClick={() => onEdit(o)} data-testid="org-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
      data-testid="organization-drawer"
    >
      {organization.error ? <Alert type="error" showIcon title={describeError(organization.error, t)} /> : null}
      {o ? (
        <>
          <Descriptions column={screens.md ? 2 : 1} size="small" bordered>
            <Descriptions.Item label={t('org.type')}>{label('OrganizationType', o.type)}</Descriptions.Item>
            <Descriptions.Item label={t('org.status')}>
              <Tag color={STATUS_COLORS[o.membershipStatus]} data-testid="org-status">
                {label('MembershipStatus', o.membershipStatus)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('org.nameEn')}>{o.nameEn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('org.creditCode')}>{o.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('org.district')}>{o.district ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('org.address')}>{o.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('org.industry')}>
              {o.industryCode ? `${o.industryCode} ${o.industryName ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('org.size')}>
              {o.size ? label('OrganizationSize', o.size) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('org.leadingEnterprise')}>{yesNo(o.leadingEnterprise)}</Descriptions.Item>
            <Descriptions.Item label={t('org.certifiedIntegrationEnterprise')}>
              {yesNo(o.certifiedIntegrationEnterprise)}
            </Descriptions.Item>
            <Descriptions.Item label={t('org.doubleHighSchool')}>{yesNo(o.doubleHighSchool)}</Descriptions.Item>
            <Descriptions.Item label={t('org.updatedAt')}>{formatDateTime(o.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="start">{t('org.contacts')}</Divider>
          {o.contacts.length === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <Space orientation="vertical">
              {o.contacts.map((c, i) => (
                <Typography.Text key={i}>
                  {c.name}
                  {c.title ? ` · ${c.title}` : ''}
                  {c.phone ? ` · ${c.phone}` : ''}
                  {c.email ? ` · ${c.email}` : ''}
                </Typography.Text>
              ))}
            </Space>
          )}
          <Divider titlePlacement="start">{t('org.history')}</Divider>
          <Timeline
            data-testid="org-history"
            items={(history.data ?? []).map((event) => ({
              title: event.effectiveOn,
              content: (
                <>
                  {event.fromStatus ? `${label('MembershipStatus', event.fromStatus)} → ` : ''}
                  {label('MembershipStatus', event.toStatus)}
                  {event.reason ? <Typography.Text type="secondary">{` · ${event.reason}`}</Typography.Text> : null}
                </>
              ),
            }))}
          />
          {can('organizations:write') && targets.length > 0 ? (
            <>
              <Divider titlePlacement="start">{t('org.changeMembership')}</Divider>
              <Form
                form={form}
                layout="vertical"
                onFinish={transition}
                initialValues={{ effectiveOn: chinaToday() }}
                data-testid="transition-form"
              >
                <TransitionFields targets={targets} />
                <Button type="primary" htmlType="submit" loading={busy} data-testid="transition-submit">
                  {t('common.submit')}
                </Button>
              </Form>
            </>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
