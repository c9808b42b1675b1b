import { Alert, Progress, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { describeError } from '../api/describe-error';
import { useI18n } from '../i18n/I18nProvider';
import { useEnumLabels } from '../meta/enums';
import { jobFinished, useJob, type JobStatus } from './useJob';

/**
 * A long job's progress bar, from accepted to completed or failed; `onFinished` runs once
 * with the final status (the caller shows the result: counts, an error report, a download).
 */
export function JobProgress({ jobId, onFinished }: { jobId: string; onFinished?(job: JobStatus): void }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const job = useJob(jobId);
  const reported = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (job.data && jobFinished(job.data) && reported.current !== jobId) {
      reported.current = jobId;
      onFinished?.(job.data);
    }
  }, [job.data, jobId, onFinished]);

  if (job.error) return <Alert type="error" showIcon title={describeError(job.error, t)} />;
  const state = job.data?.state;
  const status = state === 'failed' ? 'exception' : state === 'completed' ? 'success' : 'active';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="job-progress" data-state={state ?? 'pending'}>
      <Progress percent={Math.round(job.data?.progress ?? 0)} status={status} />
      <Typography.Text type={state === 'failed' ? 'danger' : 'secondary'}>
        {state ? label('JobState', state) : t('job.waiting')}
        {state === 'failed' && job.data?.failedReason ? `：${job.data.failedReason}` : ''}
      </Typography.Text>
    </Space>
  );
}
