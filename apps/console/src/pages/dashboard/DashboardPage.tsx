import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatDateTime } from '../../format/datetime';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';

const CATEGORIES = ['government', 'enterprise', 'school', 'research'] as const;

/** The secretariat's overview: members by type and status, the council's multi-party status, upcoming meetings, recent audit entries. */
export default function DashboardPage() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const path = { consortiumId };

  const stats = useQuery({
    queryKey: ['organizations', consortiumId, 'stats'],
    queryFn: () => unwrap(api.GET('/api/v1/consortia/{consortiumId}/organizations/stats', { params: { path } })),
    enabled: can('organizations:read'),
  });
  const council = useQuery({
    queryKey: ['council', consortiumId, 'overview'],
    queryFn: () => unwrap(api.GET('/api/v1/consortia/{consortiumId}/council', { params: { path } })),
    enabled: can('council:read'),
  });
  const meetings = useQuery({
    queryKey: ['council', consortiumId, 'meetings'],
    // Newest first: the meetings still to come are on the first page.
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/council/meetings', { params: { path, query: { limit: 50 } } })),
    enabled: can('council:read'),
  });
  const audit = useQuery({
    queryKey: ['audit', consortiumId, 'recent'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/audit-log', { params: { path, query: { limit: 8 } } })),
    enabled: can('audit:read'),
  });

  const byType = stats.data?.byType;
  const byStatus = stats.data?.byStatus;
  const typeChart = useMemo<ChartOption>(() => {
    const entries = Object.entries(byType ?? {}).sort((a, b) => b[1] - a[1]);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: entries.map(([type]) => label('OrganizationType', type)) },
      series: [{ type: 'bar', data: entries.map(([, n]) => n), itemStyle: { color: '#1677ff' }, barMaxWidth: 24 }],
    } as ChartOption;
  }, [byType, label]);
  const statusChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          top: -24,
          data: Object.entries(byStatus ?? {}).map(([status, value]) => ({
            name: label('MembershipStatus', status),
            value,
          })),
        },
      ],
    }),
    [byStatus, label],
  );

  const now = Date.now();
  const upcoming = (meetings.data?.items ?? [])
    .filter((m) => m.status === 'scheduled' && Date.parse(m.scheduledAt) >= now)
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))
    .slice(0, 5);
  const failure = stats.error ?? council.error ?? meetings.error ?? audit.error;

  return (
    <div data-testid="dashboard">
      <PageHeader title={t('nav.dashboard')} />
      {failure ? <Alert type="error" showIcon title={describeError(failure, t)} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending} data-testid="stat-total">
            <Statistic title={t('dashboard.members')} value={stats.data?.total ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending}>
            <Statistic title={t('dashboard.active')} value={byStatus?.active ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending}>
            <Statistic title={t('dashboard.applied')} value={byStatus?.applied ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={council.isPending}>
            <Statistic title={t('dashboard.seats')} value={council.data?.seats ?? 0} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('dashboard.membersByType')}>
            <Chart option={typeChart} height={300} testId="chart-by-type" />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('dashboard.membersByStatus')}>
            <Chart option={statusChart} height={300} testId="chart-by-status" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.council')} loading={council.isPending} data-testid="council-card">
            {council.data ? (
              <>
                <Typography.Paragraph>
                  {council.data.multiPartyComplete ? (
                    <Tag color="success">{t('dashboard.multiPartyComplete')}</Tag>
                  ) : (
                    <Tag color="warning">{t('dashboard.multiPartyIncomplete')}</Tag>
                  )}
                  {t('dashboard.seatsInOffice', { seats: council.data.seats, out: council.data.seatsOutOfOffice })}
                </Typography.Paragraph>
                {CATEGORIES.map((category) => (
                  <Tag key={category} color={council.data.categoriesSeated.includes(category) ? 'blue' : 'default'}>
                    {label('CouncilSeatCategory', category)}
                    {council.data.categoriesSeated.includes(category) ? ' ✓' : ' ✗'}
                  </Tag>
                ))}
              </>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.upcomingMeetings')} loading={meetings.isPending}>
            {upcoming.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noUpcomingMeetings')} />
            ) : (
              <List
                size="small"
                dataSource={upcoming}
                renderItem={(m) => (
                  <List.Item>
                    <List.Item.Meta
                      title={m.title}
                      description={`${formatDateTime(m.scheduledAt, locale)} · ${label('CouncilMeetingKind', m.kind)}${m.place ? ` · ${m.place}` : ''}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        {can('audit:read') ? (
          <Col xs={24}>
            <Card title={t('dashboard.recentAudit')} data-testid="audit-card">
              <Table
                size="small"
                rowKey="id"
                loading={audit.isPending}
                dataSource={audit.data?.items ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('audit.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
                  { title: t('audit.action'), dataIndex: 'action' },
                  { title: t('audit.entity'), dataIndex: 'entityType' },
                ]}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
