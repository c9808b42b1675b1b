import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Grid,
  Input,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { ORGANIZATION_LIMITS as O } from '../organizations/organization-rules';
import { CONSORTIUM_STATUS_COLORS, PROFILE_LIMITS as P, type Consortium } from '../profile/profile-rules';
import { InitialPassword } from '../users/InitialPassword';
import { USER_LIMITS as U, USER_PHONE_PATTERN } from '../users/user-rules';
import {
  CONSORTIUM_CODE_PATTERN,
  LEAD_UNIT_SLOTS,
  LEAD_UNIT_TYPES,
  toOnboardInput,
  type OnboardForm,
} from './platform-rules';

/** 联合体管理 (platform admins): every consortium by name, and creating one with its lead units and secretariat. */
export default function ConsortiaAdminPage() {
  const { t, locale } = useI18n();
  const { label, options } = useEnumLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; password: string | null }>();
  const list = useCursorList<Consortium>({
    queryKey: ['consortia', 'admin'],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia', {
          params: {
            query: {
              q: filters.q,
              status: filters.status as Consortium['status'] | undefined,
              province: filters.province,
              limit,
              cursor,
            },
          },
        }),
      ),
  });
  const columns: Array<CursorColumn<Consortium>> = [
    { title: t('platform.code'), dataIndex: 'code' },
    {
      title: t('profile.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Link>{name}</Typography.Link>,
    },
    { title: t('profile.city'), dataIndex: 'city', render: (city: string, c) => `${c.province} ${city}` },
    {
      title: t('profile.status'),
      dataIndex: 'status',
      render: (status: Consortium['status']) => (
        <Tag color={CONSORTIUM_STATUS_COLORS[status]}>{label('ConsortiumStatus', status)}</Tag>
      ),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
  ];
  return (
    <div data-testid="platform-consortia-page">
      <PageHeader title={t('nav.platformConsortia')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('platform.search')}>
            <Input allowClear placeholder={t('platform.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('profile.status')}>
            <Select allowClear options={options('ConsortiumStatus')} />
          </Form.Item>
          <Form.Item name="province" label={t('profile.province')}>
            <Input allowClear />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        <Space style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="consortium-create"
          >
            {t('platform.createConsortium')}
          </Button>
        </Space>
        <CursorTable<Consortium>
          list={list}
          columns={columns}
          rowKey="id"
          testId="consortia-table"
          onRowClick={(c) => navigate(`/c/${c.id}/profile`)}
        />
      </Card>
      {creating ? (
        <OnboardDrawer
          onClose={(result) => {
            setCreating(false);
            if (result) {
              setCreated(result);
              void queryClient.invalidateQueries({ queryKey: ['consortia'] });
            }
          }}
        />
      ) : null}
      {created ? <InitialPassword {...created} onClose={() => setCreated(undefined)} /> : null}
    </div>
  );
}

function OnboardDrawer({ onClose }: { onClose(created?: { name: string; password: string | null }): void }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<OnboardForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const enterpriseName = Form.useWatch(['leadUnits', 'enterprise', 'name'], form) as string | undefined;
  const save = async (values: OnboardForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await unwrap(api.POST('/api/v1/consortia', { body: toOnboardInput(values) }));
      message.success(t('platform.created', { name: result.consortium.name }));
      onClose({
        name: result.secretariat.membership.displayName,
        password: result.secretariat.initialPassword ?? null,
      });
    } catch (failure) {
      form.setFields(
        formFieldErrors(failure, [
          'code',
          'name',
          'nameEn',
          'province',
          'city',
          'parkName',
          'leadUnits',
          'secretariat',
        ]) as Parameters<typeof form.setFields>[0],
      );
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const half = { xs: 24, md: 12 };
  return (
    <Drawer
      open
      onClose={() => onClose()}
      size={screens.md ? 760 : '100%'}
      title={t('platform.createConsortium')}
      data-testid="onboard-drawer"
      extra={
        <Space>
          <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="onboard-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={save} data-testid="onboard-form">
        <Divider titlePlacement="start">{t('platform.profile')}</Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="code"
              label={t('platform.code')}
              extra={t('platform.codeHint')}
              normalize={(v?: string) => v?.toUpperCase()}
              rules={[rules.required(), { pattern: CONSORTIUM_CODE_PATTERN, message: t('platform.codeInvalid') }]}
            >
              <Input data-testid="onboard-code" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="name"
              label={t('profile.name')}
              rules={[rules.required(), rules.length(P.name.min, P.name.max)]}
            >
              <Input data-testid="onboard-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="province"
              label={t('profile.province')}
              rules={[rules.required(), rules.length(P.province.min, P.province.max)]}
            >
              <Input data-testid="onboard-province" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="city"
              label={t('profile.city')}
              rules={[rules.required(), rules.length(P.city.min, P.city.max)]}
            >
              <Input data-testid="onboard-city" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="nameEn" label={t('profile.nameEn')} rules={[rules.length(0, P.nameEn.max)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="parkName"
              label={t('profile.parkName')}
              rules={[rules.optionalLength(P.parkName.min, P.parkName.max)]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('platform.leadUnits')}</Divider>
        {LEAD_UNIT_SLOTS.map((slot) => (
          <Row gutter={16} key={slot}>
            <Col xs={24}>
              <Typography.Text strong>{t(`platform.leadUnit.${slot}`)}</Typography.Text>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['leadUnits', slot, 'name']}
                label={t('platform.leadUnitName')}
                rules={[rules.length(0, O.name.max)]}
              >
                <Input data-testid={`lead-${slot}-name`} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item
                name={['leadUnits', slot, 'type']}
                label={t('platform.leadUnitType')}
                initialValue={LEAD_UNIT_TYPES[slot][0]}
              >
                <Select
                  disabled={LEAD_UNIT_TYPES[slot].length === 1}
                  options={LEAD_UNIT_TYPES[slot].map((type) => ({
                    value: type,
                    label: label('OrganizationType', type),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name={['leadUnits', slot, 'creditCode']}
                label={t('org.creditCode')}
                rules={[
                  ...(slot === 'enterprise' && enterpriseName?.trim() ? [rules.required()] : []),
                  rules.creditCode(),
                ]}
              >
                <Input maxLength={18} data-testid={`lead-${slot}-credit-code`} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item
                name={['leadUnits', slot, 'joinedOn']}
                label={t('platform.joinedOn')}
                rules={[rules.dateOnly()]}
                getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
                normalize={(value?: dayjs.Dayjs) => value?.format('YYYY-MM-DD')}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Divider titlePlacement="start">{t('platform.secretariat')}</Divider>
        <Typography.Paragraph type="secondary">{t('platform.secretariatHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name={['secretariat', 'email']}
              label={t('users.email')}
              rules={[rules.required(), rules.email(), rules.length(0, U.email.max)]}
            >
              <Input data-testid="onboard-secretariat-email" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name={['secretariat', 'displayName']}
              label={t('users.displayName')}
              rules={[rules.required(), rules.length(U.displayName.min, U.displayName.max)]}
            >
              <Input data-testid="onboard-secretariat-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name={['secretariat', 'phone']}
              label={t('users.phone')}
              rules={[{ pattern: USER_PHONE_PATTERN, message: t('users.phoneInvalid') }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
