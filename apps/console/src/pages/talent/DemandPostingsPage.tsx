import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
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
import { DemandPostingFormDrawer } from './DemandPostingFormDrawer';
import { useMayPost } from './own-organization';
import { PostingActions } from './PostingActions';
import { PostingDrawer, PostingStatusTag, SkillTags } from './PostingDrawer';
import { salaryRange, type DemandListQuery, type DemandPosting } from './talent-rules';

/**
 * 人才需求: the consortium's demand postings with server-side filters (status, employment type,
 * district, level, q over title/description/skills), sort and keyset pages; a posting opens in a
 * drawer with the actions its owner (or the secretariat) may take; each row links to its matches.
 */
export default function DemandPostingsPage() {
  const { consortiumId, organizationId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label, options } = useEnumLabels();
  const mayCreate = useMayPost('demand');
  const [detailId, setDetailId] = useState<string>();
  const [editing, setEditing] = useState<DemandPosting | 'new'>();

  const list = useCursorList<DemandPosting>({
    queryKey: ['demand-postings', consortiumId],
    defaultSort: '-publishedAt',
    fetchPage: ({ filters, sort, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/demand-postings', {
          params: { path: { consortiumId }, query: { ...filters, sort, limit, cursor } as DemandListQuery },
        }),
      ),
  });
  const detail = useQuery({
    queryKey: ['demand-postings', consortiumId, 'detail', detailId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}', {
          params: { path: { consortiumId, demandPostingId: detailId ?? '' } },
        }),
      ),
    enabled: Boolean(detailId),
  });
  const posting = detailId ? detail.data : undefined;

  const columns: Array<CursorColumn<DemandPosting>> = [
    {
      title: t('talent.title'),
      dataIndex: 'title',
      sortKey: 'title',
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
      render: (s: DemandPosting['status']) => <PostingStatusTag status={s} />,
    },
    {
      title: t('talent.employmentType'),
      dataIndex: 'employmentType',
      render: (v: string) => label('EmploymentType', v),
    },
    { title: t('talent.headcount'), dataIndex: 'headcount', sortKey: 'headcount' },
    {
      title: t('talent.salary'),
      dataIndex: 'salaryMax',
      sortKey: 'salaryMax',
      render: (_v, row) => salaryRange(row.salaryMin, row.salaryMax),
    },
    { title: t('talent.district'), dataIndex: 'district', render: (v: string | null) => v ?? '—' },
    {
      title: t('talent.validUntil'),
      dataIndex: 'validUntil',
      sortKey: 'validUntil',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('talent.publishedAt'),
      dataIndex: 'publishedAt',
      sortKey: 'publishedAt',
      render: (v: string | null) => (v ? formatDateTime(v, locale) : '—'),
    },
    ...(can('matching:read')
      ? [
          {
            title: t('talent.matches'),
            key: 'matches',
            render: (_v: unknown, row: DemandPosting) => (
              <Link
                to={`/c/${consortiumId}/demand-postings/${row.id}/matches`}
                onClick={(event) => event.stopPropagation()}
                data-testid="posting-matches"
              >
                {t('talent.viewMatches')}
              </Link>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="demand-postings-page">
      <PageHeader title={t('nav.demandPostings')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('talent.search')}>
            <Input allowClear placeholder={t('talent.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('talent.status')}>
            <Select allowClear options={options('PostingStatus')} data-testid="filter-status" />
          </Form.Item>
          <Form.Item name="employmentType" label={t('talent.employmentType')}>
            <Select allowClear options={options('EmploymentType')} data-testid="filter-employment-type" />
          </Form.Item>
          <Form.Item name="district" label={t('talent.district')}>
            <Input allowClear data-testid="filter-district" />
          </Form.Item>
          <Form.Item name="level" label={t('talent.openToLevel')}>
            <Select allowClear options={options('TalentEducationLevel')} />
          </Form.Item>
          {organizationId ? (
            <Form.Item name="mine" label={t('talent.mine')}>
              <Select allowClear options={[{ value: 'true', label: t('common.yes') }]} data-testid="filter-mine" />
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
              data-testid="demand-create"
            >
              {t('talent.newDemand')}
            </Button>
          </Space>
        ) : null}
        <CursorTable<DemandPosting>
          list={list}
          columns={columns}
          rowKey="id"
          testId="demand-table"
          onRowClick={(row) => setDetailId(row.id)}
        />
      </Card>
      <PostingDrawer
        posting={posting}
        onClose={() => setDetailId(undefined)}
        testId="demand-drawer"
        actions={posting ? <PostingActions kind="demand" posting={posting} onEdit={() => setEditing(posting)} /> : null}
        fields={
          posting
            ? [
                { label: t('talent.enterprise'), value: <OrganizationName id={posting.organizationId} /> },
                { label: t('talent.description'), value: posting.description || '—' },
                { label: t('talent.employmentType'), value: label('EmploymentType', posting.employmentType) },
                { label: t('talent.headcount'), value: posting.headcount },
                { label: t('talent.occupation'), value: posting.occupationCode },
                { label: t('talent.programmes'), value: posting.programmeCodes.join('、') || '—' },
                { label: t('talent.minLevel'), value: label('TalentEducationLevel', posting.minLevel) || '—' },
                { label: t('talent.requiredSkills'), value: <SkillTags skills={posting.requiredSkills} /> },
                { label: t('talent.preferredSkills'), value: <SkillTags skills={posting.preferredSkills} /> },
                { label: t('talent.certificates'), value: posting.certificates.join('；') || '—' },
                {
                  label: t('talent.place'),
                  value: `${posting.district ?? '—'}${posting.inPark ? ` · ${t('talent.inPark')}` : ''}`,
                },
                { label: t('talent.salary'), value: salaryRange(posting.salaryMin, posting.salaryMax) },
                { label: t('talent.startDate'), value: posting.startDate },
                { label: t('talent.validUntil'), value: posting.validUntil },
              ]
            : []
        }
      />
      {editing ? (
        <DemandPostingFormDrawer
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
