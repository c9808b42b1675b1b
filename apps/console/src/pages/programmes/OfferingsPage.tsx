import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { paths } from '../../api/schema';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { ImportModal } from '../../components/ImportModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { OfferingFormDrawer, type OrganizationChoice } from './OfferingFormDrawer';
import { isSchool, STATUS_COLORS, type Offering } from './offering-rules';

type OfferingQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/programme-offerings']['get']['parameters']['query']
>;

/**
 * 开设专业: the schools' programme offerings with server-side filters (school, level, status,
 * training mode, skill, graduation year) and keyset pages; one school's sheet as xlsx. A
 * school's users add, edit and import their own school's offerings, the secretariat any
 * school's; enterprises and observers read.
 */
export default function OfferingsPage() {
  const { consortiumId, can, role, organizationId } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Offering | 'new'>();
  const [importing, setImporting] = useState(false);
  const [importSchool, setImportSchool] = useState<string>();
  const navigate = useNavigate();
  // An offering's matches: its school, the secretariat and observers (docs/matching.md, "Who sees what").
  const seesMatches = (row: Offering) =>
    can('matching:read') && (role !== 'member' || row.organizationId === organizationId);
  const schools = useQuery({
    queryKey: ['organizations', consortiumId, 'names'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations', {
          params: { path: { consortiumId }, query: { limit: 200 } },
        }),
      ),
  });
  const organizations: OrganizationChoice[] = (schools.data?.items ?? []).map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
  }));
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const schoolOptions = organizations.filter((o) => isSchool(o.type)).map((o) => ({ value: o.id, label: o.name }));
  // A member writes for its own organization only, and only a school has offerings.
  const own = role === 'member' ? organizationId : null;
  const ownType = organizations.find((o) => o.id === own)?.type;
  const writable = can('programme_offerings:write') && (own === null || isSchool(ownType));
  const mayEdit = (row: Offering) => writable && (own === null || row.organizationId === own);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['programme-offerings', consortiumId] });
  const list = useCursorList<Offering>({
    queryKey: ['programme-offerings', consortiumId],
    defaultSort: 'programmeCode',
    fetchPage: ({ filters, sort, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/programme-offerings', {
          params: { path: { consortiumId }, query: { ...filters, sort, limit, cursor } as OfferingQuery },
        }),
      ),
  });

  const importFor = own ?? importSchool ?? list.filters.organizationId;

  const exportSchool = async () => {
    const school = list.filters.organizationId;
    if (!school) {
      message.info(t('prog.exportHint'));
      return;
    }
    try {
      await downloadFile(
        `/api/v1/consortia/${consortiumId}/programme-offerings/export?organizationId=${school}`,
        'programme-offerings.xlsx',
      );
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  const columns: Array<CursorColumn<Offering>> = [
    {
      title: t('prog.name'),
      dataIndex: 'programmeCode',
      sortKey: 'programmeCode',
      render: (code: string, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{row.programmeName}</Typography.Text>
          <Typography.Text type="secondary">
            {code} · {row.className}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('prog.school'), dataIndex: 'organizationId', render: (id: string) => names.get(id) ?? '—' },
    { title: t('prog.level'), dataIndex: 'level', render: (v: string) => label('ProgrammeLevel', v) },
    {
      title: t('prog.status'),
      dataIndex: 'status',
      render: (status: Offering['status']) => (
        <Tag color={STATUS_COLORS[status]}>{label('OfferingStatus', status)}</Tag>
      ),
    },
    { title: t('prog.startYear'), dataIndex: 'startYear', sortKey: 'startYear' },
    { title: t('prog.enrolmentPlan'), dataIndex: 'enrolmentPlan', render: (v: number | null) => v ?? '—' },
    {
      title: t('prog.graduates'),
      dataIndex: 'expectedGraduates',
      render: (entries: Offering['expectedGraduates']) =>
        entries.length ? entries.map((g) => `${g.year}: ${g.count}`).join(' / ') : '—',
    },
    {
      title: t('prog.skills'),
      dataIndex: 'skills',
      render: (skills: string[]) => (
        <Tooltip title={skills.join('、')}>
          <Space size={[0, 4]} wrap>
            {skills.slice(0, 3).map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
        </Tooltip>
      ),
    },
    {
      title: t('prog.modes'),
      dataIndex: 'trainingModes',
      render: (modes: string[]) => modes.map((m) => label('TrainingMode', m)).join('、') || '—',
    },
    ...(writable
      ? [
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row: Offering) =>
              mayEdit(row) ? (
                <Button type="link" onClick={() => setEditing(row)} data-testid="offering-edit">
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
    {
      title: '',
      key: 'matches',
      render: (_v, row) =>
        seesMatches(row) ? (
          <Button
            size="small"
            onClick={() => navigate(`/c/${consortiumId}/offerings/${row.id}/matches`)}
            data-testid={`offering-matches-${row.id}`}
          >
            {t('match.openMatches')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="offerings-page">
      <PageHeader title={t('nav.offerings')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="organizationId" label={t('prog.school')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={schoolOptions}
              data-testid="filter-school"
            />
          </Form.Item>
          <Form.Item name="level" label={t('prog.level')}>
            <Select allowClear options={options('ProgrammeLevel')} data-testid="filter-level" />
          </Form.Item>
          <Form.Item name="status" label={t('prog.status')}>
            <Select allowClear options={options('OfferingStatus')} />
          </Form.Item>
          <Form.Item name="trainingMode" label={t('prog.mode')}>
            <Select allowClear options={options('TrainingMode')} />
          </Form.Item>
          <Form.Item name="skill" label={t('prog.skill')}>
            <Input allowClear data-testid="filter-skill" />
          </Form.Item>
          <Form.Item name="graduatesIn" label={t('prog.graduatesIn')}>
            <InputNumber min={1949} max={2200} style={{ width: '100%' }} />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} data-testid="toolbar">
          {writable ? (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="offering-create"
              >
                {t('prog.create')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="offering-import">
                {t('prog.import')}
              </Button>
            </>
          ) : null}
          <Button icon={<DownloadOutlined />} onClick={() => void exportSchool()} data-testid="offerings-export">
            {t('prog.export')}
          </Button>
        </Space>
        <CursorTable<Offering> list={list} columns={columns} rowKey="id" testId="offerings-table" />
      </Card>
      {editing ? (
        <OfferingFormDrawer
          offering={editing === 'new' ? undefined : editing}
          organizations={organizations}
          onClose={() => setEditing(undefined)}
          onSaved={() => setEditing(undefined)}
        />
      ) : null}
      {importing ? (
        <ImportModal
          title={t('prog.importTitle')}
          hint={t('prog.importHint')}
          templatePath={`/api/v1/consortia/${consortiumId}/programme-offerings/import-template`}
          templateName="programme-offerings-template.xlsx"
          target={{
            kind: 'job',
            path: (mode) =>
              `/api/v1/consortia/${consortiumId}/programme-offerings/import?mode=${mode}&organizationId=${importFor ?? ''}`,
          }}
          blocked={importFor ? undefined : t('prog.importPickSchool')}
          extra={
            own ? null : (
              <Space wrap>
                <Typography.Text>{t('prog.importSchool')}</Typography.Text>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ minWidth: 280 }}
                  value={importFor}
                  onChange={setImportSchool}
                  options={schoolOptions}
                  data-testid="import-school"
                />
              </Space>
            )
          }
          onClose={() => setImporting(false)}
          onImported={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
