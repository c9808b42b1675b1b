import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Result, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import {
  FACTOR_HELP,
  FACTOR_LABELS,
  FACTORS,
  settingsProblem,
  weightShares,
  type FactorName,
  type MatchingWeights,
  type MatchingWeightsBody,
  type SettingsField,
} from './matching-rules';
import { RunProgress } from './RunProgress';

type WeightsForm = MatchingWeightsBody;

const THRESHOLDS: ReadonlyArray<{ field: 'textMin' | 'minScore'; label: MessageKey; help: MessageKey; step: number }> =
  [
    { field: 'textMin', label: 'weights.textMin', help: 'weights.help.textMin', step: 0.1 },
    { field: 'minScore', label: 'weights.minScore', help: 'weights.help.minScore', step: 1 },
  ];

/**
 * 匹配权重 (the secretariat: GET/PUT …/matching-weights): one field per factor with what it
 * weighs, the two thresholds, each checked before sending with the API's rules and bounds;
 * reset to the documented defaults; a save that changes something starts a full re-match
 * (202), followed here until the run finishes.
 */
export default function MatchingWeightsPage() {
  const { consortiumId } = useConsortium();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<WeightsForm>();
  const [error, setError] = useState<string>();
  const [run, setRun] = useState<{ runId: string; jobId: string }>();
  const [finished, setFinished] = useState(false);
  const current = useQuery({
    queryKey: ['matching-weights', consortiumId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/matching-weights', { params: { path: { consortiumId } } })),
  });
  const values = Form.useWatch('weights', form);
  const save = useMutation({
    mutationFn: (body: WeightsForm) =>
      unwrap(
        api.PUT('/api/v1/consortia/{consortiumId}/matching-weights', { params: { path: { consortiumId } }, body }),
      ),
    onSuccess: async (updated) => {
      setError(undefined);
      queryClient.setQueryData(['matching-weights', consortiumId], updated);
      if (updated.run) {
        setFinished(false);
        setRun({ runId: updated.run.runId, jobId: updated.run.jobId });
        message.success(t('weights.saved'));
        await queryClient.invalidateQueries({ queryKey: ['matching-runs', consortiumId] });
      } else message.info(t('weights.unchanged'));
    },
    onError: (failure) => {
      // 422 invalid_settings names its field (`weights.programme`); a 400 names every wrong one.
      form.setFields(
        formFieldErrors(failure, ['weights', 'textMin', 'minScore']) as Parameters<typeof form.setFields>[0],
      );
      setError(describeError(failure, t));
    },
  });
  const onRunFinished = useCallback(async () => {
    setFinished(true);
    message.success(t('weights.rematched'));
    await queryClient.invalidateQueries({ queryKey: ['matching-runs', consortiumId] });
    // Every stored match was re-scored with the new weights.
    await queryClient.invalidateQueries({ queryKey: ['matching', consortiumId] });
  }, [consortiumId, message, queryClient, t]);

  const s = current.data;
  if (current.error) return <Result status="warning" subTitle={describeError(current.error, t)} />;

  const labelOf = (field: SettingsField): string =>
    field === 'textMin' || field === 'minScore'
      ? t(field === 'textMin' ? 'weights.textMin' : 'weights.minScore')
      : t(FACTOR_LABELS[field.slice('weights.'.length) as FactorName]);
  const rule = (field: SettingsField) => ({
    validator: (_rule: unknown, value: number | null | undefined) => {
      const problem = s ? settingsProblem(field, value, s.bounds) : undefined;
      return problem
        ? Promise.reject(new Error(`${labelOf(field)}：${t(problem.key, problem.params)}`))
        : Promise.resolve();
    },
  });
  const resetToDefaults = (defaults: MatchingWeights['defaults']) => {
    form.setFieldsValue({ weights: { ...defaults.weights }, textMin: defaults.textMin, minScore: defaults.minScore });
    void form.validateFields().catch(() => undefined);
    message.info(t('weights.resetDone'));
  };
  const shares = weightShares(values ?? s?.weights ?? {});

  return (
    <div data-testid="matching-weights-page">
      <PageHeader
        title={t('nav.matchingWeights')}
        extra={
          s ? (
            <Space wrap>
              <Tag color={s.custom ? 'gold' : 'default'} data-testid="weights-custom">
                {t(s.custom ? 'weights.custom' : 'weights.defaultsInUse')}
              </Tag>
              <Typography.Text type="secondary">{t('weights.version', { version: s.scoringVersion })}</Typography.Text>
              {s.updatedAt ? (
                <Typography.Text type="secondary">
                  {t('weights.updatedAt', { at: formatDateTime(s.updatedAt, locale) })}
                </Typography.Text>
              ) : null}
            </Space>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('weights.intro')}</Typography.Paragraph>
      {run ? (
        <Card style={{ marginBottom: 16 }} data-testid="weights-run">
          <RunProgress runId={run.runId} jobId={run.jobId} onFinished={() => void onRunFinished()} />
          {finished ? (
            <Button
              type="link"
              style={{ paddingInline: 0 }}
              onClick={() => void navigate(`/c/${consortiumId}/matching-runs`)}
              data-testid="weights-view-runs"
            >
              {t('weights.viewRuns')}
            </Button>
          ) : null}
        </Card>
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      {s ? (
        <Form<WeightsForm>
          form={form}
          layout="vertical"
          initialValues={{ weights: { ...s.weights }, textMin: s.textMin, minScore: s.minScore }}
          onFinish={(body) => {
            setError(undefined);
            save.mutate(body);
          }}
          data-testid="weights-form"
        >
          <Card title={t('weights.factors')} style={{ marginBottom: 16 }}>
            <Row gutter={[24, 0]}>
              {FACTORS.map((f) => {
                const bound = s.bounds.weights[f];
                return (
                  <Col xs={24} md={12} xl={8} key={f} data-testid={`weight-field-${f}`}>
                    <Form.Item
                      name={['weights', f]}
                      label={t(FACTOR_LABELS[f])}
                      rules={[rule(`weights.${f}`)]}
                      extra={
                        <>
                          <div>{t(FACTOR_HELP[f])}</div>
                          <div>
                            {t('weights.range', { min: bound.min, max: bound.max, default: s.defaults.weights[f] })}
                            {' · '}
                            <span data-testid={`weight-share-${f}`}>{t('weights.share', { share: shares[f] })}</span>
                          </div>
                        </>
                      }
                    >
                      <InputNumber style={{ width: '100%' }} step={1} data-testid={`weight-${f}`} />
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
          </Card>
          <Card title={t('weights.thresholds')} style={{ marginBottom: 16 }}>
            <Row gutter={[24, 0]}>
              {THRESHOLDS.map(({ field, label, help, step }) => (
                <Col xs={24} md={12} key={field} data-testid={`weight-field-${field}`}>
                  <Form.Item
                    name={field}
                    label={t(label)}
                    rules={[rule(field)]}
                    extra={
                      <>
                        <div>{t(help)}</div>
                        <div>
                          {t('weights.range', {
                            min: s.bounds[field].min,
                            max: s.bounds[field].max,
                            default: s.defaults[field],
                          })}
                        </div>
                      </>
                    }
                  >
                    <InputNumber style={{ width: '100%' }} step={step} data-testid={`weight-${field}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="weights-save">
              {t('weights.save')}
            </Button>
            <Button onClick={() => resetToDefaults(s.defaults)} data-testid="weights-reset">
              {t('weights.reset')}
            </Button>
          </Space>
        </Form>
      ) : (
        <Card loading />
      )}
    </div>
  );
}
