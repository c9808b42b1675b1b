import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { IndustrySelect } from '../../components/IndustrySelect';
import { OrganizationName } from '../../components/OrganizationName';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { chinaToday, formatDateTime } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  CONSORTIUM_STATUS_COLORS,
  CONSORTIUM_TRANSITIONS,
  PARK_OUTPUT_PATTERN,
  PROFILE_LIMITS as L,
  toProfileInput,
  type Consortium,
  type ConsortiumStatus,
  type ProfileForm,
} from './profile-rules';

const PROFILE_FIELDS = [
  'name',
  'nameEn',
  'province',
  'city',
  'parkName',
  'parkOutputValue',
  'parkProvinceRank',
  'leadingIndustries',
  'leadGovernmentOrgId',
  'leadSchoolOrgId',
  'leadEnterpriseOrgId',
];

/** 联合体概况: the profile, its lead units and leading industries, the status and its history. */
export default function ProfilePage() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const screens = Grid.useBreakpoint();
  const [editing, setEditing] = useState(false);
  const path = { consortiumId };
  const consortium = useQuery({
    queryKey: ['consortium', consortiumId],
    queryFn: () => unwrap(api.GET('/api/v1/consortia/{consortiumId}', { params: { path } })),
  });
  const history = useQuery({
    queryKey: ['consortium', consortiumId, 'history'],
    queryFn: () => unwrap(api.GET('/api/v1/consortia/{consortiumId}/status-transitions', { params: { path } })),
  });
  const c = consortium.data;
  const writable = can('consortium:write');

  return (
    <div data-testid="profile-page">
      <PageHeader
        title={t('nav.profile')}
        extra={
          writable && c ? (
            <Button onClick={() => setEditing(true)} data-testid="profile-edit">
              {t('profile.edit')}
            </Button>
          ) : null
        }
      />
      {consortium.error ? <Alert type="error" showIcon title={describeError(consortium.error, t)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card loading={consortium.isPending} title={c?.name}>
            {c ? (
              <Descriptions column={screens.md ? 2 : 1} bordered size="small" data-testid="profile">
                <Descriptions.Item label={t('profile.code')}>{c.code}</Descriptions.Item>
                <Descriptions.Item label={t('profile.status')}>
                  <Tag color={CONSORTIUM_STATUS_COLORS[c.status]} data-testid="consortium-status">
                    {label('ConsortiumStatus', c.status)}
                  </Tag>
                  {c.statusChangedOn ? <Typography.Text type="secondary">{c.statusChangedOn}</Typography.Text> : null}
                </Descriptions.Item>
                <Descriptions.Item label={t('profile.nameEn')}>{c.nameEn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('profile.city')}>{`${c.province} ${c.city}`}</Descriptions.Item>
                <Descriptions.Item label={t('profile.parkName')}>
                  <span data-testid="profile-park">{c.parkName ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('profile.parkOutputValue')}>{c.parkOutputValue ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('profile.parkProvinceRank')}>{c.parkProvinceRank ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('profile.leadingIndustries')}>
                  <Space wrap size={4}>
                    {c.leadingIndustries.length === 0
                      ? '—'
                      : c.leadingIndustries.map((i) => <Tag key={i.code}>{`${i.code} ${i.name}`}</Tag>)}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('profile.leadGovernment')}>
                  <OrganizationName id={c.leadGovernmentOrgId} />
                </Descriptions.Item>
                <Descriptions.Item label={t('profile.leadSchool')}>
                  <OrganizationName id={c.leadSchoolOrgId} />
                </Descriptions.Item>
                <Descriptions.Item label={t('profile.leadEnterprise')}>
                  <OrganizationName id={c.leadEnterpriseOrgId} />
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('profile.history')} loading={history.isPending}>
            {(history.data ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('profile.noHistory')}</Typography.Text>
            ) : null}
            <Timeline
              data-testid="status-history"
              items={(history.data ?? []).map((event) => ({
                title: event.effectiveOn,
                content: (
                  <>
                    {`${label('ConsortiumStatus', event.fromStatus)} → ${label('ConsortiumStatus', event.toStatus)}`}
                    {event.note ? <Typography.Text type="secondary">{` · ${event.note}`}</Typography.Text> : null}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(event.createdAt, locale)}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
            {writable && c ? <StatusForm consortium={c} /> : null}
          </Card>
        </Col>
      </Row>
      {editing && c ? <ProfileDrawer consortium={c} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

function StatusForm({ consortium }: { consortium: Consortium }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ to: ConsortiumStatus; effectiveOn: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const targets = CONSORTIUM_TRANSITIONS[consortium.status];
  if (targets.length === 0) return <Typography.Text type="secondary">{t('profile.finalStatus')}</Typography.Text>;
  const submit = async (values: { to: ConsortiumStatus; effectiveOn: string; note?: string }) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/status-transitions', {
          params: { path: { consortiumId: consortium.id } },
          body: { to: values.to, effectiveOn: values.effectiveOn, note: values.note?.trim() || undefined },
        }),
      );
      message.success(t('profile.transitioned', { status: label('ConsortiumStatus', values.to) }));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['consortium', consortium.id] });
      await queryClient.invalidateQueries({ queryKey: ['consortia'] });
    } catch (error) {
      const fields = formFieldErrors(error, ['to', 'effectiveOn', 'note']);
      if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      else message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ effectiveOn: chinaToday(), to: targets[0] }}
      data-testid="status-form"
    >
      <Typography.Title level={5}>{t('profile.changeStatus')}</Typography.Title>
      <Form.Item name="to" label={t('profile.transitionTo')} rules={[rules.required()]}>
        <Select
          options={targets.map((s) => ({ value: s, label: label('ConsortiumStatus', s) }))}
          data-testid="status-to"
        />
      </Form.Item>
      <Form.Item
        name="effectiveOn"
        label={t('profile.effectiveOn')}
        rules={[rules.required(), rules.dateOnly()]}
        getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
        normalize={(value?: dayjs.Dayjs) => value?.format('YYYY-MM-DD')}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('profile.note')} rules={[rules.length(0, L.note.max)]}>
        <Input.TextArea rows={2} data-testid="status-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="status-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}

function ProfileDrawer({ consortium, onClose }: { consortium: Consortium; onClose(): void }) {
  const { t } = useI18n();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<ProfileForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async (values: ProfileForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        api.PATCH('/api/v1/consortia/{consortiumId}', {
          params: { path: { consortiumId: consortium.id } },
          body: toProfileInput(values),
        }),
      );
      message.success(t('profile.saved'));
      await queryClient.invalidateQueries({ queryKey: ['consortium', consortium.id] });
      await queryClient.invalidateQueries({ queryKey: ['consortia'] });
      onClose();
    } catch (failure) {
      const fields = formFieldErrors(failure, PROFILE_FIELDS).map((f) => ({ ...f, name: f.name.slice(0, 2) }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const text = (
    name: 'name' | 'nameEn' | 'province' | 'city' | 'parkName',
    labelKey: Parameters<typeof t>[0],
    required = false,
    testId?: string,
  ) => (
    <Col xs={24} md={12}>
      <Form.Item
        name={name}
        label={t(labelKey)}
        rules={[
          ...(required ? [rules.required()] : []),
          required ? rules.length(L[name].min, L[name].max) : rules.optionalLength(L[name].min, L[name].max),
        ]}
      >
        <Input data-testid={testId} />
      </Form.Item>
    </Col>
  );
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={t('profile.edit')}
      data-testid="profile-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="profile-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        data-testid="profile-form"
        initialValues={{
          name: consortium.name,
          nameEn: consortium.nameEn ?? undefined,
          province: consortium.province,
          city: consortium.city,
          parkName: consortium.parkName ?? undefined,
          parkOutputValue: consortium.parkOutputValue ?? undefined,
          parkProvinceRank: consortium.parkProvinceRank ?? undefined,
          leadingIndustries: consortium.leadingIndustries.map((i) => i.code),
          leadGovernmentOrgId: consortium.leadGovernmentOrgId ?? undefined,
          leadSchoolOrgId: consortium.leadSchoolOrgId ?? undefined,
          leadEnterpriseOrgId: consortium.leadEnterpriseOrgId ?? undefined,
        }}
      >
        <Row gutter={16}>
          {text('name', 'profile.name', true, 'profile-name')}
          {text('nameEn', 'profile.nameEn')}
          {text('province', 'profile.province', true)}
          {text('city', 'profile.city', true)}
          {text('parkName', 'profile.parkName', false, 'profile-park-name')}
          <Col xs={24} md={6}>
            <Form.Item
              name="parkOutputValue"
              label={t('profile.parkOutputValue')}
              rules={[{ pattern: PARK_OUTPUT_PATTERN, message: t('profile.parkOutputInvalid') }]}
            >
              <Input data-testid="profile-park-output" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="parkProvinceRank" label={t('profile.parkProvinceRank')}>
              <InputNumber min={1} max={2_147_483_647} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leadGovernmentOrgId" label={t('profile.leadGovernment')}>
              <OrganizationSelect type="government" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leadSchoolOrgId" label={t('profile.leadSchool')}>
              <OrganizationSelect allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leadEnterpriseOrgId" label={t('profile.leadEnterprise')}>
              <OrganizationSelect type="enterprise" allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="leadingIndustries">
          {(fields, { add, remove }) => (
            <Form.Item label={t('profile.leadingIndustries')}>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} style={{ marginBottom: 8 }}>
                  <Col flex="auto">
                    <Form.Item name={field.name} noStyle rules={[rules.required()]}>
                      <IndustrySelect />
                    </Form.Item>
                  </Col>
                  <Col flex="none" style={{ paddingTop: 6 }}>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              {fields.length < L.leadingIndustries.max ? (
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} block>
                  {t('profile.leadingIndustries')}
                </Button>
              ) : null}
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
