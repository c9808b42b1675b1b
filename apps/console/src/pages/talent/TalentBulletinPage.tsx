import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Row, Segmented, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { Chart, type ChartOption } from '../../components/Chart';
import { PageHeader } from '../../components/PageHeader';
import { chinaToday } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { SkillSynonymsTab } from './SkillSynonymsTab';
import type { Bulletin, BulletinRow } from './talent-rules';

type Section = 'programmeClasses' | 'occupations' | 'industries';

/** Years the picker offers: this one (China time) and the four before it. */
const YEARS_BACK = 5;

/**
 * 人才需求发布: the demand bulletin of a year — the total, then by programme class, occupation
 * (大类 … 细类) and industry, each as a bar chart and a table — with its xlsx download; and the
 * consortium's skill synonyms (the secretariat adds and removes them).
 */
export default function TalentBulletinPage() {
  const { t } = useI18n();
  return (
    <div data-testid="talent-bulletin-page">
      <PageHeader title={t('nav.talentBulletin')} />
      <Tabs
        items={[
          { key: 'bulletin', label: t('talent.tabBulletin'), children: <BulletinTab /> },
          { key: 'synonyms', label: t('talent.tabSynonyms'), children: <SkillSynonymsTab /> },
        ]}
      />
    </div>
  );
}

function BulletinTab() {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { message } = App.useApp();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [section, setSection] = useState<Section>('programmeClasses');
  const [level, setLevel] = useState(1);
  const bulletin = useQuery({
    queryKey: ['talent-bulletin', consortiumId, year],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/talent-demand-bulletin', {
          params: { path: { consortiumId }, query: { year } },
        }),
      ),
  });
  const rows = useMemo(() => rowsOf(bulletin.data, section, level), [bulletin.data, section, level]);
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => (r.code ? `${r.code} ${r.name}` : r.name)) },
        series: [
          { name: t('talent.bulletinHeadcount'), type: 'bar', data: rows.map((r) => r.headcount) },
          { name: t('talent.bulletinEnterprises'), type: 'bar', data: rows.map((r) => r.enterprises) },
        ],
      }) as ChartOption,
    [rows, t],
  );
  const exportFile = async () => {
    try {
      await downloadFile(
        `/api/v1/consortia/${consortiumId}/talent-demand-bulletin/export?year=${year}`,
        `talent-demand-bulletin-${year}.xlsx`,
      );
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  const total = bulletin.data?.total;
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('talent.year')}</Typography.Text>
        <Select
          style={{ width: 110 }}
          value={year}
          onChange={setYear}
          options={Array.from({ length: YEARS_BACK }, (_v, i) => ({
            value: thisYear - i,
            label: String(thisYear - i),
          }))}
          data-testid="bulletin-year"
        />
        <Button icon={<DownloadOutlined />} onClick={() => void exportFile()} data-testid="bulletin-export">
          {t('talent.bulletinExport')}
        </Button>
        {bulletin.data ? (
          <Typography.Text type="secondary">{t('talent.bulletinAsOf', { date: bulletin.data.asOf })}</Typography.Text>
        ) : null}
      </Space>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="bulletin-total">
        <Col xs={12} md={6}>
          <Statistic title={t('talent.bulletinHeadcount')} value={total?.headcount ?? 0} loading={bulletin.isLoading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('talent.bulletinEnterprises')}
            value={total?.enterprises ?? 0}
            loading={bulletin.isLoading}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('talent.bulletinPostings')} value={total?.postings ?? 0} loading={bulletin.isLoading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('talent.bulletinSalary')}
            value={total?.salaryMedian ? Number(total.salaryMedian) : '—'}
            loading={bulletin.isLoading}
          />
        </Col>
      </Row>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Section>
          value={section}
          onChange={setSection}
          options={[
            { value: 'programmeClasses', label: t('talent.byProgrammeClass') },
            { value: 'occupations', label: t('talent.byOccupation') },
            { value: 'industries', label: t('talent.byIndustry') },
          ]}
          data-testid="bulletin-section"
        />
        {section === 'occupations' ? (
          <Segmented<number>
            value={level}
            onChange={setLevel}
            options={[1, 2, 3, 4].map((l) => ({ value: l, label: t(`talent.occupationLevel${l as 1 | 2 | 3 | 4}`) }))}
          />
        ) : null}
      </Space>
      {rows.length === 0 && !bulletin.isLoading ? (
        <Empty description={t('talent.bulletinEmpty')} />
      ) : (
        <>
          <Chart option={option} height={Math.max(200, rows.length * 48)} testId="bulletin-chart" />
          <div data-testid="bulletin-table">
            <Table<BulletinRow>
              rowKey={(row) => row.code ?? '—'}
              loading={bulletin.isFetching}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              size="middle"
              columns={[
                { title: t('talent.bulletinCode'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
                { title: t('talent.bulletinName'), dataIndex: 'name' },
                { title: t('talent.bulletinHeadcount'), dataIndex: 'headcount' },
                { title: t('talent.bulletinEnterprises'), dataIndex: 'enterprises' },
                { title: t('talent.bulletinPostings'), dataIndex: 'postings' },
                {
                  title: t('talent.bulletinSalary'),
                  dataIndex: 'salaryMedian',
                  render: (v: string | null) => (v === null ? '—' : String(Number(v))),
                },
              ]}
            />
          </div>
        </>
      )}
    </Card>
  );
}

function rowsOf(bulletin: Bulletin | undefined, section: Section, level: number): BulletinRow[] {
  if (!bulletin) return [];
  if (section === 'occupations') return bulletin.occupations.find((o) => o.level === level)?.rows ?? [];
  return bulletin[section];
}
