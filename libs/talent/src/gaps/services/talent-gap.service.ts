import { Injectable } from '@nestjs/common';
import { Clock, queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { ConsortiaService } from '@chanjiao/consortia';
import { DemandItem, gapTable, GapRow, GapThresholds, SupplyItem, UNCLASSIFIED } from '../domain/talent-gap';
import { adjustmentAdviceHtml, GapFileContext, gapWorkbook } from './talent-gap-files';

export interface NamedGapRow extends GapRow {
  name: string | null;
}

export interface TalentGapReport {
  year: number;
  thresholds: GapThresholds;
  byClass: NamedGapRow[];
  byOccupation: NamedGapRow[];
}

/**
 * Gap analysis for one year (docs/matching.md, "Talent gap analysis"). Demand: published
 * postings starting that year (without a start date: published that year), classified by
 * the programmes and classes they name, else by their best match; supply: that year's
 * expected graduates of active offerings.
 */
@Injectable()
export class TalentGapService {
  constructor(
    private readonly tx: TransactionService,
    private readonly consortia: ConsortiaService,
    private readonly clock: Clock,
  ) {}

  /** The gap table as xlsx (zh-CN headers, one sheet per programme class and per occupation). */
  async workbook(ctx: RequestContext, year: number, thresholds: GapThresholds): Promise<Buffer> {
    return gapWorkbook(await this.report(ctx, year, thresholds), await this.fileContext(ctx));
  }

  /** 专业动态调整建议: the printable advice (HTML). */
  async advice(ctx: RequestContext, year: number, thresholds: GapThresholds): Promise<string> {
    return adjustmentAdviceHtml(await this.report(ctx, year, thresholds), await this.fileContext(ctx));
  }

  private async fileContext(ctx: RequestContext): Promise<GapFileContext> {
    const consortium = await this.consortia.get(ctx, ctx.consortiumId as string);
    return { consortiumName: consortium.name, asOf: this.clock.chinaToday() };
  }

  report(ctx: RequestContext, year: number, thresholds: GapThresholds): Promise<TalentGapReport> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId;
      const postings = await queryRows<{ id: string; headcount: number; classes: string[]; occupations: string[] }>(
        m,
        `SELECT p.id, p.headcount,
                CASE WHEN cardinality(p.programme_codes) + cardinality(p.programme_class_codes) > 0
                     THEN ARRAY(SELECT DISTINCT left(c, 4) FROM unnest(p.programme_codes || p.programme_class_codes) c)
                     ELSE ARRAY(SELECT left(o.programme_code, 4) FROM demand_matches d
                                  JOIN programme_offerings o ON o.consortium_id = d.consortium_id AND o.id = d.offering_id
                                 WHERE d.consortium_id = p.consortium_id AND d.posting_id = p.id AND d.rank = 1) END AS classes,
                CASE WHEN p.occupation_code IS NOT NULL THEN ARRAY[p.occupation_code]
                     ELSE ARRAY(SELECT d.explanation #>> '{text,source,code}' FROM demand_matches d
                                 WHERE d.consortium_id = p.consortium_id AND d.posting_id = p.id AND d.rank = 1
                                   AND d.explanation #>> '{text,source,kind}' = 'occupation') END AS occupations
           FROM talent_demand_postings p
          WHERE p.consortium_id = $1 AND p.status = 'published'
            AND extract(year FROM coalesce(p.start_date, (p.published_at AT TIME ZONE 'Asia/Shanghai')::date)) = $2`,
        [cid, year],
      );
      const offerings = await queryRows<{
        id: string;
        status: string;
        graduates: number;
        classCode: string;
        occupations: string[];
      }>(
        m,
        `SELECT o.id, o.status, left(o.programme_code, 4) AS "classCode",
                coalesce((SELECT sum((g->>'count')::int) FROM jsonb_array_elements(o.expected_graduates) g
                           WHERE (g->>'year')::int = $2), 0)::int AS graduates,
                ARRAY(SELECT po.occupation_code FROM catalogue_programme_occupations po
                       WHERE po.edition = o.catalogue_edition AND po.programme_code = o.programme_code) AS occupations
           FROM programme_offerings o WHERE o.consortium_id = $1`,
        [cid, year],
      );
      const active = offerings.filter((o) => o.status === 'active');
      const occupationKey = (code: string) => code.replace(/(-00)+$/, '');
      const countBy = (keys: string[]) =>
        keys.reduce((map, k) => map.set(k, (map.get(k) ?? 0) + 1), new Map<string, number>());

      const classDemand: DemandItem[] = postings.map((p) => ({
        postingId: p.id,
        headcount: p.headcount,
        keys: p.classes,
      }));
      const classSupply: SupplyItem[] = active.map((o) => ({
        offeringId: o.id,
        graduates: o.graduates,
        keys: [o.classCode],
      }));
      const occDemand: DemandItem[] = postings.map((p) => ({
        postingId: p.id,
        headcount: p.headcount,
        keys: p.occupations.map(occupationKey),
      }));
      const occSupply: SupplyItem[] = active.map((o) => ({
        offeringId: o.id,
        graduates: o.graduates,
        keys: o.occupations.map(occupationKey),
      }));
      const byClass = gapTable(classDemand, classSupply, countBy(offerings.map((o) => o.classCode)), thresholds);
      const byOccupation = gapTable(
        occDemand,
        occSupply,
        countBy(offerings.flatMap((o) => o.occupations.map(occupationKey))),
        thresholds,
      );

      const classNames = new Map(
        (
          await queryRows<{ code: string; name: string }>(
            m,
            `SELECT DISTINCT ON (class_code) class_code AS code, class_name AS name FROM catalogue_programmes
              WHERE class_code = ANY($1::text[]) ORDER BY class_code, edition DESC`,
            [byClass.map((r) => r.key)],
          )
        ).map((r) => [r.code, r.name]),
      );
      const occupationNames = new Map(
        (
          await queryRows<{ code: string; name: string }>(
            m,
            `SELECT DISTINCT ON (code) regexp_replace(code, '(-00)+$', '') AS code, name FROM catalogue_occupations
              WHERE regexp_replace(code, '(-00)+$', '') = ANY($1::text[]) ORDER BY code, edition DESC`,
            [byOccupation.map((r) => r.key)],
          )
        ).map((r) => [r.code, r.name]),
      );
      const name =
        (names: Map<string, string>) =>
        (r: GapRow): NamedGapRow => ({ ...r, name: r.key === UNCLASSIFIED ? null : (names.get(r.key) ?? null) });
      return {
        year,
        thresholds,
        byClass: byClass.map(name(classNames)),
        byOccupation: byOccupation.map(name(occupationNames)),
      };
    });
  }
}
