import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import { Fragment, useState, type ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { PeriodSelect } from './PeriodSelect';
import { PointEntry } from './PointEntry';
import { pointsOf, pruneTree, REPORT_STATUS_COLORS, type FrameworkNode, type Report } from './indicator-rules';
import { fetchAllReports } from './report-queries';
import { useFramework, useIndicatorPeriods } from './usePeriods';

/**
 * 指标填报: the observation points the user's organization reports in the chosen period
 * (its expected points and any it already reports), grouped by the framework tree. The
 * secretariat reports its own points, or an organization's on its behalf.
 */
export default function ReportingPage() {
  const { consortiumId, role, organizationId } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { periods, period, choose, loading } = useIndicatorPeriods();
  const member = role === 'member';
  const [onBehalfOf, setOnBehalfOf] = useState<string>();
  // Who reports: a member its own organization; the secretariat itself (null) or the organization chosen.
  const reporter: string | null = member ? organizationId : (onBehalfOf ?? null);
  const periodId = period?.id ?? '';
  const framework = useFramework(period?.frameworkId);
  const nodes = (framework.data?.nodes ?? []) as unknown as FrameworkNode[];
  const targets = useQuery({
    queryKey: ['indicator-periods', consortiumId, periodId, 'targets'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/targets', {
          params: { path: { consortiumId, periodId } },
        }),
      ),
    enabled: Boolean(period),
  });
  const expected = useQuery({
    queryKey: ['indicator-periods', consortiumId, periodId, 'expected-reporters'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/expected-reporters', {
          params: { path: { consortiumId, periodId } },
        }),
      ),
    enabled: Boolean(period),
  });
  const secretariatPoints = pointsOf(nodes)
    .filter((n) => n.point?.reporter === 'secretariat')
    .map((n) => n.code);
  const reports = useQuery({
    queryKey: ['indicator-reports', consortiumId, periodId, 'reporter', reporter],
    queryFn: async (): Promise<Report[]> => {
      if (reporter !== null) return fetchAllReports(consortiumId, { periodId, organizationId: reporter });
      // The secretariat's own reports: by point (the list has no "no organization" filter).
      const found = await Promise.all(
        secretariatPoints.map((pointCode) => fetchAllReports(consortiumId, { periodId, pointCode })),
      );
      return found.flat().filter((r) => r.organizationId === null);
    },
    enabled: Boolean(period) && framework.isSuccess,
  });

  const byPoint = new Map((reports.data ?? []).map((r) => [r.pointCode, r]));
  const codes = new Set([
    ...(expected.data ?? []).filter((e) => e.organizationId === reporter).map((e) => e.pointCode),
    ...byPoint.keys(),
  ]);
  const tree = pruneTree(nodes, codes);
  const counts = new Map<string, number>();
  for (const r of reports.data ?? []) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const error = framework.error ?? targets.error ?? expected.error ?? reports.error;
  const ready = framework.isSuccess && targets.isSuccess && expected.isSuccess && reports.isSuccess;

  const render = (node: FrameworkNode, depth: number): ReactNode => {
    if (node.point) {
      return (
        <PointEntry
          key={`${periodId}-${reporter ?? 'secretariat'}-${node.code}`}
          node={node}
          target={targets.data?.[node.code]}
          report={byPoint.get(node.code)}
          periodId={periodId}
          organizationId={member ? undefined : (onBehalfOf ?? undefined)}
        />
      );
    }
    return (
      <Fragment key={node.code}>
        {depth > 1 ? (
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {node.code} {node.name[locale]}
          </Typography.Title>
        ) : null}
        {(node.children ?? []).map((child) => render(child, depth + 1))}
      </Fragment>
    );
  };

  if (loading) return <PageLoading />;
  return (
    <div data-testid="indicator-reporting-page">
      <PageHeader
        title={t('nav.indicatorReports')}
        extra={<PeriodSelect periods={periods} period={period} onChange={choose} />}
      />
      {!period ? <Empty description={t('ind.noPeriods')} /> : null}
      {period && period.status !== 'open' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('ind.locked', { reason: label('IndicatorReportLockReason', 'period_closed') })}
          data-testid="period-locked"
        />
      ) : null}
      {period && !member ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            <Typography.Text>{t('ind.reportFor')}</Typography.Text>
            <div style={{ minWidth: 240 }}>
              <OrganizationSelect
                allowClear
                value={onBehalfOf}
                onChange={setOnBehalfOf}
                testId="report-for-organization"
              />
            </div>
            <Typography.Text type="secondary">{t('ind.reportForHint')}</Typography.Text>
          </Space>
        </Card>
      ) : null}
      {error ? <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} /> : null}
      {period && ready ? (
        <>
          <Space wrap style={{ marginBottom: 16 }} data-testid="reporting-summary">
            <Typography.Text>{t('ind.pointsToReport', { n: pointsOf(tree).length })}</Typography.Text>
            {[...counts].map(([status, n]) => (
              <Tag key={status} color={REPORT_STATUS_COLORS[status as Report['status']]}>
                {label('IndicatorReportStatus', status)} {n}
              </Tag>
            ))}
          </Space>
          {tree.length === 0 ? <Empty description={t('ind.nothingToReport')} /> : null}
          {tree.map((dimension) => (
            <Card
              key={dimension.code}
              title={`${dimension.code} ${dimension.name[locale]}`}
              style={{ marginBottom: 16 }}
              styles={{ body: { padding: 12 } }}
              data-testid={`dimension-${dimension.code}`}
            >
              {render(dimension, 1)}
            </Card>
          ))}
        </>
      ) : period && !error ? (
        <PageLoading />
      ) : null}
    </div>
  );
}
