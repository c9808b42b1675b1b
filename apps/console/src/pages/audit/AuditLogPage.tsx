import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, unwrap } from '../../api/client';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { AUDIT_FILTER_LIMITS as L, summarizeChanges, toAuditQuery, type AuditEntry } from './audit-rules';

/** 审计日志: the consortium's trail, newest first, filtered by action prefix, object, person and dates. */
export default function AuditLogPage() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const list = useCursorList<AuditEntry>({
    queryKey: ['audit', consortiumId],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/audit-log', {
          params: { path: { consortiumId }, query: { ...toAuditQuery(filters), limit, cursor } },
        }),
      ),
  });
  // The people of the consortium, to name the actors (and pick one as a filter).
  const people = useQuery({
    queryKey: ['users', consortiumId, 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/users', {
          params: { path: { consortiumId }, query: { limit: 200 } },
        }),
      ),
    enabled: can('users:read'),
  });
  const names = new Map((people.data?.items ?? []).map((u) => [u.userId, u.displayName]));

  const columns: Array<CursorColumn<AuditEntry>> = [
    { title: t('audit.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUserId',
      render: (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : t('audit.system')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      render: (type: string, entry) => (
        <>
          {type}
          {entry.entityId ? (
            <Typography.Text type="secondary">{` ${entry.entityId.slice(0, 8)}`}</Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('audit.changes'),
      dataIndex: 'changes',
      render: (changes: object) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {summarizeChanges(changes).map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </Typography.Text>
      ),
    },
    { title: t('audit.requestId'), dataIndex: 'requestId', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('nav.audit')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="action" label={t('audit.action')} rules={[{ max: L.action }]}>
            <Input allowClear placeholder={t('audit.actionPlaceholder')} data-testid="filter-action" />
          </Form.Item>
          <Form.Item
            name="on"
            label={t('audit.range')}
            getValueProps={(value?: string) => ({
              value: value ? (value.split('~').map((d) => dayjs(d)) as [dayjs.Dayjs, dayjs.Dayjs]) : undefined,
            })}
            normalize={(value?: [dayjs.Dayjs, dayjs.Dayjs] | null) =>
              value ? `${value[0].format('YYYY-MM-DD')}~${value[1].format('YYYY-MM-DD')}` : undefined
            }
          >
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="filter-range" />
          </Form.Item>
          <Form.Item name="actorUserId" label={t('audit.actor')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(people.data?.items ?? []).map((u) => ({
                value: u.userId,
                label: `${u.displayName} ${u.email}`,
              }))}
              data-testid="filter-actor"
            />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')} rules={[{ max: L.entityType }]}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')} rules={[{ max: L.entityId }]}>
            <Input allowClear />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        <CursorTable<AuditEntry> list={list} columns={columns} rowKey="id" testId="audit-table" />
      </Card>
    </div>
  );
}
