import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { OrganizationName } from '../../components/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { useMayPost } from './own-organization';
import { PostingActions } from './PostingActions';
import { PostingDrawer, PostingStatusTag, SkillTags } from './PostingDrawer';
import { SupplyPostingFormDrawer } from './SupplyPostingFormDrawer';
import { TALENT_LIMITS as L, type SupplyListQuery, type SupplyPosting } from './talent-rules';

/**
 * 人才供给: the schools' supply postings (graduates of a programme offering) with server-side
 * filters (status, level, cohort year, mode, q), sort and keyset pages; a posting opens in a
 * drawer with the actions its school (or the secretariat) may take.
 */
export default function SupplyPostingsPage() {
  const { consortiumId, organizationId } = useConsortium();
  const { t, locale } = useI18n();
  const { label, options } = useEnumLabels();
  const mayCreate = useMayPost('supply');
  const [detailId, setDetailId] = useState<string>();
  const [editing, setEditing] = useState<SupplyPosting | 'new'>();

  const list = useCursorList<SupplyPosting>({
    queryKey: ['supply-postings', consortiumId],
    defaultSort: '-publishedAt',
    fetchPage: ({ filters, sort, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/supply-postings', {
          params: { path: { consortiumId }, query: { ...filters, sort, limit, cursor } as SupplyListQuery },
        }),
      ),
  });
  const detail = useQuery({
    queryKey: ['supply-postings', consortiumId, 'detail', detailId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/supply-postings/{supplyPostingId}', {
          params: { path: { consortiumId, supplyPostingId: detailId ?? '' } },
        }),
      ),
    enabled: Boolean(detailId),
  });
  const posting = detailId ? detail.data : undefined;
  const modes = (values: string[]) => values.map((m) => label('SupplyMode', m)).join('、') || '—';

  const columns: Array<CursorColumn<SupplyPosting>> = [
    {
      title: t('talent.title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link>{title}</Typography.Link>
          <Typography.Text type="secondary">
            <OrganizationName id={row.organizationId} />
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('talent.status'),
      dataIndex: 'status',
      render: (s: SupplyPosting['status']) => <PostingStatusTag status={s} />,
    },
    { title: t('prog.code'), dataIndex: 'programmeCode' },
    { title: t('prog.level'), dataIndex: 'level', render: (v: string) => label('TalentEducationLevel', v) },
    { title: t('talent.cohortYear'), dataIndex: 'cohortYear', sortKey: 'cohortYear' },
    { title: t('talent.supplyHeadcount'), dataIndex: 'headcount', sortKey: 'headcount' },
    { title: t('talent.modes'), dataIndex: 'modes', render: modes },
    { title: t('talent.availableFrom'), dataIndex: 'availableFrom', render: (v: string | null) => v ?? '—' },
    {
      title: t('talent.publishedAt'),
      dataIndex: 'publishedAt',
      sortKey: 'publishedAt',
      render: (v: string | null) => (v ? formatDateTime(v, locale) : '—'),
    },
  ];

  return (
    <div data-testid="supply-postings-page">
      <PageHeader title={t('nav.supplyPostings')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('talent.search')}>
            <Input allowClear placeholder={t('talent.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('talent.status')}>
            <Select allowClear options={options('PostingStatus')} data-testid="filter-status" />
          </Form.Item>
          <Form.Item name="level" label={t('prog.level')}>
            <Select allowClear options={options('TalentEducationLevel')} />
          </Form.Item>
          <Form.Item name="cohortYear" label={t('talent.cohortYear')}>
            <InputNumber min={L.cohortYear.min} max={L.cohortYear.max} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="mode" label={t('talent.modes')}>
            <Select allowClear options={options('SupplyMode')} />
          </Form.Item>
          {organizationId ? (
            <Form.Item name="mine" label={t('talent.mine')}>
              <Select allowClear options={[{ value: 'true', label: t('common.yes') }]} />
            </Form.Item>
          ) : null}
        </QueryForm>
      </Card>
      <Card>
        {mayCreate ? (
          <Space wrap style={{ marginBottom: 16 }} data-testid="toolbar">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="supply-create"
            >
              {t('talent.newSupply')}
            </Button>
          </Space>
        ) : null}
        <CursorTable<SupplyPosting>
          list={list}
          columns={columns}
          rowKey="id"
          testId="supply-table"
          onRowClick={(row) => setDetailId(row.id)}
        />
      </Card>
      <PostingDrawer
        posting={posting}
        onClose={() => setDetailId(undefined)}
        testId="supply-drawer"
        actions={posting ? <PostingActions kind="supply" posting={posting} onEdit={() => setEditing(posting)} /> : null}
        fields={
          posting
            ? [
                { label: t('prog.school'), value: <OrganizationName id={posting.organizationId} /> },
                { label: t('prog.code'), value: posting.programmeCode },
                { label: t('prog.level'), value: label('TalentEducationLevel', posting.level) },
                { label: t('talent.cohortYear'), value: posting.cohortYear },
                { label: t('talent.supplyHeadcount'), value: posting.headcount },
                { label: t('talent.modes'), value: modes(posting.modes) },
                { label: t('talent.skills'), value: <SkillTags skills={posting.skills} /> },
                { label: t('talent.availableFrom'), value: posting.availableFrom },
                { label: t('talent.validUntil'), value: posting.validUntil },
                { label: t('talent.note'), value: posting.note || '—' },
              ]
            : []
        }
      />
      {editing ? (
        <SupplyPostingFormDrawer
          posting={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setDetailId(saved.id);
          }}
        />
      ) : null}
    </div>
  );
}
