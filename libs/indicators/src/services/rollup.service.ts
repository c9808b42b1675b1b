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

/** What one SQL pass says about a point's approved reports. */
interface AggregateRow {
  pointCode: string;
  approved: number;
  sum: string | null;
  mean: string | null;
  min: string | null;
  max: string | null;
  countTrue: number;
  allTrue: boolean | null;
  anyTrue: boolean | null;
  latest: string | null;
  weighted: string | null;
}

const rollupNotFound = (id: string) =>
  new IndicatorsException(IndicatorsErrorCode.RollupNotFound, `Roll-up ${id} not found`);

/**
 * The roll-up (汇总): approved reports aggregated per point in one set-based query, auto
 * points read from their sources, the tree computed in memory (domain/rollup.ts), and
 * the whole result kept as a snapshot with its inputs digest. An approval re-rolls only
 * the points it touches and the path above them, from the last snapshot.
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
      await execution?.reportProgress(10);
      const targets = await this.periods.targets(ctx, periodId, m);
      const { aggregates, traces } = await this.aggregates(m, ctx, periodPoints, [...periodPoints.points.keys()]);
      await execution?.reportProgress(70);
      const elapsed = this.periods.elapsedShare(periodPoints.period);
      const result = computeTree({ document: periodPoints.document, targets, aggregates, elapsed });
      await execution?.reportProgress(90);
      return this.store(m, ctx, periodPoints, { result, aggregates, traces, targets, elapsed }, 'full', null);
    });
  }

  /** Re-rolls the given points (and those computed from them) and their ancestors. */
  async runIncremental(ctx: RequestContext, periodId: string, pointCodes: string[]): Promise<IndicatorRollup> {
    const previous = await this.latestOrUndefined(ctx, periodId);
    if (!previous) return this.runFull(ctx, periodId);
    return this.tx.run(ctx, async (m) => {
      const periodPoints = await this.periods.withPoints(ctx, periodId, m);
      const affected = dependents(periodPoints.points, new Set(pointCodes));
      const targets = await this.periods.targets(ctx, periodId, m);
      const fresh = await this.aggregates(m, ctx, periodPoints, [...affected]);
      const aggregates = new Map(Object.entries(previous.result.aggregates));
      for (const [code, aggregate] of fresh.aggregates) aggregates.set(code, aggregate);
      const elapsed = this.periods.elapsedShare(periodPoints.period);
      const result = computeTree(
        { document: periodPoints.document, targets, aggregates, elapsed },
        previous.result,
        affected,
      );
      return this.store(
        m,
        ctx,
        periodPoints,
        { result, aggregates, traces: previous.result.traces, targets, elapsed },
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
    const found = await this.latestOrUndefined(ctx, periodId);
    if (!found) {
      throw new IndicatorsException(
        IndicatorsErrorCode.RollupNotFound,
        `No roll-up of period ${periodId} yet: POST …/indicator-rollups {"periodId": "${periodId}"}`,
      );
    }
    return found;
  }

  private latestOrUndefined(ctx: RequestContext, periodId: string): Promise<IndicatorRollup | undefined> {
    return this.tx.run(ctx, async (m) => {
      await this.periods.get(ctx, periodId, m);
      const found = await m.findOne(IndicatorRollup, {
        where: { consortiumId: ctx.consortiumId, periodId },
        order: { computedAt: 'DESC', id: 'DESC' },
      });
      return found ?? undefined;
    });
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
    const dueEnd = chinaStartOfDay(addDays(period.dueOn, 1));
    const rows = await queryRows<AggregateRow>(
      m,
      `WITH approved AS (
         SELECT point_code, organization_id, value_number, value_boolean, value_text, approved_at, id
           FROM indicator_report
          WHERE consortium_id = $1 AND period_id = $2 AND status = 'approved' AND point_code = ANY($3::text[])
       ), weights AS (
         SELECT map.point_code, sum(a.value_number * w.value_number) / nullif(sum(w.value_number), 0) AS weighted
           FROM unnest($4::text[], $5::text[]) AS map (point_code, weight_by)
           JOIN approved a ON a.point_code = map.point_code
           JOIN indicator_report w ON w.consortium_id = $1 AND w.period_id = $2 AND w.status = 'approved'
                                  AND w.point_code = map.weight_by AND w.organization_id IS NOT DISTINCT FROM a.organization_id
                                  AND w.value_number > 0
          GROUP BY map.point_code
       )
       SELECT a.point_code AS "pointCode", count(*)::int AS approved,
              sum(a.value_number)::text AS sum, avg(a.value_number)::text AS mean,
              min(a.value_number)::text AS min, max(a.value_number)::text AS max,
              count(*) FILTER (WHERE a.value_boolean)::int AS "countTrue",
              bool_and(a.value_boolean) AS "allTrue", bool_or(a.value_boolean) AS "anyTrue",
              (array_agg(coalesce(a.value_number::text, a.value_boolean::text, a.value_text)
                         ORDER BY a.approved_at DESC, a.id DESC))[1] AS latest,
              (SELECT weighted::text FROM weights WHERE weights.point_code = a.point_code) AS weighted
         FROM approved a GROUP BY a.point_code`,
      [ctx.consortiumId, period.id, reported, weighted, weighted.map((code) => points.get(code)?.weightBy ?? '')],
    );
    const counts = await queryRows<{ pointCode: string; expected: number; onTime: number }>(
      m,
      `SELECT e.point_code AS "pointCode", count(*)::int AS expected,
              count(r.id) FILTER (WHERE r.first_submitted_at < $4)::int AS "onTime"
         FROM indicator_expected_reporter e
         LEFT JOIN indicator_report r ON r.consortium_id = e.consortium_id AND r.period_id = e.period_id
                                     AND r.point_code = e.point_code AND r.organization_id IS NOT DISTINCT FROM e.organization_id
        WHERE e.consortium_id = $1 AND e.period_id = $2 AND e.point_code = ANY($3::text[])
        GROUP BY e.point_code`,
      [ctx.consortiumId, period.id, reported, dueEnd],
    );
    const byCode = new Map(rows.map((row) => [row.pointCode, row]));
    const countsByCode = new Map(counts.map((row) => [row.pointCode, row]));
    const aggregates = new Map<string, PointAggregate>();
    const traces: RollupSnapshot['traces'] = {};
    for (const code of reported) {
      const point = points.get(code) as PointDefinition;
      const row = byCode.get(code);
      aggregates.set(code, {
        value: row ? aggregateValue(point, row) : null,
        approved: row?.approved ?? 0,
        expected: countsByCode.get(code)?.expected ?? 0,
        onTime: countsByCode.get(code)?.onTime ?? 0,
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
    const elapsed = Math.round(input.elapsed * 10_000) / 10_000;
    const inputsDigest = createHash('sha256')
      .update(JSON.stringify({ frameworkId: period.frameworkId, aggregates, targets, elapsed, traces: input.traces }))
      .digest('hex');
    const id = randomUUID();
    const snapshot: RollupSnapshot = { ...input.result, aggregates, targets, traces: input.traces, elapsed };
    await m.insert(IndicatorRollup, {
      id,
      consortiumId: ctx.consortiumId,
      periodId: period.id,
      kind,
      triggerPoint,
      inputsDigest,
      computedAt: this.clock.now(),
      result: snapshot,
    });
    return findOneOrThrow(m, IndicatorRollup, { id, consortiumId: ctx.consortiumId }, () => rollupNotFound(id));
  }
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
