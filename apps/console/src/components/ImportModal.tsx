import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { downloadFile, uploadFile } from '../api/client';
import { describeError } from '../api/describe-error';
import { ApiError } from '../api/errors';
import { useI18n } from '../i18n/I18nProvider';
import { JobProgress } from './JobProgress';
import type { AcceptedJob, JobStatus } from './useJob';

/** One problem of an uploaded sheet, as every import reports it (header = row 1). */
export interface RowError {
  row: number;
  column?: string;
  reason: string;
  reasonZh?: string;
}

/** The result of a background import job (organizations, programme offerings). */
export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: RowError[];
}

export type ImportMode = 'all_or_nothing' | 'valid_rows_only';

/**
 * Where the file goes:
 * - `job`: a background import (202 and a job whose result is `ImportCounts`), with the
 *   all-or-nothing / valid-rows-only choice;
 * - `direct`: a short upload answered at once (200 with a result `summary` puts in words,
 *   or 422 with the rows' problems in `details.errors`; always all or nothing).
 */
export type ImportTarget =
  | { kind: 'job'; path(mode: ImportMode): string }
  | { kind: 'direct'; path: string; method: 'POST' | 'PUT'; summary(answer: unknown): string };

export interface ImportModalProps {
  title: string;
  /** What the sheet must hold and what importing does. */
  hint: string;
  templatePath: string;
  templateName: string;
  target: ImportTarget;
  /** File types offered by the picker; `.xlsx,.csv` by default. */
  accept?: string;
  /** The route's own size limit; 20 MB by default. */
  maxMegabytes?: number;
  /** Under the drop zone: the accepted files in words; the xlsx/csv default otherwise. */
  dropHint?: string;
  /** Controls shown above the drop zone (e.g. the school to import for). */
  extra?: ReactNode;
  /** Why no file can be sent yet (the drop zone is disabled and this is shown). */
  blocked?: string;
  onClose(): void;
  /** Called after rows were written. */
  onImported(): void;
}

/**
 * 批量导入: 下载模板, (for a job) all-or-nothing or valid-rows-only, drop the file, follow the
 * job or wait for the answer, then read the counts and the per-row error report.
 */
export function ImportModal({
  title,
  hint,
  templatePath,
  templateName,
  target,
  accept = '.xlsx,.csv',
  maxMegabytes = 20,
  dropHint,
  extra,
  blocked,
  onClose,
  onImported,
}: ImportModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [job, setJob] = useState<AcceptedJob>();
  const [counts, setCounts] = useState<ImportCounts>();
  const [answer, setAnswer] = useState<{ summary: string } | { refusal: string; errors: RowError[] }>();
  const [failed, setFailed] = useState<string>();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    if (file.size > maxMegabytes * 1024 * 1024) {
      message.error(t('import.tooLarge', { mb: maxMegabytes }));
      return;
    }
    setUploading(true);
    setFailed(undefined);
    setCounts(undefined);
    setAnswer(undefined);
    setJob(undefined);
    try {
      if (target.kind === 'job') {
        setJob(await uploadFile<AcceptedJob>(target.path(mode), file));
      } else {
        const result = await uploadFile<unknown>(target.path, file, target.method);
        setAnswer({ summary: target.summary(result) });
        onImported();
      }
    } catch (error) {
      const errors = rowErrorsOf(error);
      if (errors) setAnswer({ refusal: describeError(error, t), errors });
      else setFailed(describeError(error, t));
    } finally {
      setUploading(false);
    }
  };

  const finished = (status: JobStatus) => {
    if (status.state === 'failed') return setFailed(status.failedReason ?? t('import.failed'));
    const outcome = status.result as unknown as ImportCounts;
    setCounts(outcome);
    if (outcome.created + outcome.updated > 0) onImported();
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={760}
      data-testid="import-modal"
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="info" showIcon title={hint} />
        {extra}
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void downloadFile(templatePath, templateName).catch((e) => message.error(describeError(e, t)))
            }
            data-testid="import-template"
          >
            {t('import.template')}
          </Button>
          {target.kind === 'job' ? (
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="import-mode">
              <Radio value="all_or_nothing">{t('import.allOrNothing')}</Radio>
              <Radio value="valid_rows_only">{t('import.validRowsOnly')}</Radio>
            </Radio.Group>
          ) : null}
        </Space>
        {blocked ? <Alert type="warning" showIcon title={blocked} data-testid="import-blocked" /> : null}
        <Upload.Dragger
          accept={accept}
          multiple={false}
          showUploadList={false}
          disabled={uploading || Boolean(blocked)}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
          data-testid="import-dragger"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{dropHint ?? t('import.dropHint')}</p>
        </Upload.Dragger>
        {failed ? <Alert type="error" showIcon title={failed} data-testid="import-error" /> : null}
        {job ? <JobProgress key={job.jobId} jobId={job.jobId} onFinished={finished} /> : null}
        {counts ? (
          <div data-testid="import-result">
            <Alert
              showIcon
              type={counts.failed > 0 ? 'warning' : 'success'}
              style={{ marginBottom: 16 }}
              title={t('import.summary', {
                total: counts.total,
                created: counts.created,
                updated: counts.updated,
                unchanged: counts.unchanged,
                failed: counts.failed,
              })}
              description={counts.failed > 0 && mode === 'all_or_nothing' ? t('import.nothingWritten') : undefined}
            />
            <RowErrors errors={counts.errors} />
          </div>
        ) : null}
        {answer ? (
          <div data-testid="import-result">
            {'summary' in answer ? (
              <Alert showIcon type="success" title={answer.summary} />
            ) : (
              <>
                <Alert
                  showIcon
                  type="warning"
                  style={{ marginBottom: 16 }}
                  title={answer.refusal}
                  description={t('import.nothingWritten')}
                />
                <RowErrors errors={answer.errors} />
              </>
            )}
          </div>
        ) : null}
      </Space>
    </Modal>
  );
}

/** The per-row error report: row, column, reason in the user's language. */
export function RowErrors({ errors }: { errors: readonly RowError[] }) {
  const { t, locale } = useI18n();
  if (errors.length === 0) return null;
  return (
    <>
      <Typography.Title level={5}>{t('import.errors')}</Typography.Title>
      <Table<RowError>
        size="small"
        rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.reason}`}
        dataSource={[...errors]}
        pagination={errors.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 'max-content' }}
        data-testid="import-errors"
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 80 },
          { title: t('import.column'), dataIndex: 'column', render: (v?: string) => v ?? '—' },
          {
            title: t('import.reason'),
            render: (_: unknown, e: RowError) => (locale === 'zh-CN' ? (e.reasonZh ?? e.reason) : e.reason),
          },
        ]}
      />
    </>
  );
}

/** The rows' problems of a refused direct upload (422 with `details.errors`), or undefined. */
export function rowErrorsOf(error: unknown): RowError[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const errors = error.body?.details?.errors;
  return Array.isArray(errors) && errors.length > 0 ? (errors as RowError[]) : undefined;
}
