import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import type { components } from '../../api/schema';
import { useConsortium } from '../../app/useConsortium';
import { DateStringPicker } from '../../components/DateStringPicker';
import { OfferingSelect } from '../../components/OfferingSelect';
import { chinaToday } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { TALENT_LIMITS as L, toPostingBody, toSkills, type SupplyInput, type SupplyPosting } from './talent-rules';
import { WeightedSkillsField } from './WeightedSkillsField';

type Offering = components['schemas']['OfferingDto'];

/** The form's fields (the type makes it list every field of the request body it sends). */
const FIELD_SET: Record<keyof SupplyInput, true> = {
  offeringId: true,
  title: true,
  cohortYear: true,
  headcount: true,
  availableFrom: true,
  validUntil: true,
  modes: true,
  skills: true,
  note: true,
};
const FIELDS = Object.keys(FIELD_SET);

/**
 * Drafts (POST) or edits (PATCH) a supply posting (人才供给) from one of the school's programme
 * offerings: picking the offering fills in its skills and the graduates expected next. Checked
 * before sending with the API's rules (headcount ≥ 1, cohort year, last day not before today).
 */
export function SupplyPostingFormDrawer({
  posting,
  onClose,
  onSaved,
}: {
  posting?: SupplyPosting;
  onClose(): void;
  onSaved(saved: SupplyPosting): void;
}) {
  const { consortiumId, role, organizationId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<SupplyInput>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const year = Number(chinaToday().slice(0, 4));

  /** A new posting takes the offering's skills and its next cohort of graduates. */
  const picked = (offering: Offering | undefined) => {
    if (!offering || posting) return;
    const next = [...offering.expectedGraduates].sort((a, b) => a.year - b.year).find((g) => g.year >= year);
    form.setFieldsValue({
      skills: offering.skills.slice(0, L.skills.max).map((skill) => ({ skill, weight: 3 })),
      ...(next ? { cohortYear: next.year, headcount: next.count } : {}),
    });
  };

  const save = async (values: SupplyInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const input: SupplyInput = { ...values, skills: toSkills(values.skills) };
      const saved = posting
        ? await unwrap(
            api.PATCH('/api/v1/consortia/{consortiumId}/supply-postings/{supplyPostingId}', {
              params: { path: { consortiumId, supplyPostingId: posting.id } },
              body: toPostingBody(input, posting),
            }),
          )
        : await unwrap(
            api.POST('/api/v1/consortia/{consortiumId}/supply-postings', {
              params: { path: { consortiumId } },
              body: toPostingBody(input) as SupplyInput,
            }),
          );
      message.success(posting ? t('talent.saved') : t('talent.drafted', { title: saved.title }));
      await queryClient.invalidateQueries({ queryKey: ['supply-postings', consortiumId] });
      onSaved(saved);
    } catch (failure) {
      form.setFields(formFieldErrors(failure, FIELDS) as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<SupplyInput> = posting
    ? (Object.fromEntries(
        Object.entries(posting).filter(([k, v]) => FIELDS.includes(k) && v !== null),
      ) as Partial<SupplyInput>)
    : { cohortYear: year + 1, headcount: 1, modes: ['employment'] };

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={posting ? t('talent.editTitle', { title: posting.title }) : t('talent.newSupply')}
      data-testid="supply-form-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="supply-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="supply-form">
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name="offeringId"
              label={t('talent.offering')}
              rules={[rules.required()]}
              extra={role === 'member' ? undefined : t('talent.offeringHint')}
            >
              {posting ? (
                <OfferingSelect organizationId={posting.organizationId} testId="supply-offering" />
              ) : (
                <OfferingSelect
                  organizationId={role === 'member' ? (organizationId ?? undefined) : undefined}
                  onPicked={picked}
                  testId="supply-offering"
                />
              )}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="title"
              label={t('talent.title')}
              extra={posting ? undefined : t('talent.supplyTitleHint')}
              rules={[...(posting ? [rules.required()] : []), rules.optionalLength(L.title.min, L.title.max)]}
            >
              <Input data-testid="supply-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="cohortYear"
              label={t('talent.cohortYear')}
              rules={[rules.required(), rules.integer(L.cohortYear.min, L.cohortYear.max)]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="supply-cohort-year" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="headcount"
              label={t('talent.supplyHeadcount')}
              rules={[rules.required(), rules.integer(L.headcount.min, L.headcount.max)]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="supply-headcount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="availableFrom" label={t('talent.availableFrom')} rules={[rules.dateOnly()]}>
              <DateStringPicker testId="supply-available-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validUntil"
              label={t('talent.validUntil')}
              extra={t('talent.validUntilHint')}
              rules={[rules.dateOnly(), rules.notBeforeToday(posting?.validUntil)]}
            >
              <DateStringPicker testId="supply-valid-until" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="modes" label={t('talent.modes')}>
              <Select mode="multiple" allowClear options={options('SupplyMode')} data-testid="supply-modes" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <WeightedSkillsField name="skills" label={t('talent.skills')} testId="supply-skills" />
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('talent.note')} rules={[rules.length(L.note.min, L.note.max)]}>
              <Input.TextArea rows={3} data-testid="supply-note" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
