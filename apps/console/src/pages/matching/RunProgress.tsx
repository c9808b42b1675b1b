import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { useJob } from '../../components/useJob';
import { useI18n } from '../../i18n/I18nProvider';
import { RUN_STATUS_COLORS, RUN_STATUS_LABELS, RUN_TRIGGER_LABELS, type MatchingRun } from './matching-rules';

/**
 * A full re-match from its 202 until the run finishes. The run's job only plans it (one chunk
 * job per range of postings, docs/matching.md "Jobs"), so the bar follows the run
 * (`GET …/matching-runs/:id`: chunks done / chunks) and the job (`useJob`) only says when
 * planning failed. `onFinished` runs once with the completed or failed run.
 */
export function RunProgress({
  runId,
  jobId,
  onFinished,
}: {
  runId: string;
  jobId: string;
  onFinished?(run: MatchingRun): void;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const job = useJob(jobId);
  const jobFailed = job.data?.state === 'failed';
  const run = useQuery({
    queryKey: ['matching-runs', consortiumId, runId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/matching-runs/{runId}', {
          params: { path: { consortiumId, runId } },
        }),
      ),
    refetchInterval: (query) =>
      jobFailed || (query.state.data && query.state.data.status !== 'running') ? false : 500,
    staleTime: 0,
  });
  const reported = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (run.data && run.data.status !== 'running' && reported.current !== runId) {
      reported.current = runId;
      onFinished?.(run.data);
    }
  }, [run.data, runId, onFinished]);

  if (run.error) return <Alert type="error" showIcon title={describeError(run.error, t)} />;
  const r = run.data;
  const state = jobFailed ? 'failed' : (r?.status ?? 'pending');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="run-progress" data-state={state}>
      <Progress
        percent={r?.progress ?? 0}
        status={state === 'failed' ? 'exception' : state === 'completed' ? 'success' : 'active'}
      />
      <Space wrap size={[8, 4]}>
        {r ? <Tag>{t(RUN_TRIGGER_LABELS[r.trigger])}</Tag> : null}
        {r ? <Tag color={RUN_STATUS_COLORS[r.status]}>{t(RUN_STATUS_LABELS[r.status])}</Tag> : null}
        <Typography.Text type="secondary">
          {r ? t('runs.progress', { done: r.chunksDone, total: r.chunksTotal }) : t('job.waiting')}
        </Typography.Text>
      </Space>
      {jobFailed ? (
        <Typography.Text type="danger">
          {t(RUN_STATUS_LABELS.failed)}
          {job.data?.failedReason ? `：${job.data.failedReason}` : ''}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
