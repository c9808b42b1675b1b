import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { components, paths } from '../../api/schema';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';

type Offering = components['schemas']['OfferingDto'];
type OfferingQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/programme-offerings']['get']['parameters']['query']
>;

const STATUS_COLORS: Record<Offering['status'], string> = {
  active: 'success',
  upgrading: 'processing',
  suspended: 'warning',
  discontinued: 'default',
};

/**
 * 开设专业: the schools' programme offerings with server-side filters (school, level, status,
 * training mode, skill, graduation year) and keyset pages; one school's sheet as xlsx.
 */
export default function OfferingsPage() {
  const { consortiumId, role, organizationId, can } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
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
  const names = new Map((schools.data?.items ?? []).map((o) => [o.id, o.name]));
  const schoolOptions = (schools.data?.items ?? [])
    .filter((o) =>
      [
        'secondary_vocational',
        'higher_vocational',
        'vocational_bachelor',
        'general_bachelor',
        'technician_college',
      ].includes(o.type),
    )
    .map((o) => ({ value: o.id, label: o.name }));
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

  const exportSchool = async () => {
    const organizationId = list.filters.organizationId;
    if (!organizationId) {
      message.info(t('prog.exportHint'));
      return;
    }
    try {
      await downloadFile(
        `/api/v1/consortia/${consortiumId}/programme-offerings/export?organizationId=${organizationId}`,
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
          <Button icon={<DownloadOutlined />} onClick={() => void exportSchool()} data-testid="offerings-export">
            {t('prog.export')}
          </Button>
        </Space>
        <CursorTable<Offering> list={list} columns={columns} rowKey="id" testId="offerings-table" />
      </Card>
    </div>
  );
}
