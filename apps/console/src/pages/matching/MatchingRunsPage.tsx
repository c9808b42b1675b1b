import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Result, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import {
  RUN_STATUS_COLORS,
  RUN_STATUS_LABELS,
  RUN_TRIGGER_COLORS,
  RUN_TRIGGER_LABELS,
  RUNS_LIMIT,
  runDuration,
  type MatchingRun,
} from './matching-rules';
import { RunProgress } from './RunProgress';

/**
 * 匹配运行记录 (every role: GET …/matching-runs): the latest full re-matches, newest first —
 * the nightly one (02:30 China time), those a change of the weights started and those asked
 * for — with status, times, duration and counts; refreshed while one runs. The secretariat
 * starts one (POST …/matching-runs, 202) and follows it.
 */
export default function MatchingRunsPage() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<{ runId: string; jobId: string }>();
  const runs = useQuery({
    queryKey: ['matching-runs', consortiumId, 'list'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/matching-runs', {
          params: { path: { consortiumId }, query: { limit: RUNS_LIMIT } },
        }),
      ),
    // A run in progress moves on its own (chunks, nightly): follow it until none runs.
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });
  const start = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/consortia/{consortiumId}/matching-runs', { params: { path: { consortiumId } } })),
    onSuccess: async (accepted) => {
      setStarted({ runId: accepted.runId, jobId: accepted.jobId });
      message.success(t('runs.started'));
      await queryClient.invalidateQueries({ queryKey: ['matching-runs', consortiumId, 'list'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const onFinished = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ['matching-runs', consortiumId, 'list'] });
    await queryClient.invalidateQueries({ queryKey: ['matching', consortiumId] });
  }, [consortiumId, queryClient]);

  const columns: ColumnsType<MatchingRun> = [
    {
      title: t('runs.trigger'),
      dataIndex: 'trigger',
      render: (trigger: MatchingRun['trigger']) => (
        <Tag color={RUN_TRIGGER_COLORS[trigger]} data-testid="run-trigger" data-trigger={trigger}>
          {t(RUN_TRIGGER_LABELS[trigger])}
        </Tag>
      ),
    },
    {
      title: t('runs.status'),
      dataIndex: 'status',
      render: (status: MatchingRun['status'], run) =>
        status === 'running' ? (
          <Space orientation="vertical" size={0} data-testid="run-status" data-status={status}>
            <Tag color={RUN_STATUS_COLORS[status]}>{t(RUN_STATUS_LABELS[status])}</Tag>
            <Progress percent={run.progress} size="small" style={{ width: 120 }} />
          </Space>
        ) : (
          <Tag color={RUN_STATUS_COLORS[status]} data-testid="run-status" data-status={status}>
            {t(RUN_STATUS_LABELS[status])}
          </Tag>
        ),
    },
    {
      title: t('runs.startedAt'),
      dataIndex: 'startedAt',
      render: (at: string) => <span data-testid="run-started">{formatDateTime(at, locale)}</span>,
    },
    {
      title: t('runs.finishedAt'),
      dataIndex: 'finishedAt',
      render: (at: string | null) => (at ? formatDateTime(at, locale) : '—'),
    },
    {
      title: t('runs.duration'),
      key: 'duration',
      render: (_value, run) => <span data-testid="run-duration">{runDuration(run, t) ?? '—'}</span>,
    },
    { title: t('runs.postings'), dataIndex: 'postingsTotal', align: 'right' },
    { title: t('runs.matched'), dataIndex: 'postingsMatched', align: 'right' },
    { title: t('runs.noMatch'), dataIndex: 'postingsNoMatch', align: 'right' },
    { title: t('runs.matches'), dataIndex: 'matchesWritten', align: 'right' },
    { title: t('runs.version'), dataIndex: 'scoringVersion' },
  ];

  return (
    <div data-testid="matching-runs-page">
      <PageHeader
        title={t('nav.matchingRuns')}
        extra={
          can('matching:manage') ? (
            <Button
              icon={<SyncOutlined />}
              loading={start.isPending}
              onClick={() => start.mutate()}
              data-testid="runs-start"
            >
              {t('runs.start')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('runs.intro')}</Typography.Paragraph>
      {started ? (
        <Card style={{ marginBottom: 16 }}>
          <RunProgress runId={started.runId} jobId={started.jobId} onFinished={() => void onFinished()} />
        </Card>
      ) : null}
      {runs.error ? (
        <Result status="warning" subTitle={describeError(runs.error, t)} />
      ) : (
        <Card>
          <div data-testid="runs-table">
            <Table<MatchingRun>
              rowKey="id"
              columns={columns}
              dataSource={runs.data?.items ?? []}
              loading={runs.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              size="middle"
              locale={{ emptyText: t('runs.empty') }}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
