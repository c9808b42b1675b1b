import { AuditOutlined, BarChartOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { paths } from '../../api/schema';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { PERIOD_STATUS_COLORS, type Period } from './indicator-rules';
import { useFrameworkNames, useIndicatorPeriods } from './usePeriods';

type PeriodQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/indicator-periods']['get']['parameters']['query']
>;

/**
 * 建设指标: the consortium's reporting periods (name, framework version, dates, due date,
 * status), newest first; a row chooses the period the form, the review queue and the score
 * tree work on.
 */
export default function PeriodsPage() {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const navigate = useNavigate();
  const { period, choose } = useIndicatorPeriods();
  const frameworkName = useFrameworkNames();
  const list = useCursorList<Period>({
    queryKey: ['indicator-periods', consortiumId],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-periods', {
          params: { path: { consortiumId }, query: { ...filters, limit, cursor } as PeriodQuery },
        }),
      ),
  });
  const go = (path: string) => navigate(`/c/${consortiumId}/${path}`);

  const columns: Array<CursorColumn<Period>> = [
    {
      title: t('ind.periodName'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Typography.Link>{name}</Typography.Link>
          {row.id === period?.id ? (
            <Tag color="blue" data-testid="period-chosen">
              {t('ind.chosen')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { title: t('ind.framework'), dataIndex: 'frameworkId', render: (id: string) => frameworkName(id) },
    { title: t('ind.startsOn'), dataIndex: 'startsOn' },
    { title: t('ind.endsOn'), dataIndex: 'endsOn' },
    {
      title: t('ind.dueOn'),
      dataIndex: 'dueOn',
      render: (dueOn: string, row) =>
        row.graceDays > 0 ? t('ind.dueWithGrace', { dueOn, days: row.graceDays }) : dueOn,
    },
    {
      title: t('ind.status'),
      dataIndex: 'status',
      render: (status: Period['status']) => (
        <Tag color={PERIOD_STATUS_COLORS[status]}>{label('IndicatorPeriodStatus', status)}</Tag>
      ),
    },
  ];

  return (
    <div data-testid="indicator-periods-page">
      <PageHeader title={t('nav.indicators')} />
      {period ? (
        <Card style={{ marginBottom: 16 }} data-testid="chosen-period">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            title={t('ind.chosenPeriod', { name: period.name })}
            extra={
              <Space wrap>
                {can('indicators:report') ? (
                  <Button
                    type="primary"
                    icon={<FormOutlined />}
                    onClick={() => go('indicator-reports')}
                    data-testid="go-report"
                  >
                    {t('nav.indicatorReports')}
                  </Button>
                ) : null}
                {can('indicators:manage') ? (
                  <Button icon={<AuditOutlined />} onClick={() => go('indicator-review')} data-testid="go-review">
                    {t('nav.indicatorReview')}
                  </Button>
                ) : null}
                <Button icon={<BarChartOutlined />} onClick={() => go('indicator-scores')} data-testid="go-scores">
                  {t('nav.indicatorScores')}
                </Button>
              </Space>
            }
          >
            <Descriptions.Item label={t('ind.framework')}>{frameworkName(period.frameworkId)}</Descriptions.Item>
            <Descriptions.Item label={t('ind.dates')}>
              {period.startsOn} ～ {period.endsOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('ind.dueOn')}>{period.dueOn}</Descriptions.Item>
            <Descriptions.Item label={t('ind.status')}>
              {label('IndicatorPeriodStatus', period.status)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="status" label={t('ind.status')}>
            <Select allowClear options={options('IndicatorPeriodStatus')} data-testid="filter-status" />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        {list.error ? <Alert type="error" showIcon title={describeError(list.error, t)} /> : null}
        <Typography.Paragraph type="secondary">{t('ind.chooseHint')}</Typography.Paragraph>
        <CursorTable<Period>
          list={list}
          columns={columns}
          rowKey="id"
          testId="periods-table"
          onRowClick={(row) => choose(row.id)}
        />
      </Card>
    </div>
  );
}
