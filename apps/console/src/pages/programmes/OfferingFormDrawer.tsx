import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  OFFERING_FIELDS,
  OFFERING_LIMITS as L,
  OFFERING_PHONE_PATTERN,
  SCHOOL_LEVELS,
  toOfferingCreate,
  toOfferingForm,
  toOfferingUpdate,
  type Offering,
  type OfferingForm,
  type OrganizationType,
} from './offering-rules';
import { ProgrammeSelect } from './ProgrammeSelect';

export interface OrganizationChoice {
  id: string;
  name: string;
  type: OrganizationType;
}

/** List fields the API names per entry (`skills.3`): their problems go on the whole field. */
const LIST_FIELDS = ['skills', 'certificates', 'trainingModes', 'partnerSchoolIds', 'partnerEnterpriseIds'];

/**
 * Adds (POST) or edits (PATCH) a programme offering. A member adds only for its own school;
 * the secretariat picks the school. The level offered is one the school runs, and the
 * programme is searched in the catalogue at that level; the school and the programme never
 * change afterwards. Checked before sending with the API's rules (bounds, one entry per
 * graduation year, skill lengths, phone and email); what the API still refuses is shown on
 * the field it names.
 */
export function OfferingFormDrawer({
  offering,
  organizations,
  onClose,
  onSaved,
}: {
  offering?: Offering;
  /** The consortium's organizations (schools to choose, partners). */
  organizations: readonly OrganizationChoice[];
  onClose(): void;
  onSaved(saved: Offering): void;
}) {
  const { consortiumId, role, organizationId: ownOrganizationId } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<OfferingForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const own = role === 'member' ? ownOrganizationId : null;
  const schoolId = Form.useWatch('organizationId', form) ?? offering?.organizationId ?? own ?? undefined;
  const level = Form.useWatch('level', form);
  const school = useQuery({
    queryKey: ['organizations', consortiumId, 'detail', schoolId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations/{organizationId}', {
          params: { path: { consortiumId, organizationId: schoolId ?? '' } },
        }),
      ),
    enabled: Boolean(schoolId),
  });
  const schoolType = school.data?.type;
  const levels = schoolType ? SCHOOL_LEVELS[schoolType] : [];
  // A school running one level: that level.
  useEffect(() => {
    const only = schoolType ? SCHOOL_LEVELS[schoolType] : [];
    if (!offering && only.length === 1 && form.getFieldValue('level') !== only[0])
      form.setFieldsValue({ level: only[0] });
  }, [offering, schoolType, form, schoolId]);
  const schools = organizations.filter((o) => SCHOOL_LEVELS[o.type].length > 0);
  const asOption = (o: OrganizationChoice) => ({ value: o.id, label: o.name });

  const save = async (values: OfferingForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = offering
        ? await unwrap(
            api.PATCH('/api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}', {
              params: { path: { consortiumId, offeringId: offering.id } },
              body: toOfferingUpdate(values),
            }),
          )
        : await unwrap(
            api.POST('/api/v1/consortia/{consortiumId}/programme-offerings', {
              params: { path: { consortiumId } },
              body: toOfferingCreate({ ...values, organizationId: values.organizationId ?? own ?? undefined }),
            }),
          );
      message.success(offering ? t('prog.saved') : t('prog.created', { name: saved.programmeName }));
      await queryClient.invalidateQueries({ queryKey: ['programme-offerings', consortiumId] });
      onSaved(saved);
    } catch (failure) {
      const fields = formFieldErrors(failure, OFFERING_FIELDS).map((f) =>
        LIST_FIELDS.includes(String(f.name[0])) ? { ...f, name: [f.name[0]] } : f,
      );
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  /** Each tag 1–max characters, at most `count` tags. */
  const tagsRule = (max: number, count: number): Rule => ({
    validator: (_rule, value: string[] | undefined) => {
      const tags = value ?? [];
      if (tags.length > count) return Promise.reject(new Error(t('prog.tooMany', { max: count })));
      const long = tags.find((tag) => [...tag.trim()].length > max);
      return long ? Promise.reject(new Error(t('prog.tagLength', { max, tag: long }))) : Promise.resolve();
    },
  });
  const uniqueYear: Rule = ({ getFieldValue }) => ({
    validator: (_rule, value: number | null | undefined) => {
      if (value === undefined || value === null) return Promise.resolve();
      const entries = (getFieldValue('expectedGraduates') ?? []) as OfferingForm['expectedGraduates'];
      const same = (entries ?? []).filter((g) => g?.year === value).length;
      return same > 1 ? Promise.reject(new Error(t('prog.duplicateYear', { year: value }))) : Promise.resolve();
    },
  });

  const initial: Partial<OfferingForm> = offering
    ? toOfferingForm(offering)
    : { status: 'active', expectedGraduates: [], skills: [], certificates: [], trainingModes: [] };
  const half = { xs: 24, md: 12 };

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={
        offering
          ? t('prog.editTitle', { name: `${offering.programmeCode} ${offering.programmeName}` })
          : t('prog.create')
      }
      data-testid="offering-form-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="offering-save">
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
        initialValues={initial}
        onFinish={save}
        onValuesChange={(changed: Partial<OfferingForm>) => {
          // Another school or level: the programme found for the old one may not fit.
          if ('organizationId' in changed) form.setFieldsValue({ level: undefined, programmeCode: undefined });
          if ('level' in changed) form.setFieldsValue({ programmeCode: undefined });
        }}
        data-testid="offering-form"
      >
        <Row gutter={16}>
          <Col {...half}>
            {offering || own ? (
              <Form.Item label={t('prog.school')}>
                <Typography.Text data-testid="offering-school-name">
                  {organizations.find((o) => o.id === schoolId)?.name ?? school.data?.name ?? '—'}
                </Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="organizationId" label={t('prog.school')} rules={[rules.required()]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={schools.map(asOption)}
                  data-testid="offering-school"
                />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            {offering ? (
              <Form.Item label={t('prog.level')}>
                <Typography.Text>{label('ProgrammeLevel', offering.level)}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item
                name="level"
                label={t('prog.level')}
                extra={school.data ? t('prog.levelHint') : undefined}
                rules={[rules.required()]}
              >
                <Select
                  disabled={!school.data}
                  options={levels.map((v) => ({ value: v, label: label('ProgrammeLevel', v) }))}
                  data-testid="offering-level"
                />
              </Form.Item>
            )}
          </Col>
          <Col xs={24}>
            {offering ? (
              <Form.Item label={t('prog.name')}>
                <Typography.Text>{`${offering.programmeCode} ${offering.programmeName} · ${offering.className}`}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="programmeCode" label={t('prog.name')} rules={[rules.required()]}>
                <ProgrammeSelect level={level} testId="offering-programme" />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item name="startYear" label={t('prog.startYear')} rules={[rules.required()]}>
              <InputNumber
                min={L.startYear.min}
                max={L.startYear.max}
                precision={0}
                style={{ width: '100%' }}
                data-testid="offering-start-year"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('prog.status')} rules={[rules.required()]}>
              <Select options={options('OfferingStatus')} data-testid="offering-status" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="enrolmentPlan" label={t('prog.enrolmentPlan')}>
              <InputNumber
                min={L.enrolmentPlan.min}
                max={L.enrolmentPlan.max}
                precision={0}
                style={{ width: '100%' }}
                data-testid="offering-enrolment-plan"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="studentsEnrolled" label={t('prog.studentsEnrolled')}>
              <InputNumber
                min={L.studentsEnrolled.min}
                max={L.studentsEnrolled.max}
                precision={0}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('prog.graduates')} required={false}>
          <Form.List name="expectedGraduates">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="offering-graduates">
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top" wrap={false}>
                    <Col flex="1">
                      <Form.Item
                        name={[field.name, 'year']}
                        rules={[rules.required(), uniqueYear]}
                        dependencies={fields
                          .filter((f) => f.key !== field.key)
                          .map((f) => ['expectedGraduates', f.name, 'year'])}
                        style={{ marginBottom: 0 }}
                      >
                        <InputNumber
                          placeholder={t('prog.graduationYear')}
                          min={L.graduatesYear.min}
                          max={L.graduatesYear.max}
                          precision={0}
                          style={{ width: '100%' }}
                          data-testid={`graduates-year-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="1">
                      <Form.Item name={[field.name, 'count']} rules={[rules.required()]} style={{ marginBottom: 0 }}>
                        <InputNumber
                          placeholder={t('prog.graduatesCount')}
                          min={L.graduatesCount.min}
                          max={L.graduatesCount.max}
                          precision={0}
                          style={{ width: '100%' }}
                          data-testid={`graduates-count-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="none">
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('common.remove')}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                ))}
                {fields.length < L.expectedGraduates.max ? (
                  <Button icon={<PlusOutlined />} onClick={() => add()} data-testid="graduates-add">
                    {t('prog.addGraduates')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="skills"
          label={t('prog.skills')}
          extra={t('prog.skillsHint')}
          rules={[tagsRule(L.skill.max, L.skills.max)]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', '，', '、', ';', '；']}

            data-testid="offering-skills"
          />
        </Form.Item>
        <Form.Item
          name="certificates"
          label={t('prog.certificates')}
          rules={[tagsRule(L.certificate.max, L.certificates.max)]}
        >
          <Select mode="tags" tokenSeparators={['、', ';', '；']} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="trainingModes" label={t('prog.modes')}>
              <Select mode="multiple" options={options('TrainingMode')} data-testid="offering-modes" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="partnerSchoolIds" label={t('prog.partnerSchools')}>
              <Select
                mode="multiple"
                maxCount={L.partnerSchoolIds.max}
                showSearch={{ optionFilterProp: 'label' }}
                options={schools.filter((o) => o.id !== schoolId).map(asOption)}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="partnerEnterpriseIds" label={t('prog.partnerEnterprises')}>
              <Select
                mode="multiple"
                maxCount={L.partnerEnterpriseIds.max}
                showSearch={{ optionFilterProp: 'label' }}
                options={organizations.filter((o) => o.type === 'enterprise').map(asOption)}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="contactName"
              label={t('prog.contactName')}
              rules={[rules.optionalLength(L.contactName.min, L.contactName.max)]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="contactPhone"
              label={t('prog.contactPhone')}
              rules={[{ pattern: OFFERING_PHONE_PATTERN, message: t('form.phone') }]}
            >
              <Input data-testid="offering-contact-phone" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="contactEmail"
              label={t('prog.contactEmail')}
              rules={[rules.email(), rules.length(0, L.contactEmail.max)]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('prog.note')} rules={[rules.length(0, L.note.max)]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
