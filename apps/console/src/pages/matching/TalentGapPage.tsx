import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { Chart, type ChartOption } from '../../components/Chart';
import { PageHeader } from '../../components/PageHeader';
import { chinaToday } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { GAP_YEARS, RECOMMENDATION_COLORS, RECOMMENDATION_LABELS, ratioText, type GapRow } from './matching-rules';

const UNCLASSIFIED = 'unclassified';

/**
 * 人才缺口: for a year (in the URL, this year by default), demand (published postings'
 * headcount) against supply (active offerings' expected graduates) per programme class and
 * per occupation, with the gap, the ratio and a recommendation; a chart of both per class.
 */
export default function TalentGapPage() {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year =
    Number.isInteger(asked) && asked >= GAP_YEARS.min && asked <= GAP_YEARS.max
      ? asked
      : Number(chinaToday().slice(0, 4));
  const report = useQuery({
    queryKey: ['talent-gap', consortiumId, year],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/talent-gap', {
          params: { path: { consortiumId }, query: { year } },
        }),
      ),
  });
  // The table as xlsx, and the programme-adjustment advice as a page to print (both named by the API).
  const download = async (file: 'export' | 'adjustment-advice', fallbackName: string) => {
    try {
      await downloadFile(`/api/v1/consortia/${consortiumId}/talent-gap/${file}?year=${year}`, fallbackName);
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  const byClass = useMemo(() => report.data?.byClass ?? [], [report.data]);
  const nameOf = (row: GapRow) => (row.key === UNCLASSIFIED ? t('gap.unclassified') : (row.name ?? row.key));
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: {
          type: 'category',
          inverse: true,
          // Class names repeat across levels (计算机类 is 3102, 5102 and 7102): the code tells them apart.
          data: byClass.map((r) => (r.key === UNCLASSIFIED ? t('gap.unclassified') : `${r.key} ${r.name ?? ''}`)),
        },
        series: [
          { name: t('gap.demand'), type: 'bar', data: byClass.map((r) => r.demand), itemStyle: { color: '#fa541c' } },
          { name: t('gap.supply'), type: 'bar', data: byClass.map((r) => r.supply), itemStyle: { color: '#1677ff' } },
        ],
      }) as ChartOption,
    [byClass, t],
  );

  return (
    <div data-testid="talent-gap-page">
      <PageHeader
        title={t('nav.talentGap')}
        extra={
          <Space>
            <Typography.Text>{t('gap.year')}</Typography.Text>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs().year(year)}
              disabledDate={(d) => d.year() < GAP_YEARS.min || d.year() > GAP_YEARS.max}
              onChange={(d) => d && setParams({ year: String(d.year()) }, { replace: true })}
              data-testid="gap-year"
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download('export', `talent-gap-${year}.xlsx`)}
              data-testid="gap-export"
            >
              {t('gap.export')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => void download('adjustment-advice', `programme-adjustment-advice-${year}.html`)}
              data-testid="gap-advice"
            >
              {t('gap.advice')}
            </Button>
          </Space>
        }
      />
      {report.error ? (
        <Result status="warning" subTitle={describeError(report.error, t)} />
      ) : (
        <>
          <Card title={t('gap.chart')} style={{ marginBottom: 16 }} loading={report.isPending}>
            <Chart option={option} height={Math.max(220, byClass.length * 56)} testId="gap-chart" />
            {report.data ? (
              <Typography.Text type="secondary">
                {t('gap.thresholds', {
                  expand: report.data.thresholds.expandAbove,
                  shrink: report.data.thresholds.shrinkBelow,
                })}
              </Typography.Text>
            ) : null}
          </Card>
          <Card>
            <Tabs
              items={[
                {
                  key: 'class',
                  label: t('gap.byClass'),
                  children: (
                    <GapTable
                      rows={byClass}
                      loading={report.isPending}
                      keyTitle={t('gap.class')}
                      nameOf={nameOf}
                      testId="gap-class-table"
                    />
                  ),
                },
                {
                  key: 'occupation',
                  label: t('gap.byOccupation'),
                  children: (
                    <GapTable
                      rows={report.data?.byOccupation ?? []}
                      loading={report.isPending}
                      keyTitle={t('gap.occupation')}
                      nameOf={nameOf}
                      testId="gap-occupation-table"
                    />
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}

function GapTable({
  rows,
  loading,
  keyTitle,
  nameOf,
  testId,
}: {
  rows: GapRow[];
  loading: boolean;
  keyTitle: string;
  nameOf(row: GapRow): string;
  testId: string;
}) {
  const { t } = useI18n();
  const columns: ColumnsType<GapRow> = [
    {
      title: keyTitle,
      dataIndex: 'key',
      render: (key: string, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{nameOf(row)}</Typography.Text>
          {key !== UNCLASSIFIED ? <Typography.Text type="secondary">{key}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('gap.demand'), dataIndex: 'demand', sorter: (a, b) => a.demand - b.demand },
    { title: t('gap.postings'), dataIndex: 'postings' },
    { title: t('gap.supply'), dataIndex: 'supply', sorter: (a, b) => a.supply - b.supply },
    { title: t('gap.offerings'), dataIndex: 'offerings' },
    {
      title: t('gap.gap'),
      dataIndex: 'gap',
      sorter: (a, b) => a.gap - b.gap,
      render: (gap: number) => (
        <Typography.Text type={gap > 0 ? 'danger' : gap < 0 ? 'success' : undefined}>
          {gap > 0 ? `+${gap}` : gap}
        </Typography.Text>
      ),
    },
    { title: t('gap.ratio'), dataIndex: 'ratio', render: (ratio: number | null) => ratioText(ratio) },
    {
      title: t('gap.recommendation'),
      dataIndex: 'recommendation',
      render: (rec: string) => (
        <Tag color={RECOMMENDATION_COLORS[rec]} data-testid="gap-recommendation">
          {RECOMMENDATION_LABELS[rec] ? t(RECOMMENDATION_LABELS[rec]) : rec}
        </Tag>
      ),
    },
  ];
  return (
    <div data-testid={testId}>
      <Table<GapRow>
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        size="middle"
      />
    </div>
  );
}
