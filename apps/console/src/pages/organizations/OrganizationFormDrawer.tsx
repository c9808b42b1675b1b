import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Grid, Input, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { IndustrySelect } from '../../components/IndustrySelect';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  ORGANIZATION_LIMITS as L,
  toOrganizationInput,
  type Organization,
  type OrganizationInput,
} from './organization-rules';

/** The form's fields (the type makes it list every field of the request body). */
const FIELD_SET: Record<keyof OrganizationInput, true> = {
  type: true,
  name: true,
  nameEn: true,
  creditCode: true,
  district: true,
  address: true,
  industryCode: true,
  industryName: true,
  size: true,
  leadingEnterprise: true,
  certifiedIntegrationEnterprise: true,
  doubleHighSchool: true,
  contacts: true,
};
const FIELDS = Object.keys(FIELD_SET);
const FLAGS = ['leadingEnterprise', 'certifiedIntegrationEnterprise', 'doubleHighSchool'] as const;

/**
 * Registers (POST) or edits (PATCH) an organization. Checked before sending with the API's
 * rules (credit code check digit, lengths, phone and email); what the API still refuses is
 * shown on the field it names.
 */
export function OrganizationFormDrawer({
  organization,
  onClose,
  onSaved,
}: {
  organization?: Organization;
  onClose(): void;
  onSaved(saved: Organization): void;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<OrganizationInput>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form);

  const save = async (values: OrganizationInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = toOrganizationInput(values);
      const saved = organization
        ? await unwrap(
            api.PATCH('/api/v1/consortia/{consortiumId}/organizations/{organizationId}', {
              params: { path: { consortiumId, organizationId: organization.id } },
              body,
            }),
          )
        : await unwrap(
            api.POST('/api/v1/consortia/{consortiumId}/organizations', { params: { path: { consortiumId } }, body }),
          );
      message.success(organization ? t('org.saved') : t('org.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: ['organizations', consortiumId] });
      onSaved(saved);
    } catch (failure) {
      const fields = formFieldErrors(failure, FIELDS);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<OrganizationInput> = organization
    ? {
        ...Object.fromEntries(Object.entries(organization).filter(([k, v]) => FIELDS.includes(k) && v !== null)),
      }
    : { type: 'enterprise', contacts: [] };

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={organization ? t('org.editTitle', { name: organization.name }) : t('org.create')}
      data-testid="organization-form-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="org-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="organization-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('org.type')} rules={[rules.required()]}>
              <Select options={options('OrganizationType')} data-testid="org-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('org.creditCode')}
              rules={[...(type === 'enterprise' ? [rules.required()] : []), rules.creditCode()]}
              extra={type === 'enterprise' ? t('org.creditCodeRequired') : undefined}
            >
              <Input maxLength={18} data-testid="org-credit-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('org.name')}
              rules={[rules.required(), rules.length(L.name.min, L.name.max)]}
            >
              <Input data-testid="org-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('org.nameEn')} rules={[rules.length(0, L.nameEn.max)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="district" label={t('org.district')} rules={[rules.length(0, L.district.max)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="size" label={t('org.size')}>
              <Select allowClear options={options('OrganizationSize')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('org.address')} rules={[rules.length(0, L.address.max)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryCode" label={t('org.industryCode')}>
              <IndustrySelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="industryName"
              label={t('org.industryName')}
              rules={[rules.length(0, L.industryName.max)]}
              extra={t('org.industryNameHint')}
            >
              <Input />
            </Form.Item>
          </Col>
          {FLAGS.map((flag) => (
            <Col xs={24} sm={8} key={flag}>
              <Form.Item name={flag} label={t(`org.${flag}`)} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col xs={24} sm={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('org.contactName')}
                      rules={[rules.required(), rules.length(L.contactName.min, L.contactName.max)]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={5}>
                    <Form.Item
                      name={[field.name, 'title']}
                      label={t('org.contactTitle')}
                      rules={[rules.length(0, L.contactTitle.max)]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={6}>
                    <Form.Item name={[field.name, 'phone']} label={t('org.contactPhone')} rules={[rules.phone()]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={6}>
                    <Form.Item name={[field.name, 'email']} label={t('org.contactEmail')} rules={[rules.email()]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} style={{ paddingTop: 34 }}>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              {fields.length < L.contacts.max ? (
                <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} block>
                  {t('org.addContact')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
