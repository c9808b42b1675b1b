import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  chinaStartOfDay,
  Clock,
  CursorPage,
  CursorPageQueryDto,
  EnqueuedJob,
  findOneOrThrow,
  JobExecution,
  JobName,
  KeysetOrder,
  keysetPage,
  OutboxService,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { PointDefinition } from '../domain/framework-document';
import { computeTree, PointAggregate, PointValue, RollupResult } from '../domain/rollup';
import { Aggregation, AUTO_REPORTER_PREFIX, ValueType } from '../entities/indicator-enums';
import { IndicatorRollup, RollupSnapshot } from '../entities/indicator-rollup.entity';
import { IndicatorsErrorCode, IndicatorsException } from '../exceptions/indicators.exception';
import { IndicatorSourcesRegistry } from './indicator-sources.registry';
import { PeriodPoints, PeriodsService } from './periods.service';

const NEWEST_FIRST: KeysetOrder[] = [
  { expression: 'u.computed_at', direction: 'DESC' },
  { expression: 'u.id', direction: 'DESC' },
];

/** What the one SQL statement says about a point's reports: its approved reports' aggregates, expected and on-time counts. */
interface AggregateRow {
  pointCode: string;
  approved: number | null;
  sum: string | null;
  mean: string | null;
  min: string | null;
  max: string | null;
  countTrue: number | null;
  allTrue: boolean | null;
  anyTrue: boolean | null;
  latest: string | null;
  weighted: string | null;
  expected: number | null;
  onTime: number | null;
}

/**
 * One statement for any set of points, set-based at every step, so the work grows with the
 * reports and never with round trips: plain aggregates in one grouped scan; `latest` by one
 * index probe per latest point; weighted means by joining each point's reports to its weight
 * point's reports of the same organization (an equality join; the secretariat's own, with no
 * organization, paired apart); expected and on-time counts by joining the expected reporters
 * to their reports the same way. Parameters: consortium, period, reported points, weighted
 * points and their weight points, latest points, the end of the due day.
 */
const AGGREGATES_SQL = `
  WITH plain AS (
    SELECT point_code, count(*)::int AS approved,
           sum(value_number)::text AS sum, avg(value_number)::text AS mean,
           min(value_number)::text AS min, max(value_number)::text AS max,
           count(*) FILTER (WHERE value_boolean)::int AS "countTrue",
           bool_and(value_boolean) AS "allTrue", bool_or(value_boolean) AS "anyTrue"
      FROM indicator_report
     WHERE consortium_id = $1 AND period_id = $2 AND status = 'approved' AND point_code = ANY($3::text[])
     GROUP BY point_code
  ), latest AS (
    SELECT lp.code AS point_code, last.value AS latest
      FROM unnest($6::text[]) AS lp (code)
     CROSS JOIN LATERAL (
       SELECT coalesce(value_number::text, value_boolean::text, value_text) AS value
         FROM indicator_report
        WHERE consortium_id = $1 AND period_id = $2 AND status = 'approved' AND point_code = lp.code
          AND num_nonnulls(value_number, value_boolean, value_text) > 0
        ORDER BY approved_at DESC, id DESC
        LIMIT 1) last
  ), weights AS (
    SELECT map.point_code, pair.weighted
      FROM unnest($4::text[], $5::text[]) AS map (point_code, weight_by)
     CROSS JOIN LATERAL (
       SELECT (sum(p.value * p.weight) / nullif(sum(p.weight), 0))::text AS weighted
         FROM (SELECT a.value_number AS value, w.value_number AS weight
                 FROM indicator_report a
                 JOIN indicator_report w ON w.consortium_id = $1 AND w.period_id = $2 AND w.status = 'approved'
                                        AND w.point_code = map.weight_by AND w.value_number > 0
                                        AND w.organization_id = a.organization_id
                WHERE a.consortium_id = $1 AND a.period_id = $2 AND a.status = 'approved'
                  AND a.point_code = map.point_code AND a.value_number IS NOT NULL
               UNION ALL
               SELECT a.value_number, w.value_number
                 FROM indicator_report a
                 JOIN indicator_report w ON w.consortium_id = $1 AND w.period_id = $2 AND w.status = 'approved'
                                        AND w.point_code = map.weight_by AND w.value_number > 0
                                        AND w.organization_id IS NULL
                WHERE a.consortium_id = $1 AND a.period_id = $2 AND a.status = 'approved'
                  AND a.point_code = map.point_code AND a.value_number IS NOT NULL AND a.organization_id IS NULL) p
     ) pair
  ), counts AS (
    SELECT e.point_code, count(*)::int AS expected,
           count(*) FILTER (WHERE r.first_submitted_at < $7)::int AS "onTime"
      FROM indicator_expected_reporter e
      LEFT JOIN indicator_report r ON r.consortium_id = $1 AND r.period_id = $2 AND r.point_code = e.point_code
                                  AND r.organization_id = e.organization_id
     WHERE e.consortium_id = $1 AND e.period_id = $2 AND e.point_code = ANY($3::text[])
       AND e.organization_id IS NOT NULL
     GROUP BY e.point_code
    UNION ALL
    SELECT e.point_code, 1, (r.first_submitted_at < $7)::int
      FROM indicator_expected_reporter e
      LEFT JOIN indicator_report r ON r.consortium_id = $1 AND r.period_id = $2 AND r.point_code = e.point_code
                                  AND r.organization_id IS NULL
     WHERE e.consortium_id = $1 AND e.period_id = $2 AND e.point_code = ANY($3::text[])
       AND e.organization_id IS NULL
  )
  SELECT c.code AS "pointCode", p.approved, p.sum, p.mean, p.min, p.max, p."countTrue", p."allTrue", p."anyTrue",
         l.latest, w.weighted, n.expected, n."onTime"
    FROM unnest($3::text[]) AS c (code)
    LEFT JOIN plain p ON p.point_code = c.code
    LEFT JOIN latest l ON l.point_code = c.code
    LEFT JOIN weights w ON w.point_code = c.code
    LEFT JOIN (SELECT point_code, sum(expected)::int AS expected, sum("onTime")::int AS "onTime"
                 FROM counts GROUP BY point_code) n ON n.point_code = c.code`;

const rollupNotFound = (id: string) =>
  new IndicatorsException(IndicatorsErrorCode.RollupNotFound, `Roll-up ${id} not found`);

/**
 * The roll-up (汇总): approved reports aggregated per point in one set-based statement
 * (AGGREGATES_SQL: no per-report round trips), auto points read from their sources, the
 * tree computed in memory (domain/rollup.ts), and the whole result kept as a snapshot with
 * its inputs digest. An approval re-rolls only the points it touches (and those computed
 * from them) and the path above them, from the last snapshot. Roll-ups of one period run
 * one at a time (a transaction-level advisory lock), so an incremental roll-up always
 * starts from the snapshot the one before it stored.
 */
@Injectable()
export class RollupService {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly periods: PeriodsService,
    private readonly sources: IndicatorSourcesRegistry,
  ) {}

  /** A full roll-up of the period in the background (202 and a job). */
  request(ctx: RequestContext, periodId: string): Promise<EnqueuedJob> {
    return this.tx.run(ctx, async (m) => {
      await this.periods.get(ctx, periodId, m);
      return this.outbox.enqueue(ctx, JobName.IndicatorRollup, { consortiumId: ctx.consortiumId as string, periodId });
    });
  }

  /** The job's work: every point from scratch. */
  async runFull(
    ctx: RequestContext,
    periodId: string,
    execution?: Pick<JobExecution, 'reportProgress'>,
  ): Promise<IndicatorRollup> {
    return this.tx.run(ctx, async (m) => {
      const periodPoints = await this.periods.withPoints(ctx, periodId, m);
      await this.lockPeriod(m, periodId);
      return this.full(m, ctx, periodPoints, execution);
    });
  }

  /**
   * Re-rolls the given points (and those computed from them: weighted means weighed by
   * them, ratios of them) and their ancestors; every other node is the last snapshot's.
   * Only those points' reports are read. Without a snapshot yet, a full roll-up.
   */
  async runIncremental(ctx: RequestContext, periodId: string, pointCodes: string[]): Promise<IndicatorRollup> {
    return this.tx.run(ctx, async (m) => {
      const periodPoints = await this.periods.withPoints(ctx, periodId, m);
      await this.lockPeriod(m, periodId);
      const previous = await this.latestIn(m, ctx, periodId);
      if (!previous) return this.full(m, ctx, periodPoints);
      const changed = new Set(pointCodes.filter((code) => periodPoints.points.has(code)));
      const affected = dependents(periodPoints.points, changed);
      const targets = await this.periods.targetsOf(ctx, periodPoints, m);
      const fresh = await this.aggregates(m, ctx, periodPoints, [...affected]);
      const aggregates = new Map(Object.entries(previous.result.aggregates));
      for (const [code, aggregate] of fresh.aggregates) aggregates.set(code, aggregate);
      const elapsed = this.periods.elapsedShare(periodPoints.period);
      // The snapshot's other nodes hold only for the day and targets they were computed with;
      // otherwise every node is recomputed, still from the stored aggregates (no other report is read).
      const sameBasis =
        previous.result.elapsed === roundedElapsed(elapsed) && sameTargets(previous.result.targets, targets);
      const input = { document: periodPoints.document, targets, aggregates, elapsed };
      const result = sameBasis ? computeTree(input, previous.result, affected) : computeTree(input);
      return this.store(
        m,
        ctx,
        periodPoints,
        { result, aggregates, traces: { ...previous.result.traces, ...fresh.traces }, targets, elapsed },
        'incremental',
        pointCodes.join(','),
      );
    });
  }

  list(ctx: RequestContext, periodId: string, query: CursorPageQueryDto): Promise<CursorPage<IndicatorRollup>> {
    return this.tx.run(ctx, async (m) => {
      await this.periods.get(ctx, periodId, m);
      const qb = m
        .createQueryBuilder(IndicatorRollup, 'u')
        .where('u.consortium_id = :cid AND u.period_id = :pid', { cid: ctx.consortiumId, pid: periodId });
      return keysetPage(qb, NEWEST_FIRST, query);
    });
  }

  get(ctx: RequestContext, rollupId: string): Promise<IndicatorRollup> {
    return this.tx.run(ctx, (m) =>
      findOneOrThrow(m, IndicatorRollup, { id: rollupId, consortiumId: ctx.consortiumId }, () =>
        rollupNotFound(rollupId),
      ),
    );
  }

  /** The period's latest snapshot; 404 until a roll-up ran. */
  async latest(ctx: RequestContext, periodId: string): Promise<IndicatorRollup> {
    const found = await this.tx.run(ctx, async (m) => {
      await this.periods.get(ctx, periodId, m);
      return this.latestIn(m, ctx, periodId);
    });
    if (!found) {
      throw new IndicatorsException(
        IndicatorsErrorCode.RollupNotFound,
        `No roll-up of period ${periodId} yet: POST …/indicator-rollups {"periodId": "${periodId}"}`,
      );
    }
    return found;
  }

  private async latestIn(
    m: EntityManager,
    ctx: RequestContext,
    periodId: string,
  ): Promise<IndicatorRollup | undefined> {
    const found = await m.findOne(IndicatorRollup, {
      where: { consortiumId: ctx.consortiumId, periodId },
      order: { computedAt: 'DESC', id: 'DESC' },
    });
    return found ?? undefined;
  }

  /** Roll-ups of one period run one at a time (the lock holds until the transaction ends). */
  private async lockPeriod(m: EntityManager, periodId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 14))`, [`indicator_rollup:${periodId}`]);
  }

  /** Every point from scratch: the targets, one aggregates statement, the tree, the snapshot. */
  private async full(
    m: EntityManager,
    ctx: RequestContext,
    periodPoints: PeriodPoints,
    execution?: Pick<JobExecution, 'reportProgress'>,
  ): Promise<IndicatorRollup> {
    await execution?.reportProgress(10);
    const targets = await this.periods.targetsOf(ctx, periodPoints, m);
    const { aggregates, traces } = await this.aggregates(m, ctx, periodPoints, [...periodPoints.points.keys()]);
    await execution?.reportProgress(70);
    const elapsed = this.periods.elapsedShare(periodPoints.period);
    const result = computeTree({ document: periodPoints.document, targets, aggregates, elapsed });
    await execution?.reportProgress(90);
    return this.store(m, ctx, periodPoints, { result, aggregates, traces, targets, elapsed }, 'full', null);
  }

  /**
   * Aggregates of the given points: one pass over the approved reports (grouped by point,
   * weighted means joined to their weight point's reports), expected and on-time counts,
   * ratios from their parts, auto points from their sources.
   */
  private async aggregates(
    m: EntityManager,
    ctx: RequestContext,
    { period, points }: PeriodPoints,
    codes: string[],
  ): Promise<{ aggregates: Map<string, PointAggregate>; traces: RollupSnapshot['traces'] }> {
    const wanted = new Set(codes);
    // Ratios need their parts.
    for (const code of codes) {
      const point = points.get(code);
      if (point?.aggregation === Aggregation.Ratio) {
        if (point.numerator) wanted.add(point.numerator);
        if (point.denominator) wanted.add(point.denominator);
      }
    }
    const reported = [...wanted].filter((code) => !isComputed(points.get(code)));
    const weighted = reported.filter((code) => points.get(code)?.aggregation === Aggregation.WeightedMean);
    const latest = reported.filter((code) => points.get(code)?.aggregation === Aggregation.Latest);
    const dueEnd = chinaStartOfDay(addDays(period.dueOn, 1));
    const rows =
      reported.length === 0
        ? []
        : await queryRows<AggregateRow>(m, AGGREGATES_SQL, [
            ctx.consortiumId,
            period.id,
            reported,
            weighted,
            weighted.map((code) => points.get(code)?.weightBy ?? ''),
            latest,
            dueEnd,
          ]);
    const byCode = new Map(rows.map((row) => [row.pointCode, row]));
    const aggregates = new Map<string, PointAggregate>();
    const traces: RollupSnapshot['traces'] = {};
    for (const code of reported) {
      const point = points.get(code) as PointDefinition;
      const row = byCode.get(code);
      aggregates.set(code, {
        value: row?.approved ? aggregateValue(point, row) : null,
        approved: row?.approved ?? 0,
        expected: row?.expected ?? 0,
        onTime: row?.onTime ?? 0,
      });
    }
    for (const code of wanted) {
      const point = points.get(code) as PointDefinition;
      if (!point.reporter.startsWith(AUTO_REPORTER_PREFIX)) continue;
      const source = await this.sources.read(ctx, point.reporter.slice(AUTO_REPORTER_PREFIX.length), {
        startsOn: period.startsOn,
        endsOn: period.endsOn,
      });
      aggregates.set(code, { value: source.value, approved: 0, expected: 0, onTime: 0 });
      traces[code] = source.known
        ? source.trace
        : [{ entityType: 'source', entityId: point.reporter, label: 'No capability provides this source yet' }];
    }
    for (const code of wanted) {
      const point = points.get(code) as PointDefinition;
      if (point.aggregation !== Aggregation.Ratio) continue;
      const numerator = aggregates.get(point.numerator ?? '')?.value;
      const denominator = aggregates.get(point.denominator ?? '')?.value;
      const ratio =
        typeof numerator === 'number' && typeof denominator === 'number' && denominator !== 0
          ? (numerator / denominator) * (point.valueType === ValueType.Percent ? 100 : 1)
          : null;
      aggregates.set(code, { value: ratio, approved: 0, expected: 0, onTime: 0 });
    }
    return { aggregates, traces };
  }

  private async store(
    m: EntityManager,
    ctx: RequestContext,
    { period }: PeriodPoints,
    input: {
      result: RollupResult;
      aggregates: ReadonlyMap<string, PointAggregate>;
      traces: RollupSnapshot['traces'];
      targets: ReadonlyMap<string, number | boolean>;
      elapsed: number;
    },
    kind: 'full' | 'incremental',
    triggerPoint: string | null,
  ): Promise<IndicatorRollup> {
    const aggregates = Object.fromEntries([...input.aggregates].sort(([a], [b]) => a.localeCompare(b)));
    const targets = Object.fromEntries([...input.targets].sort(([a], [b]) => a.localeCompare(b)));
    const elapsed = roundedElapsed(input.elapsed);
    const inputsDigest = createHash('sha256')
      .update(JSON.stringify({ frameworkId: period.frameworkId, aggregates, targets, elapsed, traces: input.traces }))
      .digest('hex');
    const id = randomUUID();
    // Stored as JSON: what is handed back is what a later read gives (no read-back of the snapshot).
    const snapshot = JSON.parse(
      JSON.stringify({ ...input.result, aggregates, targets, traces: input.traces, elapsed }),
    ) as RollupSnapshot;
    const row = {
      id,
      consortiumId: ctx.consortiumId as string,
      periodId: period.id,
      kind,
      triggerPoint,
      inputsDigest,
      computedAt: this.clock.now(),
      result: snapshot,
    };
    const inserted = await m.insert(IndicatorRollup, row);
    const createdAt: unknown = inserted.generatedMaps[0]?.createdAt;
    return m.create(IndicatorRollup, { ...row, createdAt: createdAt instanceof Date ? createdAt : row.computedAt });
  }
}

/** The share of the period elapsed as a snapshot keeps it (4 decimals). */
function roundedElapsed(elapsed: number): number {
  return Math.round(elapsed * 10_000) / 10_000;
}

function sameTargets(
  stored: Record<string, number | boolean>,
  current: ReadonlyMap<string, number | boolean>,
): boolean {
  const codes = Object.keys(stored);
  return codes.length === current.size && codes.every((code) => current.get(code) === stored[code]);
}

/** A point's value from its aggregate row, by its aggregation (docs/indicators.md). */
function aggregateValue(point: PointDefinition, row: AggregateRow): PointValue {
  const number = (text: string | null) => (text === null ? null : Number(text));
  switch (point.aggregation) {
    case Aggregation.Sum:
      return number(row.sum);
    case Aggregation.Mean:
      return number(row.mean);
    case Aggregation.Min:
      return number(row.min);
    case Aggregation.Max:
      return number(row.max);
    case Aggregation.WeightedMean:
      return number(row.weighted);
    case Aggregation.CountTrue:
      return row.countTrue;
    case Aggregation.AllTrue:
      return row.allTrue;
    case Aggregation.AnyTrue:
      return row.anyTrue;
    case Aggregation.Latest:
      if (row.latest === null) return null;
      if (point.valueType === ValueType.Boolean) return row.latest === 'true';
      if (point.valueType === ValueType.Text) return row.latest;
      return Number(row.latest);
    case Aggregation.Ratio:
      return null;
  }
}

function isComputed(point: PointDefinition | undefined): boolean {
  return !point || point.aggregation === Aggregation.Ratio || point.reporter.startsWith(AUTO_REPORTER_PREFIX);
}

/** The points whose value depends on any of `codes` (weighted means by them, ratios of them), and `codes`. */
export function dependents(points: ReadonlyMap<string, PointDefinition>, codes: ReadonlySet<string>): Set<string> {
  const out = new Set(codes);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [code, point] of points) {
      if (out.has(code)) continue;
      const refs = [point.weightBy, point.numerator, point.denominator].filter(Boolean) as string[];
      if (refs.some((ref) => out.has(ref))) {
        out.add(code);
        grew = true;
      }
    }
  }
  return out;
}
