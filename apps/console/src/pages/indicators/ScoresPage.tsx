import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Grid, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { ApiError } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { Chart, type ChartOption } from '../../components/Chart';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import type { AcceptedJob, JobStatus } from '../../components/useJob';
import { formatDateTime } from '../../format/datetime';
import { percent } from '../../format/numbers';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { PeriodSelect } from './PeriodSelect';
import { showScore, showValue, TONE_COLORS, TONE_LABELS, toneOf, type ScoreNode, type Tone } from './indicator-rules';
import { useIndicatorPeriods } from './usePeriods';

type Row = Omit<ScoreNode, 'children'> & { children?: Row[] };
interface Overall {
  score: number | null;
  completeness: number | null;
  timeliness: number | null;
  vetoFailed: string[];
  passed: boolean;
}

/** Tree rows: a point has no children (not an empty list, which would show an expand button). */
const rows = (nodes: ScoreNode[]): Row[] =>
  nodes.map((node) => ({ ...node, children: node.children.length ? rows(node.children) : undefined }));

const TONES: Tone[] = ['met', 'partly', 'notMet', 'vetoFailed'];

/**
 * 指标得分: the chosen period's latest roll-up on its framework tree — value, target,
 * completion, status (coloured 达标 / 部分达标 / 未达标 / 否决), score and completeness per
 * node — the first-level dimensions as a radar chart, the overall score and veto check;
 * the secretariat runs the roll-up (a job with its progress bar); anyone downloads the
 * self-assessment report as xlsx or PDF.
 */
export default function ScoresPage() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const { periods, period, choose } = useIndicatorPeriods();
  const periodId = period?.id ?? '';
  const [job, setJob] = useState<AcceptedJob>();
  const [requesting, setRequesting] = useState(false);
  const tree = useQuery({
    queryKey: ['indicator-scores', consortiumId, periodId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-scores', {
          params: { path: { consortiumId }, query: { periodId } },
        }),
      ),
    enabled: Boolean(period),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const notRolledUp = tree.error instanceof ApiError && tree.error.code === 'rollup_not_found';
  const nodes = useMemo(() => (tree.data?.nodes ?? []) as unknown as ScoreNode[], [tree.data]);
  const overall = tree.data?.overall as Overall | undefined;

  const rollUp = async () => {
    setRequesting(true);
    try {
      setJob(
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/indicator-rollups', {
            params: { path: { consortiumId } },
            body: { periodId },
          }),
        ),
      );
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setRequesting(false);
    }
  };
  const rolledUp = useCallback(
    (status: JobStatus) => {
      if (status.state === 'completed') {
        message.success(t('ind.rolledUp'));
        void queryClient.invalidateQueries({ queryKey: ['indicator-scores', consortiumId] });
      }
    },
    [consortiumId, message, queryClient, t],
  );
  const download = (format: 'xlsx' | 'pdf') =>
    void downloadFile(
      `/api/v1/consortia/${consortiumId}/indicator-scores/self-assessment?periodId=${periodId}&format=${format}&lang=${locale}`,
      `self-assessment.${format}`,
    ).catch((error) => message.error(describeError(error, t)));

  const chart = useMemo((): ChartOption => {
    const dimensions = nodes.filter((n) => n.weight > 0);
    return {
      tooltip: { trigger: 'item' },
      radar: {
        radius: '62%',
        indicator: dimensions.map((n) => ({ name: n.name[locale], max: 100 })),
        axisName: { color: '#595959' },
      },
      series: [
        {
          type: 'radar',
          name: t('ind.score'),
          areaStyle: { opacity: 0.2 },
          data: [{ value: dimensions.map((n) => Number((n.score ?? 0).toFixed(1))), name: t('ind.score') }],
        },
      ],
    };
  }, [nodes, locale, t]);

  const yesNo = { yes: t('common.yes'), no: t('common.no') };
  const columns: ColumnsType<Row> = [
    {
      title: t('ind.indicator'),
      dataIndex: 'code',
      fixed: screens.md ? undefined : 'left',
      width: screens.md ? undefined : 180,
      render: (code: string, row) => (
        <Space size={4} wrap style={{ maxWidth: 360 }}>
          <Typography.Text strong={!row.isPoint}>
            {code} {row.name[locale]}
          </Typography.Text>
          {row.veto ? <Tag color="magenta">{t('ind.veto')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('ind.status'),
      dataIndex: 'status',
      render: (status: Row['status'], row) => {
        const tone = toneOf(row);
        if (!tone) return row.isPoint ? <Typography.Text type="secondary">{t('ind.noValue')}</Typography.Text> : null;
        return (
          <Tag color={TONE_COLORS[tone]} data-testid={`status-${row.code}`} data-tone={tone}>
            {tone === 'vetoFailed' ? t(TONE_LABELS.vetoFailed) : label('IndicatorPointStatus', status)}
          </Tag>
        );
      },
    },
    {
      title: t('ind.score'),
      dataIndex: 'score',
      render: (score: number | null, row) => <span data-testid={`score-${row.code}`}>{showScore(score)}</span>,
    },
    {
      title: t('ind.value'),
      dataIndex: 'value',
      render: (value: Row['value'], row) => (row.isPoint ? showValue(value, row.unit, yesNo) : ''),
    },
    {
      title: t('ind.target'),
      dataIndex: 'target',
      render: (target: Row['target'], row) => (row.isPoint ? showValue(target, row.unit, yesNo) : ''),
    },
    {
      title: t('ind.completion'),
      dataIndex: 'completion',
      render: (completion: number | null, row) => (row.isPoint ? percent(completion) : ''),
    },
    { title: t('ind.completeness'), dataIndex: 'completeness', render: (c: number | null) => percent(c) },
    { title: t('ind.weight'), dataIndex: 'weight' },
  ];

  return (
    <div data-testid="indicator-scores-page">
      <PageHeader
        title={t('nav.indicatorScores')}
        extra={<PeriodSelect periods={periods} period={period} onChange={choose} />}
      />
      {!period ? (
        <Empty description={t('ind.noPeriods')} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            {can('indicators:manage') ? (
              <Button
                type="primary"
                icon={<SyncOutlined />}
                loading={requesting}
                onClick={() => void rollUp()}
                data-testid="run-rollup"
              >
                {t('ind.runRollup')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              disabled={!tree.data}
              onClick={() => download('xlsx')}
              data-testid="self-assessment-xlsx"
            >
              {t('ind.selfAssessmentXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={!tree.data}
              onClick={() => download('pdf')}
              data-testid="self-assessment-pdf"
            >
              {t('ind.selfAssessmentPdf')}
            </Button>
          </Space>
          {job ? (
            <Card size="small" style={{ marginBottom: 16 }}>
              <JobProgress key={job.jobId} jobId={job.jobId} onFinished={rolledUp} />
            </Card>
          ) : null}
          {notRolledUp ? (
            <Empty description={t('ind.notRolledUp')} data-testid="not-rolled-up" />
          ) : tree.error ? (
            <Alert type="error" showIcon title={describeError(tree.error, t)} />
          ) : null}
          {tree.data && overall ? (
            <>
              <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
                <Col xs={24} lg={10}>
                  <Card style={{ height: '100%' }} data-testid="overall">
                    <Row gutter={[16, 16]}>
                      <Col span={12}>
                        <Statistic title={t('ind.overallScore')} value={showScore(overall.score)} />
                      </Col>
                      <Col span={12}>
                        <Statistic
                          title={t('ind.vetoCheck')}
                          value={
                            overall.passed
                              ? t('ind.vetoPassed')
                              : t('ind.vetoFailedList', { codes: overall.vetoFailed.join('、') })
                          }
                          styles={{ content: { color: overall.passed ? '#389e0d' : '#c41d7f', fontSize: 18 } }}
                        />
                      </Col>
                      <Col span={12}>
                        <Statistic title={t('ind.completeness')} value={percent(overall.completeness)} />
                      </Col>
                      <Col span={12}>
                        <Statistic title={t('ind.timeliness')} value={percent(overall.timeliness)} />
                      </Col>
                    </Row>
                    <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
                      {t('ind.computedAt', {
                        at: formatDateTime(tree.data.computedAt, locale),
                        elapsed: percent(tree.data.elapsed),
                      })}
                    </Typography.Paragraph>
                  </Card>
                </Col>
                <Col xs={24} lg={14}>
                  <Card title={t('ind.dimensionScores')}>
                    <Chart option={chart} height={screens.sm ? 300 : 260} testId="dimension-chart" />
                  </Card>
                </Col>
              </Row>
              <Card>
                <Space wrap style={{ marginBottom: 12 }} data-testid="tone-legend">
                  {TONES.map((tone) => (
                    <Tag key={tone} color={TONE_COLORS[tone]}>
                      {t(TONE_LABELS[tone])}
                    </Tag>
                  ))}
                </Space>
                <div data-testid="score-tree">
                  <Table<Row>
                    key={tree.data.rollupId}
                    rowKey="code"
                    size="small"
                    columns={columns}
                    dataSource={rows(nodes)}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    expandable={{ defaultExpandAllRows: true }}
                  />
                </div>
              </Card>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
