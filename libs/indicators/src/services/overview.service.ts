import { Injectable } from '@nestjs/common';
import { queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { NodeResult } from '../domain/rollup';
import { OverviewDto, OverviewItemDto, OverviewQueryDto } from '../dto/overview.dto';
import { IndicatorRollup } from '../entities/indicator-rollup.entity';

interface OverviewRow {
  consortiumId: string;
  consortiumName: string;
  periodId: string;
  periodName: string;
  periodStatus: string;
  frameworkCode: string;
  frameworkVersion: number;
  rollupId: string | null;
  computedAt: string | null;
  overall: IndicatorRollup['result']['overall'] | null;
  nodes: Record<string, NodeResult> | null;
  dimensions: Array<{ code: string; name: string }>;
}

/** `D4.1:2,D5.1` → [{ D4.1, 2 }, { D5.1, 1 }]. */
export function parseWeights(points: string | undefined): Array<{ code: string; weight: number }> {
  if (!points) return [];
  return points.split(',').map((part) => {
    const [code, weight] = part.split(':');
    return { code, weight: weight === undefined ? 1 : Number(weight) };
  });
}

/** Σ weight × min(completion, 1) × 100 / Σ weight over the chosen points; a point without completion counts 0. */
export function compositeIndex(
  nodes: Record<string, NodeResult>,
  weights: Array<{ code: string; weight: number }>,
): number | null {
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  if (total <= 0) return null;
  const sum = weights.reduce((acc, w) => acc + w.weight * Math.min(nodes[w.code]?.completion ?? 0, 1) * 100, 0);
  return sum / total;
}

/**
 * The platform's overview across consortia (全省联合体建设监测): each consortium's latest period
 * (of a framework version and period name, when given) with its latest roll-up — score,
 * a composite index over chosen points, veto failures, completeness, statuses per point
 * and first-level scores — ranked. Platform admins only, on the audited cross-consortium
 * path (row-level security still decides what is read).
 */
@Injectable()
export class OverviewService {
  constructor(private readonly tx: TransactionService) {}

  async overview(ctx: RequestContext, query: OverviewQueryDto): Promise<OverviewDto> {
    const weights = parseWeights(query.points);
    const rows = await this.tx.runAcrossConsortia(ctx, 'indicator overview across consortia', (m) =>
      queryRows<OverviewRow>(
        m,
        `WITH latest AS (
           SELECT DISTINCT ON (p.consortium_id) p.id, p.consortium_id, p.name, p.status, p.framework_id
             FROM indicator_period p
            WHERE ($1::uuid IS NULL OR p.framework_id = $1) AND ($2::text IS NULL OR p.name = $2)
            ORDER BY p.consortium_id, p.starts_on DESC, p.created_at DESC, p.id DESC)
         SELECT c.id AS "consortiumId", c.name AS "consortiumName", l.id AS "periodId", l.name AS "periodName",
                l.status AS "periodStatus", f.code AS "frameworkCode", f.version AS "frameworkVersion",
                r.id AS "rollupId",
                to_char(r.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "computedAt",
                r.result -> 'overall' AS overall, r.result -> 'nodes' AS nodes,
                coalesce((SELECT jsonb_agg(jsonb_build_object('code', n.code, 'name', n.name_zh) ORDER BY n.position)
                            FROM indicator_node n WHERE n.framework_id = l.framework_id AND n.parent_code IS NULL), '[]'::jsonb)
                  AS dimensions
           FROM latest l
           JOIN consortium c ON c.id = l.consortium_id
           JOIN indicator_framework f ON f.id = l.framework_id
           LEFT JOIN LATERAL (
             SELECT u.id, u.computed_at, u.result FROM indicator_rollup u
              WHERE u.consortium_id = l.consortium_id AND u.period_id = l.id
              ORDER BY u.computed_at DESC, u.id DESC LIMIT 1) r ON true
          ORDER BY c.name, c.id`,
        [query.frameworkId ?? null, query.periodName ?? null],
      ),
    );
    const items: OverviewItemDto[] = rows.map((row) => {
      const nodes = row.nodes ?? {};
      const statusCounts: Record<string, number> = {};
      for (const node of Object.values(nodes)) {
        if (node.isPoint && node.status) statusCounts[node.status] = (statusCounts[node.status] ?? 0) + 1;
      }
      const score = row.overall?.score ?? null;
      return {
        rank: null,
        consortiumId: row.consortiumId,
        consortiumName: row.consortiumName,
        periodId: row.periodId,
        periodName: row.periodName,
        periodStatus: row.periodStatus,
        frameworkCode: row.frameworkCode,
        frameworkVersion: row.frameworkVersion,
        rollupId: row.rollupId,
        computedAt: row.computedAt,
        score,
        composite: row.rollupId ? (weights.length > 0 ? compositeIndex(nodes, weights) : score) : null,
        passed: row.overall ? row.overall.passed : null,
        vetoFailed: row.overall?.vetoFailed ?? [],
        completeness: row.overall?.completeness ?? null,
        timeliness: row.overall?.timeliness ?? null,
        statusCounts,
        dimensions: row.dimensions.map((d) => ({ ...d, score: nodes[d.code]?.score ?? null })),
      };
    });
    // Ranked by composite, highest first; a failed veto ranks after every passing consortium.
    const ranked = items
      .filter((item) => item.composite !== null)
      .sort((a, b) => Number(b.passed) - Number(a.passed) || (b.composite as number) - (a.composite as number));
    ranked.forEach((item, index) => {
      const previous = ranked[index - 1];
      item.rank =
        previous && previous.composite === item.composite && previous.passed === item.passed
          ? previous.rank
          : index + 1;
    });
    return { weights, items: [...ranked, ...items.filter((item) => item.composite === null)] };
  }
}
