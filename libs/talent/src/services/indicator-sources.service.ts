import { Injectable } from '@nestjs/common';
import {
  addDays,
  chinaStartOfDay,
  IndicatorSource,
  IndicatorSourcePeriod,
  IndicatorSourceValue,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { BULLETIN_STATUSES } from './bulletin.service';

interface PostingRow {
  id: string;
  title: string;
  headcount: number;
}

/**
 * What the indicators' auto points read from this context (`auto:talent.*`): the
 * demand enterprises published in the period (企业发布需求人数), counted as the
 * bulletin counts it (published, filled or expired; not closed), with the postings behind it.
 */
@Injectable()
export class TalentIndicatorSources {
  constructor(private readonly tx: TransactionService) {}

  @IndicatorSource('talent.published_demand_headcount')
  async demandHeadcount(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    const rows = await this.published(ctx, period);
    return { value: rows.reduce((sum, r) => sum + r.headcount, 0), trace: rows.map(trace) };
  }

  @IndicatorSource('talent.published_demand_postings')
  async demandPostings(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    const rows = await this.published(ctx, period);
    return { value: rows.length, trace: rows.map(trace) };
  }

  private published(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<PostingRow[]> {
    return this.tx.run(ctx, (m) =>
      queryRows<PostingRow>(
        m,
        `SELECT id, title, headcount FROM talent_demand_postings
          WHERE consortium_id = $1 AND status = ANY($2::text[]) AND published_at >= $3 AND published_at < $4
          ORDER BY published_at, id`,
        [ctx.consortiumId, BULLETIN_STATUSES, chinaStartOfDay(period.startsOn), chinaStartOfDay(addDays(period.endsOn, 1))],
      ),
    );
  }
}

function trace(row: PostingRow) {
  return { entityType: 'talent_demand_posting', entityId: row.id, label: `${row.title}（${row.headcount}人）` };
}
