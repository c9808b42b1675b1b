import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadFile, uploadFile } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { JobProgress } from '../../components/JobProgress';
import type { AcceptedJob, JobStatus } from '../../components/useJob';
import { useI18n } from '../../i18n/I18nProvider';

interface ImportResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: Array<{ row: number; column?: string; reason: string; reasonZh?: string }>;
}

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * 批量导入: 下载模板, choose all-or-nothing or valid-rows-only, drop the file, follow the job,
 * then read the counts and the per-row error report.
 */
export function ImportModal({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { consortiumId } = useConsortium();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_rows_only'>('all_or_nothing');
  const [job, setJob] = useState<AcceptedJob>();
  const [result, setResult] = useState<ImportResult>();
  const [failed, setFailed] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const base = `/api/v1/consortia/${consortiumId}/organizations`;

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('import.tooLarge'));
      return;
    }
    setUploading(true);
    setFailed(undefined);
    setResult(undefined);
    try {
      setJob(await uploadFile<AcceptedJob>(`${base}/import?mode=${mode}`, file));
    } catch (error) {
      setFailed(describeError(error, t));
    } finally {
      setUploading(false);
    }
  };

  const finished = (status: JobStatus) => {
    if (status.state === 'failed') return setFailed(status.failedReason ?? t('import.failed'));
    const outcome = status.result as unknown as ImportResult;
    setResult(outcome);
    if (outcome.created + outcome.updated > 0) onImported();
  };

  return (
    <Modal
      open
      title={t('import.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={760}
      data-testid="import-modal"
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="info" showIcon title={t('import.hint')} />
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void downloadFile(`${base}/import-template`, 'template.xlsx').catch((e) =>
                message.error(describeError(e, t)),
              )
            }
            data-testid="import-template"
          >
            {t('import.template')}
          </Button>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="import-mode">
            <Radio value="all_or_nothing">{t('import.allOrNothing')}</Radio>
            <Radio value="valid_rows_only">{t('import.validRowsOnly')}</Radio>
          </Radio.Group>
        </Space>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={uploading}
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
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>
        {failed ? <Alert type="error" showIcon title={failed} data-testid="import-error" /> : null}
        {job ? <JobProgress key={job.jobId} jobId={job.jobId} onFinished={finished} /> : null}
        {result ? (
          <div data-testid="import-result">
            <Alert
              showIcon
              type={result.failed > 0 ? 'warning' : 'success'}
              style={{ marginBottom: 16 }}
              title={t('import.summary', {
                total: result.total,
                created: result.created,
                updated: result.updated,
                unchanged: result.unchanged,
                failed: result.failed,
              })}
              description={result.failed > 0 && mode === 'all_or_nothing' ? t('import.nothingWritten') : undefined}
            />
            {result.errors.length > 0 ? (
              <>
                <Typography.Title level={5}>{t('import.errors')}</Typography.Title>
                <Table
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.reason}`}
                  dataSource={result.errors}
                  pagination={result.errors.length > 10 ? { pageSize: 10 } : false}
                  scroll={{ x: 'max-content' }}
                  data-testid="import-errors"
                  columns={[
                    { title: t('import.row'), dataIndex: 'row', width: 80 },
                    { title: t('import.column'), dataIndex: 'column', render: (v?: string) => v ?? '—' },
                    {
                      title: t('import.reason'),
                      render: (_: unknown, e: ImportResult['errors'][number]) =>
                        locale === 'zh-CN' ? (e.reasonZh ?? e.reason) : e.reason,
                    },
                  ]}
                />
              </>
            ) : null}
          </div>
        ) : null}
      </Space>
    </Modal>
  );
}
