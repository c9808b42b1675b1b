import { InboxOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, InputNumber, Radio, Row, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, unwrap, uploadFormFile } from '../../api/client';
import { ApiError, formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { EvidenceList } from './EvidenceList';
import { useReportDetail } from './report-queries';
import { describeIndicatorError } from './errors';
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_MAX_FILES,
  EVIDENCE_MAX_MIB,
  EVIDENCE_TYPE_NAMES,
  evidenceFileProblem,
  formValue,
  INDICATOR_LIMITS,
  REPORT_STATUS_COLORS,
  showValue,
  valueProblem,
  type Evidence,
  type FrameworkNode,
  type PointDefinition,
  type Report,
  type ReportDetail,
  type ReportValue,
} from './indicator-rules';

interface EntryForm {
  value?: number | boolean | string | null;
  note?: string;
}

/**
 * One observation point of the form: its value (input by the point's value type, checked with
 * the API's rule before sending), note, evidence files (drag and drop, multipart), save as a
 * draft and submit. A returned report shows the secretariat's comment; a locked one its reason.
 */
export function PointEntry({
  node,
  target,
  report,
  periodId,
  organizationId,
}: {
  node: FrameworkNode;
  target: number | boolean | undefined;
  report: Report | undefined;
  periodId: string;
  /** The reporting organization when the secretariat reports for one; undefined: the caller's own. */
  organizationId: string | undefined;
}) {
  const point = node.point as PointDefinition;
  const { consortiumId } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EntryForm>();
  const [busy, setBusy] = useState<'save' | 'submit' | 'upload'>();
  const [evidenceError, setEvidenceError] = useState<string>();
  const detail = useReportDetail(report?.id);
  const current: Report | ReportDetail | undefined = detail.data ?? report;
  const evidence: Evidence[] = detail.data?.evidence ?? [];
  const editable = !current?.lock;
  const code = node.code;
  const yesNo = { yes: t('common.yes'), no: t('common.no') };
  const say = (error: unknown) => describeIndicatorError(error, t, label);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['indicator-reports', consortiumId] });

  /** Creates the report (a draft) or changes it; answers it. */
  const save = async (value: ReportValue, note: string | undefined): Promise<ReportDetail> => {
    if (current) {
      return unwrap(
        api.PATCH('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}', {
          params: { path: { consortiumId, reportId: current.id } },
          body: { value, note: note ?? '' },
        }),
      );
    }
    return unwrap(
      api.POST('/api/v1/consortia/{consortiumId}/indicator-reports', {
        params: { path: { consortiumId } },
        body: { periodId, pointCode: code, organizationId, value, ...(note ? { note } : {}) },
      }),
    );
  };

  const refused = (error: unknown) => {
    const fields = formFieldErrors(error, ['value', 'note']);
    if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
    const text = say(error);
    if (error instanceof ApiError && error.code === 'evidence_required') setEvidenceError(text);
    message.error(text);
  };

  const run = async (action: 'save' | 'submit') => {
    let values: EntryForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const value = formValue(point, values.value);
    if (action === 'submit' && value === null) {
      form.setFields([{ name: 'value', errors: [t('ind.valueRequired')] }]);
      return;
    }
    setBusy(action);
    try {
      const saved = await save(value, values.note);
      if (action === 'submit') {
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/submit', {
            params: { path: { consortiumId, reportId: saved.id } },
          }),
        );
        setEvidenceError(undefined);
      }
      message.success(t(action === 'submit' ? 'ind.submitted' : 'ind.saved', { code }));
      await refresh();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(undefined);
    }
  };

  const upload = async (file: File) => {
    const problem = evidenceFileProblem(file, evidence.length);
    if (problem) {
      setEvidenceError(t(problem.key, problem.params));
      return;
    }
    setEvidenceError(undefined);
    setBusy('upload');
    try {
      // Evidence hangs on a report: start the draft first (with the value typed, when it is a valid one).
      let reportId = current?.id;
      if (!reportId) {
        const typed = formValue(point, form.getFieldValue('value'));
        reportId = (await save(valueProblem(point, typed) ? null : typed, form.getFieldValue('note'))).id;
      }
      await uploadFormFile<Evidence>(`/api/v1/consortia/${consortiumId}/indicator-reports/${reportId}/evidence`, file);
      message.success(t('ind.evidenceUploaded', { name: file.name }));
      await refresh();
    } catch (error) {
      setEvidenceError(say(error));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, marginBottom: 12 }}
      data-testid={`point-${code}`}
    >
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {code} {node.name[locale]}
        </Typography.Text>
        <Tag>{label('IndicatorValueType', point.valueType)}</Tag>
        {target !== undefined ? (
          <Typography.Text type="secondary">
            {t('ind.target')}: {showValue(target, point.unit, yesNo)}
          </Typography.Text>
        ) : null}
        {point.evidenceRequired ? <Tag color="orange">{t('ind.evidenceNeeded')}</Tag> : null}
        {current ? (
          <Tag color={REPORT_STATUS_COLORS[current.status]} data-testid={`report-status-${code}`}>
            {label('IndicatorReportStatus', current.status)}
          </Tag>
        ) : (
          <Tag data-testid={`report-status-${code}`}>{t('ind.notStarted')}</Tag>
        )}
      </Space>
      {current?.status === 'returned' && current.reviewComment ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('ind.returnedWith', { comment: current.reviewComment })}
          data-testid={`return-comment-${code}`}
        />
      ) : null}
      {current?.lock ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('ind.locked', { reason: label('IndicatorReportLockReason', current.lock.reason) })}
          data-testid={`lock-${code}`}
        />
      ) : null}
      <Form<EntryForm>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{ value: current?.value ?? undefined, note: current?.note ?? '' }}
        data-testid={`entry-form-${code}`}
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="value"
              label={point.unit ? `${t('ind.value')}（${point.unit}）` : t('ind.value')}
              rules={[
                {
                  validator: (_rule, raw: unknown) => {
                    const problem = valueProblem(point, formValue(point, raw));
                    return problem ? Promise.reject(new Error(t(problem.key, problem.params))) : Promise.resolve();
                  },
                },
              ]}
            >
              <ValueInput point={point} testId={`value-${code}`} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="note"
              label={t('ind.note')}
              rules={[
                { max: INDICATOR_LIMITS.note.max, message: t('ind.noteTooLong', { max: INDICATOR_LIMITS.note.max }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`note-${code}`} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <EvidenceList reportId={current?.id} evidence={evidence} canRemove={editable} onRemoved={refresh} />
      {editable ? (
        <Upload.Dragger
          accept={EVIDENCE_ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={busy !== undefined}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
          style={{ marginBottom: 8 }}
          data-testid={`evidence-dragger-${code}`}
        >
          <p className="ant-upload-text">
            <InboxOutlined style={{ color: '#1677ff', marginRight: 8 }} />
            {t('ind.evidenceDrop')}
          </p>
          <p className="ant-upload-hint">
            {t('ind.evidenceHint', { types: EVIDENCE_TYPE_NAMES, mib: EVIDENCE_MAX_MIB, max: EVIDENCE_MAX_FILES })}
          </p>
        </Upload.Dragger>
      ) : null}
      {evidenceError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={evidenceError}
          data-testid={`evidence-error-${code}`}
        />
      ) : null}
      {editable ? (
        <Space wrap>
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            disabled={busy !== undefined && busy !== 'save'}
            onClick={() => void run('save')}
            data-testid={`save-${code}`}
          >
            {t('ind.saveDraft')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy === 'submit'}
            disabled={busy !== undefined && busy !== 'submit'}
            onClick={() => void run('submit')}
            data-testid={`submit-${code}`}
          >
            {t('ind.submit')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}

/** The input a point's value type calls for: 是/否, text, or a number (whole for counts, checked by the rule). */
function ValueInput({
  point,
  value,
  onChange,
  id,
  disabled,
  testId,
}: {
  point: PointDefinition;
  value?: number | boolean | string | null;
  onChange?(value: number | boolean | string | null): void;
  id?: string;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const type: string = point.valueType;
  if (type === 'boolean') {
    return (
      <Radio.Group
        id={id}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange?.(event.target.value as boolean)}
        optionType="button"
        options={[
          { value: true, label: t('common.yes') },
          { value: false, label: t('common.no') },
        ]}
        data-testid={testId}
      />
    );
  }
  if (type === 'text') {
    return (
      <Input.TextArea
        id={id}
        disabled={disabled}
        value={typeof value === 'string' ? value : undefined}
        onChange={(event) => onChange?.(event.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        data-testid={testId}
      />
    );
  }
  // No min/max on the input itself: it would change what was typed silently; the rule says what is wrong.
  return (
    <InputNumber
      id={id}
      disabled={disabled}
      value={typeof value === 'number' ? value : null}
      onChange={(next) => onChange?.(typeof next === 'number' ? next : null)}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
