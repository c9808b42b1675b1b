import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type Key } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { ImportModal } from '../../components/ImportModal';
import { IndustrySelect } from '../../components/IndustrySelect';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList, type Filters } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { BatchTransitionModal } from './BatchTransitionModal';
import { OrganizationDrawer } from './OrganizationDrawer';
import { OrganizationFormDrawer } from './OrganizationFormDrawer';
import { STATUS_COLORS, type Organization, type OrganizationListQuery } from './organization-rules';

/**
 * 成员单位: the query form, the toolbar (register, import, export), the table with server-side
 * filters, sort and keyset pages, batch membership changes, and drawers for detail and editing.
 * Roles without organizations:write see the same list without the actions.
 */
export default function OrganizationsPage() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const writable = can('organizations:write');
  const [selected, setSelected] = useState<{ keys: Key[]; rows: Organization[] }>({ keys: [], rows: [] });
  const [detailId, setDetailId] = useState<string>();
  const [editing, setEditing] = useState<Organization | 'new'>();
  const [importing, setImporting] = useState(false);
  const [batch, setBatch] = useState(false);

  const list = useCursorList<Organization>({
    queryKey: ['organizations', consortiumId],
    defaultSort: 'name',
    fetchPage: ({ filters, sort, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations', {
          params: {
            path: { consortiumId },
            query: { ...filters, sort, limit, cursor } as OrganizationListQuery,
          },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['organizations', consortiumId] });

  const exportFile = async (filters: Filters) => {
    try {
      const query = new URLSearchParams(filters as Record<string, string>).toString();
      await downloadFile(
        `/api/v1/consortia/${consortiumId}/organizations/export${query ? `?${query}` : ''}`,
        'organizations.xlsx',
      );
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  const columns: Array<CursorColumn<Organization>> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      sortKey: 'name',
      render: (name: string, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link>{name}</Typography.Link>
          {row.nameEn ? <Typography.Text type="secondary">{row.nameEn}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('org.type'), dataIndex: 'type', render: (type: string) => label('OrganizationType', type) },
    { title: t('org.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => v ?? '—' },
    { title: t('org.district'), dataIndex: 'district', render: (v: string | null) => v ?? '—' },
    {
      title: t('org.industry'),
      dataIndex: 'industryCode',
      render: (code: string | null, row) => (code ? `${code} ${row.industryName ?? ''}` : '—'),
    },
    {
      title: t('org.status'),
      dataIndex: 'membershipStatus',
      render: (status: Organization['membershipStatus']) => (
        <Tag color={STATUS_COLORS[status]}>{label('MembershipStatus', status)}</Tag>
      ),
    },
    {
      title: t('org.createdAt'),
      dataIndex: 'createdAt',
      sortKey: 'createdAt',
      render: (v: string) => formatDateTime(v, locale),
    },
  ];

  return (
    <div data-testid="organizations-page">
      <PageHeader title={t('nav.organizations')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('org.search')}>
            <Input allowClear placeholder={t('org.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="type" label={t('org.type')}>
            <Select allowClear options={options('OrganizationType')} data-testid="filter-type" />
          </Form.Item>
          <Form.Item name="status" label={t('org.status')}>
            <Select allowClear options={options('MembershipStatus')} />
          </Form.Item>
          <Form.Item name="industryCode" label={t('org.industry')}>
            <IndustrySelect />
          </Form.Item>
          <Form.Item name="district" label={t('org.district')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="leadingEnterprise" label={t('org.leadingEnterprise')}>
            <Select
              allowClear
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
            />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} data-testid="toolbar">
          {writable ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="org-create">
                {t('org.create')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="org-import">
                {t('org.import')}
              </Button>
              <Button disabled={selected.keys.length === 0} onClick={() => setBatch(true)} data-testid="org-batch">
                {t('org.batchTransition', { n: selected.keys.length })}
              </Button>
            </>
          ) : null}
          <Button icon={<DownloadOutlined />} onClick={() => void exportFile(list.filters)} data-testid="org-export">
            {t('org.export')}
          </Button>
        </Space>
        <CursorTable<Organization>
          list={list}
          columns={columns}
          rowKey="id"
          testId="organizations-table"
          onRowClick={(row) => setDetailId(row.id)}
          selectedRowKeys={writable ? selected.keys : undefined}
          onSelect={writable ? (keys, rows) => setSelected({ keys, rows }) : undefined}
        />
      </Card>
      <OrganizationDrawer
        organizationId={detailId}
        onClose={() => setDetailId(undefined)}
        onEdit={(organization) => setEditing(organization)}
      />
      {editing ? (
        <OrganizationFormDrawer
          organization={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            void refresh();
            setDetailId(saved.id);
          }}
        />
      ) : null}
      {importing ? (
        <ImportModal
          title={t('org.importTitle')}
          hint={t('org.importHint')}
          templatePath={`/api/v1/consortia/${consortiumId}/organizations/import-template`}
          templateName="template.xlsx"
          target={{
            kind: 'job',
            path: (mode) => `/api/v1/consortia/${consortiumId}/organizations/import?mode=${mode}`,
          }}
          onClose={() => setImporting(false)}
          onImported={() => void refresh()}
        />
      ) : null}
      {batch ? (
        <BatchTransitionModal
          organizations={selected.rows}
          onClose={(changed) => {
            setBatch(false);
            if (changed) {
              setSelected({ keys: [], rows: [] });
              void refresh();
            }
          }}
        />
      ) : null}
    </div>
  );
}
