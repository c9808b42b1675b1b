import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { OrganizationName } from '../../components/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { useEnumLabels } from '../../meta/enums';
import {
  COOPERATION_LIMITS,
  COOPERATION_STATUS_COLORS,
  cooperationActions,
  refusalMessage,
  sideOf,
  type Cooperation,
  type CooperationAction,
} from './matching-rules';

type CooperationQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/cooperations']['get']['parameters']['query']
>;

const ACTION_LABELS: Record<CooperationAction, MessageKey> = {
  accept: 'coop.accept',
  decline: 'coop.decline',
  complete: 'coop.complete',
  cancel: 'coop.cancel',
};

const DONE: Record<CooperationAction, MessageKey> = {
  accept: 'coop.done.accept',
  decline: 'coop.done.decline',
  complete: 'coop.done.complete',
  cancel: 'coop.done.cancel',
};

/**
 * 校企合作: cooperations newest first with a status filter (a member sees its own
 * organization's). The other side accepts or declines a proposal, its proposer withdraws it;
 * an active one is completed or cancelled. A refusal — capacity exceeded above all — is said
 * in a sentence, not a code.
 */
export default function CooperationsPage() {
  const { consortiumId, organizationId, role, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string>();
  const [asking, setAsking] = useState<{ cooperation: Cooperation; action: CooperationAction }>();
  const [form] = Form.useForm<{ reason?: string }>();
  const list = useCursorList<Cooperation>({
    queryKey: ['cooperations', consortiumId],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/cooperations', {
          params: { path: { consortiumId }, query: { ...filters, limit, cursor } as CooperationQuery },
        }),
      ),
  });
  const move = useMutation({
    mutationFn: ({
      cooperation,
      action,
      reason,
    }: {
      cooperation: Cooperation;
      action: CooperationAction;
      reason?: string;
    }) =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/cooperations/{cooperationId}/transitions', {
          params: { path: { consortiumId, cooperationId: cooperation.id } },
          body: { action, reason: reason?.trim() || undefined },
        }),
      ),
    onSuccess: async (_result, { action }) => {
      setRefusal(undefined);
      setAsking(undefined);
      message.success(t(DONE[action]));
      await queryClient.invalidateQueries({ queryKey: ['cooperations', consortiumId] });
      // Committed capacity changed: the matches are re-scored.
      await queryClient.invalidateQueries({ queryKey: ['matching', consortiumId] });
    },
    onError: (error) => {
      const text = refusalMessage(error, t);
      setRefusal(text);
      message.error(text);
    },
  });
  const me = { organizationId, secretariat: can('matching:manage') };
  const writable = can('cooperations:write');

  const actionButton = (row: Cooperation, action: CooperationAction) => {
    const text =
      action === 'cancel' && row.status === 'proposed' && sideOf(row, me) !== 'secretariat'
        ? t('coop.withdraw')
        : t(ACTION_LABELS[action]);
    const testId = `coop-${action}`;
    if (action === 'accept')
      return (
        <Button
          key={action}
          size="small"
          type="primary"
          loading={move.isPending && move.variables?.cooperation.id === row.id}
          onClick={() => move.mutate({ cooperation: row, action })}
          data-testid={testId}
        >
          {text}
        </Button>
      );
    if (action === 'complete')
      return (
        <Popconfirm
          key={action}
          title={t('coop.confirmComplete')}
          onConfirm={() => move.mutate({ cooperation: row, action })}
          okButtonProps={{ 'data-testid': 'coop-complete-confirm' } as ButtonProps}
        >
          <Button size="small" data-testid={testId}>
            {text}
          </Button>
        </Popconfirm>
      );
    return (
      <Button
        key={action}
        size="small"
        danger
        onClick={() => {
          form.resetFields();
          setAsking({ cooperation: row, action });
        }}
        data-testid={testId}
      >
        {text}
      </Button>
    );
  };

  const columns: Array<CursorColumn<Cooperation>> = [
    {
      title: t('coop.posting'),
      dataIndex: 'postingId',
      render: (id: string, row) => {
        const side = sideOf(row, me);
        // The school opens its offering's matches; the enterprise, the secretariat and observers the posting's.
        const target =
          side === 'school'
            ? `/c/${consortiumId}/offerings/${row.offeringId}/matches`
            : role !== 'member' || side === 'enterprise'
              ? `/c/${consortiumId}/demand-postings/${id}/matches`
              : undefined;
        return target ? (
          <Typography.Link onClick={() => navigate(target)}>
            <PostingTitle id={id} />
          </Typography.Link>
        ) : (
          <PostingTitle id={id} />
        );
      },
    },
    { title: t('coop.enterprise'), dataIndex: 'enterpriseId', render: (id: string) => <OrganizationName id={id} /> },
    { title: t('coop.school'), dataIndex: 'schoolId', render: (id: string) => <OrganizationName id={id} /> },
    { title: t('coop.kind'), dataIndex: 'kind', render: (kind: string) => label('CooperationKind', kind) },
    { title: t('coop.headcount'), dataIndex: 'headcount' },
    { title: t('coop.cohort'), dataIndex: 'cohortYear' },
    {
      title: t('coop.dates'),
      key: 'dates',
      render: (_v, row) => `${row.startDate} ～ ${row.endDate ?? ''}`,
    },
    {
      title: t('coop.status'),
      dataIndex: 'status',
      render: (status: Cooperation['status'], row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={COOPERATION_STATUS_COLORS[status]} data-testid="coop-status">
            {label('CooperationStatus', status)}
          </Tag>
          {row.reason ? <Typography.Text type="secondary">{row.reason}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('coop.proposedBy'),
      dataIndex: 'proposedBySide',
      render: (side: string) => t(side === 'school' ? 'coop.side.school' : 'coop.side.enterprise'),
    },
    { title: t('coop.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
    ...(writable
      ? [
          {
            title: t('coop.actions'),
            key: 'actions',
            render: (_v: unknown, row: Cooperation) => (
              <Space wrap>{cooperationActions(row, sideOf(row, me)).map((action) => actionButton(row, action))}</Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="cooperations-page">
      <PageHeader title={t('nav.cooperations')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="status" label={t('coop.status')}>
            <Select allowClear options={options('CooperationStatus')} data-testid="filter-status" />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        {refusal ? (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setRefusal(undefined) }}
            title={refusal}
            style={{ marginBottom: 16 }}
            data-testid="coop-refusal"
          />
        ) : null}
        <CursorTable<Cooperation> list={list} columns={columns} rowKey="id" testId="cooperations-table" />
      </Card>
      <Modal
        open={!!asking}
        title={
          asking ? `${t(ACTION_LABELS[asking.action])} · ${label('CooperationKind', asking.cooperation.kind)}` : ''
        }
        onCancel={() => setAsking(undefined)}
        onOk={() => form.submit()}
        confirmLoading={move.isPending}
        okButtonProps={{ danger: true, 'data-testid': 'coop-reason-submit' } as ButtonProps}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => asking && move.mutate({ ...asking, reason: values.reason })}
        >
          <Form.Item name="reason" label={t('coop.reason')}>
            <Input.TextArea rows={2} maxLength={COOPERATION_LIMITS.reason.max} data-testid="coop-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** A demand posting's title by id (the cached detail query the matches page uses too). */
function PostingTitle({ id }: { id: string }) {
  const { consortiumId } = useConsortium();
  const posting = useQuery({
    queryKey: ['demand-postings', consortiumId, 'detail', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}', {
          params: { path: { consortiumId, demandPostingId: id } },
        }),
      ),
    staleTime: 60_000,
    retry: false,
  });
  return <>{posting.data?.title ?? (posting.isError ? '—' : '…')}</>;
}
