import { Injectable } from '@nestjs/common';
import { Clock, queryRow, queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { StatusCountDto, TalentStatsDto } from '../dto/talent-stats.dto';
import { PostingStatus } from '../entities/talent-enums';
import { viewerOf } from './posting-access';
import { visibleSql } from './posting-lifecycle.service';

/** Counts for dashboards, over the postings the caller can see. */
@Injectable()
export class TalentStatsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  stats(ctx: RequestContext): Promise<TalentStatsDto> {
    const viewer = viewerOf(ctx);
    // Non-moderators see drafts of their own organization only.
    const visible = visibleSql(viewer, '', '$2::uuid') ?? 'true';
    const params = viewer.moderator ? [ctx.consortiumId] : [ctx.consortiumId, viewer.organizationId ?? null];
    const byStatus = (table: string) => `
      SELECT status, count(*)::int AS postings, COALESCE(sum(headcount), 0)::int AS headcount
        FROM ${table} WHERE consortium_id = $1 AND ${visible} GROUP BY status`;
    return this.tx.run(ctx, async (m) => {
      const demand = await queryRows<StatusCountDto>(m, byStatus('talent_demand_postings'), params);
      const supply = await queryRows<StatusCountDto>(m, byStatus('talent_supply_postings'), params);
      const today = this.clock.chinaToday();
      const open = await queryRow<{ demand: number; supply: number; enterprises: number }>(
        m,
        `SELECT
           (SELECT COALESCE(sum(headcount), 0)::int FROM talent_demand_postings
             WHERE consortium_id = $1 AND status = 'published' AND (valid_until IS NULL OR valid_until >= $2)) AS demand,
           (SELECT COALESCE(sum(headcount), 0)::int FROM talent_supply_postings
             WHERE consortium_id = $1 AND status = 'published' AND (valid_until IS NULL OR valid_until >= $2)) AS supply,
           (SELECT count(DISTINCT organization_id)::int FROM talent_demand_postings
             WHERE consortium_id = $1 AND status = 'published' AND (valid_until IS NULL OR valid_until >= $2)) AS enterprises`,
        [ctx.consortiumId, today],
      );
      return {
        demand: complete(demand),
        supply: complete(supply),
        openDemandHeadcount: open?.demand ?? 0,
        openSupplyHeadcount: open?.supply ?? 0,
        enterprisesWithOpenDemand: open?.enterprises ?? 0,
      };
    });
  }
}

/** One entry per status, zeros included, in lifecycle order. */
function complete(rows: StatusCountDto[]): StatusCountDto[] {
  return Object.values(PostingStatus).map(
    (status) => rows.find((r) => r.status === status) ?? { status, postings: 0, headcount: 0 },
  );
}
