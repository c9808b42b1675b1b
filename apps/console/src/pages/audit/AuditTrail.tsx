import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, unwrap } from '../../api/client';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { AUDIT_FILTER_LIMITS as L, summarizeChanges, toAuditQuery, type AuditEntry } from './audit-rules';

/**
 * Whose trail: one consortium's (its people name the actors, when the viewer may list them),
 * or the platform's (accounts, platform-admin grants, cross-consortium reads; every account
 * names them).
 */
export type AuditScope = { kind: 'consortium'; consortiumId: string; canListPeople: boolean } | { kind: 'platform' };

interface Person {
  id: string;
  displayName: string;
  email: string;
}

/** The people who may appear as actors, for names and the actor filter. */
function usePeople(scope: AuditScope) {
  return useQuery({
    queryKey: scope.kind === 'platform' ? ['platform-users', 'all'] : ['users', scope.consortiumId, 'all'],
    queryFn: async (): Promise<Person[]> => {
      if (scope.kind === 'platform') {
        const page = await unwrap(api.GET('/api/v1/users', { params: { query: { limit: 200 } } }));
        return page.items.map((u) => ({ id: u.id, displayName: u.displayName, email: u.email }));
      }
      const page = await unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/users', {
          params: { path: { consortiumId: scope.consortiumId }, query: { limit: 200 } },
        }),
      );
      return page.items.map((u) => ({ id: u.userId, displayName: u.displayName, email: u.email }));
    },
    enabled: scope.kind === 'platform' || scope.canListPeople,
  });
}

/**
 * An audit trail, newest first, filtered by action prefix, object, person and dates: the
 * consortium's 审计日志 and the platform's 平台审计日志 are this one component.
 */
export function AuditTrail({ scope, title }: { scope: AuditScope; title: MessageKey }) {
  const { t, locale } = useI18n();
  const list = useCursorList<AuditEntry>({
    queryKey: scope.kind === 'platform' ? ['audit', 'platform'] : ['audit', scope.consortiumId],
    fetchPage: ({ filters, limit, cursor }) => {
      const query = { ...toAuditQuery(filters), limit, cursor };
      return unwrap(
        scope.kind === 'platform'
          ? api.GET('/api/v1/audit-log', { params: { query } })
          : api.GET('/api/v1/consortia/{consortiumId}/audit-log', {
              params: { path: { consortiumId: scope.consortiumId }, query },
            }),
      );
    },
  });
  const people = usePeople(scope);
  const names = new Map((people.data ?? []).map((u) => [u.id, u.displayName]));

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
      <PageHeader title={t(title)} />
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
              options={(people.data ?? []).map((u) => ({
                value: u.id,
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
