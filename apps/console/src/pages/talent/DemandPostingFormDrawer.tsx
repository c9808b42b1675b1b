import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { DateStringPicker } from '../../components/DateStringPicker';
import { OccupationSelect } from '../../components/OccupationSelect';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { ProgrammeSelect } from '../../components/ProgrammeSelect';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  SALARY_PATTERN,
  salaryOrdered,
  TALENT_LIMITS as L,
  toPostingBody,
  toSkills,
  type DemandInput,
  type DemandPosting,
} from './talent-rules';
import { WeightedSkillsField } from './WeightedSkillsField';

/** The form's fields (the type makes it list every field of the request body it sends). */
const FIELD_SET: Record<Exclude<keyof DemandInput, 'programmeClassCodes'>, true> = {
  organizationId: true,
  title: true,
  description: true,
  occupationCode: true,
  programmeCodes: true,
  minLevel: true,
  headcount: true,
  requiredSkills: true,
  preferredSkills: true,
  certificates: true,
  employmentType: true,
  district: true,
  inPark: true,
  salaryMin: true,
  salaryMax: true,
  startDate: true,
  validUntil: true,
};
const FIELDS = Object.keys(FIELD_SET);

/**
 * Drafts (POST) or edits (PATCH) a demand posting (人才需求). Checked before sending with the
 * API's rules — headcount ≥ 1, salary range ordered, the last day not before today in China,
 * lengths; what the API still refuses is shown on the field it names.
 */
export function DemandPostingFormDrawer({
  posting,
  onClose,
  onSaved,
}: {
  posting?: DemandPosting;
  onClose(): void;
  onSaved(saved: DemandPosting): void;
}) {
  const { consortiumId, role } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<DemandInput>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async (values: DemandInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const input: DemandInput = {
        ...values,
        requiredSkills: toSkills(values.requiredSkills),
        preferredSkills: toSkills(values.preferredSkills),
        certificates: (values.certificates ?? []).map((c) => c.trim()).filter(Boolean),
      };
      const saved = posting
        ? await unwrap(
            api.PATCH('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}', {
              params: { path: { consortiumId, demandPostingId: posting.id } },
              body: toPostingBody(input, posting),
            }),
          )
        : await unwrap(
            api.POST('/api/v1/consortia/{consortiumId}/demand-postings', {
              params: { path: { consortiumId } },
              body: toPostingBody(input) as DemandInput,
            }),
          );
      message.success(posting ? t('talent.saved') : t('talent.drafted', { title: saved.title }));
      await queryClient.invalidateQueries({ queryKey: ['demand-postings', consortiumId] });
      onSaved(saved);
    } catch (failure) {
      form.setFields(formFieldErrors(failure, FIELDS) as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<DemandInput> = posting
    ? (Object.fromEntries(
        Object.entries(posting).filter(([k, v]) => FIELDS.includes(k) && v !== null && k !== 'organizationId'),
      ) as Partial<DemandInput>)
    : { headcount: 1, employmentType: 'full_time', inPark: true, requiredSkills: [{ skill: '', weight: 3 }] };

  const salary = (name: 'salaryMin' | 'salaryMax') => (
    <Form.Item
      name={name}
      label={t(name === 'salaryMin' ? 'talent.salaryMin' : 'talent.salaryMax')}
      dependencies={name === 'salaryMax' ? ['salaryMin'] : undefined}
      rules={[
        { pattern: SALARY_PATTERN, message: t('talent.salaryFormat') },
        ...(name === 'salaryMax'
          ? [
              ({ getFieldValue }: { getFieldValue(field: string): unknown }) => ({
                validator: (_rule: unknown, value?: string) =>
                  salaryOrdered(getFieldValue('salaryMin') as string | undefined, value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('talent.salaryOrder'))),
              }),
            ]
          : []),
      ]}
    >
      <Input inputMode="decimal" suffix={t('talent.yuanPerMonth')} data-testid={`demand-${name}`} />
    </Form.Item>
  );

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={posting ? t('talent.editTitle', { title: posting.title }) : t('talent.newDemand')}
      data-testid="demand-form-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="demand-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="demand-form">
        <Row gutter={16}>
          {!posting && role !== 'member' ? (
            <Col xs={24}>
              <Form.Item
                name="organizationId"
                label={t('talent.enterprise')}
                rules={[rules.required()]}
                extra={t('talent.enterpriseHint')}
              >
                <OrganizationSelect type="enterprise" testId="demand-organization" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24}>
            <Form.Item
              name="title"
              label={t('talent.title')}
              rules={[rules.required(), rules.optionalLength(L.title.min, L.title.max)]}
            >
              <Input data-testid="demand-title" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="description"
              label={t('talent.description')}
              rules={[rules.length(L.description.min, L.description.max)]}
            >
              <Input.TextArea rows={4} data-testid="demand-description" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="employmentType" label={t('talent.employmentType')} rules={[rules.required()]}>
              <Select options={options('EmploymentType')} data-testid="demand-employment-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="headcount"
              label={t('talent.headcount')}
              rules={[rules.required(), rules.integer(L.headcount.min, L.headcount.max)]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="demand-headcount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occupationCode" label={t('talent.occupation')} extra={t('talent.codesOptional')}>
              <OccupationSelect testId="demand-occupation" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="minLevel" label={t('talent.minLevel')}>
              <Select allowClear options={options('TalentEducationLevel')} data-testid="demand-min-level" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="programmeCodes" label={t('talent.programmes')}>
              <ProgrammeSelect multiple maxCount={L.programmeCodes.max} testId="demand-programmes" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <WeightedSkillsField name="requiredSkills" label={t('talent.requiredSkills')} testId="required-skills" />
          </Col>
          <Col xs={24} md={12}>
            <WeightedSkillsField name="preferredSkills" label={t('talent.preferredSkills')} testId="preferred-skills" />
          </Col>
          <Col xs={24}>
            <Form.Item
              name="certificates"
              label={t('talent.certificates')}
              rules={[
                {
                  validator: (_rule, value?: string[]) =>
                    (value ?? []).every((c) => [...c.trim()].length <= L.certificate.max) &&
                    (value ?? []).length <= L.certificates.max
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('form.length', { min: L.certificate.min, max: L.certificate.max }))),
                },
              ]}
            >
              <Select
                mode="tags"
                open={false}
                placeholder={t('talent.certificatesHint')}
                data-testid="demand-certificates"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="district"
              label={t('talent.district')}
              rules={[rules.optionalLength(L.district.min, L.district.max)]}
            >
              <Input data-testid="demand-district" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="inPark" label={t('talent.inPark')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {salary('salaryMin')}
          </Col>
          <Col xs={24} md={12}>
            {salary('salaryMax')}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="startDate" label={t('talent.startDate')} rules={[rules.dateOnly()]}>
              <DateStringPicker testId="demand-start-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validUntil"
              label={t('talent.validUntil')}
              extra={t('talent.validUntilHint')}
              rules={[rules.dateOnly(), rules.notBeforeToday(posting?.validUntil)]}
            >
              <DateStringPicker testId="demand-valid-until" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
