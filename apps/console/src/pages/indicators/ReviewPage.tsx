import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState, type Key } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { PeriodSelect } from './PeriodSelect';
import { ReportEvidence } from './EvidenceList';
import { describeIndicatorError } from './errors';
import {
  INDICATOR_LIMITS,
  pointsOf,
  REPORT_STATUS_COLORS,
  showValue,
  type FrameworkNode,
  type Report,
} from './indicator-rules';
import { useFramework, useIndicatorPeriods } from './usePeriods';

type ReportStatus = Report['status'];

/**
 * 指标审核 (the secretariat): the chosen period's submitted reports with their evidence;
 * approve one or many, or return one to its reporter with a comment (an approved one can be
 * reopened the same way). Other statuses, an organization or a point through the filters.
 */
export default function ReviewPage() {
  const { consortiumId } = useConsortium();
  const { t, locale } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { periods, period, choose } = useIndicatorPeriods();
  const periodId = period?.id;
  const framework = useFramework(period?.frameworkId);
  const units = new Map(
    pointsOf((framework.data?.nodes ?? []) as unknown as FrameworkNode[]).map((n) => [n.code, n.point?.unit ?? '']),
  );
  const [selected, setSelected] = useState<Key[]>([]);
  const [commenting, setCommenting] = useState<{ report: Report; action: 'return' | 'reopen' }>();
  const list = useCursorList<Report>({
    queryKey: ['indicator-reports', consortiumId, 'review', periodId],
    enabled: Boolean(periodId),
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-reports', {
          params: {
            path: { consortiumId },
            query: {
              periodId: periodId ?? '',
              status: (filters.status ?? 'submitted') as ReportStatus,
              organizationId: filters.organizationId,
              pointCode: filters.pointCode,
              limit,
              cursor,
            },
          },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['indicator-reports', consortiumId] });

  const approve = async (ids: string[]) => {
    try {
      if (ids.length === 1) {
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/approve', {
            params: { path: { consortiumId, reportId: ids[0] } },
          }),
        );
        message.success(t('ind.approved'));
      } else {
        const result = await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/indicator-reports/approvals', {
            params: { path: { consortiumId } },
            body: { reportIds: ids },
          }),
        );
        message.success(t('ind.approvedMany', { approved: result.approved.length, refused: result.refused.length }));
      }
      setSelected([]);
      await refresh();
    } catch (error) {
      message.error(describeIndicatorError(error, t, label));
    }
  };

  const columns: Array<CursorColumn<Report>> = [
    {
      title: t('ind.point'),
      dataIndex: 'pointCode',
      render: (code: string, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{code}</Typography.Text>
          <Typography.Text type="secondary">{row.pointName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('ind.organization'),
      dataIndex: 'organizationName',
      render: (name: string | null) => name ?? t('ind.secretariat'),
    },
    {
      title: t('ind.value'),
      dataIndex: 'value',
      render: (value: Report['value'], row) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="review-value">
            {showValue(value, units.get(row.pointCode), { yes: t('common.yes'), no: t('common.no') })}
          </span>
          {row.note ? <Typography.Text type="secondary">{row.note}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('ind.evidence'),
      dataIndex: 'evidenceCount',
      render: (count: number, row) => <ReportEvidence reportId={row.id} count={count} />,
    },
    {
      title: t('ind.submittedAt'),
      dataIndex: 'submittedAt',
      render: (at: string | null) => formatDateTime(at, locale) || '—',
    },
    {
      title: t('ind.status'),
      dataIndex: 'status',
      render: (status: ReportStatus) => (
        <Tag color={REPORT_STATUS_COLORS[status]}>{label('IndicatorReportStatus', status)}</Tag>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_v, row) =>
        row.status === 'submitted' ? (
          <Space wrap>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => void approve([row.id])}
              data-testid="approve"
            >
              {t('ind.approve')}
            </Button>
            <Button
              size="small"
              icon={<RollbackOutlined />}
              onClick={() => setCommenting({ report: row, action: 'return' })}
              data-testid="return"
            >
              {t('ind.return')}
            </Button>
          </Space>
        ) : row.status === 'approved' ? (
          <Button size="small" onClick={() => setCommenting({ report: row, action: 'reopen' })} data-testid="reopen">
            {t('ind.reopen')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="indicator-review-page">
      <PageHeader
        title={t('nav.indicatorReview')}
        extra={<PeriodSelect periods={periods} period={period} onChange={choose} />}
      />
      {!period ? (
        <Empty description={t('ind.noPeriods')} />
      ) : (
        <>
          <Card style={{ marginBottom: 16 }}>
            <QueryForm filters={list.filters} onSearch={list.setFilters}>
              <Form.Item name="status" label={t('ind.status')}>
                <Select
                  allowClear
                  placeholder={label('IndicatorReportStatus', 'submitted')}
                  options={options('IndicatorReportStatus')}
                  data-testid="filter-status"
                />
              </Form.Item>
              <Form.Item name="organizationId" label={t('ind.organization')}>
                <OrganizationSelect allowClear testId="filter-organization" />
              </Form.Item>
              <Form.Item name="pointCode" label={t('ind.pointCode')}>
                <Input allowClear placeholder="D2.5" data-testid="filter-point" />
              </Form.Item>
            </QueryForm>
          </Card>
          <Card>
            {list.error ? <Alert type="error" showIcon title={describeError(list.error, t)} /> : null}
            <Space wrap style={{ marginBottom: 16 }}>
              <Button
                disabled={selected.length === 0}
                icon={<CheckOutlined />}
                onClick={() => void approve(selected.map(String))}
                data-testid="approve-selected"
              >
                {t('ind.approveSelected', { n: selected.length })}
              </Button>
            </Space>
            <CursorTable<Report>
              list={list}
              columns={columns}
              rowKey="id"
              testId="review-table"
              selectedRowKeys={selected}
              onSelect={(keys) => setSelected(keys)}
            />
          </Card>
        </>
      )}
      {commenting ? (
        <CommentModal
          report={commenting.report}
          action={commenting.action}
          onClose={() => setCommenting(undefined)}
          onDone={refresh}
        />
      ) : null}
    </div>
  );
}

/** Return a submitted report (or reopen an approved one) with a comment its reporter reads. */
function CommentModal({
  report,
  action,
  onClose,
  onDone,
}: {
  report: Report;
  action: 'return' | 'reopen';
  onClose(): void;
  onDone(): void;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const rules = useRules();
  const [form] = Form.useForm<{ comment: string }>();
  const [sending, setSending] = useState(false);
  const send = async ({ comment }: { comment: string }) => {
    setSending(true);
    try {
      const path = { consortiumId, reportId: report.id };
      if (action === 'return') {
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/return', {
            params: { path },
            body: { comment: comment.trim() },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/reopen', {
            params: { path },
            body: { comment: comment.trim() },
          }),
        );
      }
      message.success(t(action === 'return' ? 'ind.returned' : 'ind.reopened'));
      onDone();
      onClose();
    } catch (error) {
      form.setFields(formFieldErrors(error, ['comment']) as Parameters<typeof form.setFields>[0]);
      message.error(describeIndicatorError(error, t, label));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={`${t(action === 'return' ? 'ind.returnTitle' : 'ind.reopenTitle')} · ${report.pointCode} ${report.organizationName ?? t('ind.secretariat')}`}
      onCancel={onClose}
      okText={t(action === 'return' ? 'ind.return' : 'ind.reopen')}
      onOk={() => form.submit()}
      confirmLoading={sending}
      destroyOnHidden
    >
      <Form<{ comment: string }>
        form={form}
        layout="vertical"
        onFinish={(values) => void send(values)}
        data-testid="comment-form"
      >
        <Form.Item
          name="comment"
          label={t('ind.comment')}
          rules={[rules.required(), rules.length(INDICATOR_LIMITS.comment.min, INDICATOR_LIMITS.comment.max)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="comment-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
