import { Injectable } from '@nestjs/common';
import { queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { FrameworkNode, PointDefinition } from '../domain/framework-document';
import { NodeResult } from '../domain/rollup';
import { IndicatorRollup } from '../entities/indicator-rollup.entity';
import { IndicatorsErrorCode, IndicatorsException } from '../exceptions/indicators.exception';
import { PeriodsService } from './periods.service';
import { RollupService } from './rollup.service';

export interface ScoreNode extends NodeResult {
  name: { 'zh-CN': string; en: string };
  weight: number;
  unit: string | null;
  veto: boolean;
  reporter: string | null;
  completeness: number | null;
  timeliness: number | null;
  children: ScoreNode[];
}

export interface ScoreTree {
  periodId: string;
  rollupId: string;
  computedAt: string;
  inputsDigest: string;
  elapsed: number;
  overall: IndicatorRollup['result']['overall'];
  nodes: ScoreNode[];
}

export interface PointDrillDown {
  periodId: string;
  rollupId: string;
  point: { code: string; name: { 'zh-CN': string; en: string }; definition: PointDefinition };
  result: NodeResult;
  /** Approved reports behind the value, each with its evidence. */
  reports: Array<{
    reportId: string;
    organizationId: string | null;
    organizationName: string | null;
    value: number | boolean | string | null;
    approvedAt: string | null;
    evidence: Array<{ id: string; fileName: string; sha256: string }>;
  }>;
  /** Auto points: the rows of the capability the value was computed from. */
  sourceRows: Array<{ entityType: string; entityId: string; label: string }>;
  /** Ratio and weighted-mean points: the points their value is computed from. */
  parts: Array<{ code: string; value: unknown }>;
}

/** The score tree of a period (the latest roll-up laid on the framework) and the drill-down behind any point. */
@Injectable()
export class ScoresService {
  constructor(
    private readonly tx: TransactionService,
    private readonly periods: PeriodsService,
    private readonly rollups: RollupService,
  ) {}

  async tree(ctx: RequestContext, periodId: string): Promise<ScoreTree> {
    const [{ document }, rollup] = [
      await this.periods.withPoints(ctx, periodId),
      await this.rollups.latest(ctx, periodId),
    ];
    return { ...header(rollup, periodId), nodes: document.nodes.map((node) => scoreNode(node, rollup)) };
  }

  async point(ctx: RequestContext, periodId: string, pointCode: string): Promise<PointDrillDown> {
    const { document, points } = await this.periods.withPoints(ctx, periodId);
    const definition = points.get(pointCode);
    if (!definition) {
      throw new IndicatorsException(
        IndicatorsErrorCode.UnknownPoint,
        `${pointCode} is not an observation point of the period's framework`,
        {
          field: 'pointCode',
        },
      );
    }
    const rollup = await this.rollups.latest(ctx, periodId);
    const node = findNode(document.nodes, pointCode) as FrameworkNode;
    const reports = await this.tx.run(ctx, (m) =>
      queryRows<
        PointDrillDown['reports'][number] & { number: string | null; boolean: boolean | null; text: string | null }
      >(
        m,
        `SELECT r.id AS "reportId", r.organization_id AS "organizationId", o.name AS "organizationName",
                r.value_number AS number, r.value_boolean AS boolean, r.value_text AS text,
                to_char(r.approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "approvedAt",
                coalesce((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'fileName', e.file_name, 'sha256', e.sha256)
                                           ORDER BY e.created_at)
                            FROM indicator_evidence e WHERE e.consortium_id = r.consortium_id AND e.report_id = r.id),
                         '[]'::jsonb) AS evidence
           FROM indicator_report r LEFT JOIN organization o ON o.id = r.organization_id
          WHERE r.consortium_id = $1 AND r.period_id = $2 AND r.point_code = $3 AND r.status = 'approved'
          ORDER BY o.name NULLS FIRST, r.id`,
        [ctx.consortiumId, periodId, pointCode],
      ),
    );
    const parts = [definition.weightBy, definition.numerator, definition.denominator]
      .filter((code): code is string => Boolean(code))
      .map((code) => ({ code, value: rollup.result.aggregates[code]?.value ?? null }));
    return {
      periodId,
      rollupId: rollup.id,
      point: { code: pointCode, name: node.name, definition },
      result: rollup.result.nodes[pointCode],
      reports: reports.map(({ number, boolean, text, ...report }) => ({
        ...report,
        value: number !== null ? Number(number) : (boolean ?? text ?? null),
      })),
      sourceRows: rollup.result.traces[pointCode] ?? [],
      parts,
    };
  }
}

function header(rollup: IndicatorRollup, periodId: string) {
  return {
    periodId,
    rollupId: rollup.id,
    computedAt: rollup.computedAt.toISOString(),
    inputsDigest: rollup.inputsDigest,
    elapsed: rollup.result.elapsed,
    overall: rollup.result.overall,
  };
}

function scoreNode(node: FrameworkNode, rollup: IndicatorRollup): ScoreNode {
  const result = rollup.result.nodes[node.code];
  return {
    ...result,
    name: node.name,
    weight: node.weight ?? 1,
    unit: node.point?.unit ?? null,
    veto: node.point?.veto === true,
    reporter: node.point?.reporter ?? null,
    completeness: result && result.expected > 0 ? result.approved / result.expected : null,
    timeliness: result && result.expected > 0 ? result.onTime / result.expected : null,
    children: (node.children ?? []).map((child) => scoreNode(child, rollup)),
  };
}

function findNode(nodes: FrameworkNode[], code: string): FrameworkNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const found = findNode(node.children ?? [], code);
    if (found) return found;
  }
  return undefined;
}
