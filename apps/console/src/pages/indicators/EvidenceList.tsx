import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { useI18n } from '../../i18n/I18nProvider';
import type { Evidence } from './indicator-rules';
import { useReportDetail } from './report-queries';

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A report's evidence files as download links (with the session's token), removable while it is editable. */
export function EvidenceList({
  reportId,
  evidence,
  canRemove = false,
  onRemoved,
}: {
  reportId: string | undefined;
  evidence: Evidence[];
  canRemove?: boolean;
  onRemoved?(): void;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { message } = App.useApp();
  if (!reportId || evidence.length === 0) return null;
  const path = (id: string) => `/api/v1/consortia/${consortiumId}/indicator-reports/${reportId}/evidence/${id}`;
  const remove = async (id: string) => {
    try {
      await unwrap(
        api.DELETE('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/evidence/{evidenceId}', {
          params: { path: { consortiumId, reportId, evidenceId: id } },
        }),
      );
      onRemoved?.();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  return (
    <Space orientation="vertical" size={2} style={{ marginBottom: 8, maxWidth: '100%' }} data-testid="evidence-list">
      {evidence.map((file) => (
        <Space key={file.id} size={4} wrap>
          <PaperClipOutlined />
          <Typography.Link
            onClick={() =>
              void downloadFile(path(file.id), file.fileName).catch((e) => message.error(describeError(e, t)))
            }
            style={{ wordBreak: 'break-all' }}
            data-testid="evidence-link"
          >
            {file.fileName}
          </Typography.Link>
          <Typography.Text type="secondary">{size(file.sizeBytes)}</Typography.Text>
          {canRemove ? (
            <Popconfirm title={t('ind.evidenceRemove', { name: file.fileName })} onConfirm={() => void remove(file.id)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
            </Popconfirm>
          ) : null}
        </Space>
      ))}
    </Space>
  );
}

/** The evidence of a listed report (the list answers only how many it has): loaded when there is any. */
export function ReportEvidence({ reportId, count }: { reportId: string; count: number }) {
  const detail = useReportDetail(reportId, count > 0);
  if (count === 0) return <>—</>;
  return <EvidenceList reportId={reportId} evidence={detail.data?.evidence ?? []} />;
}
