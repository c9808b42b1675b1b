import { Injectable } from '@nestjs/common';
import {
  IndicatorSource,
  IndicatorSourcePeriod,
  IndicatorSourceValue,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType } from '@chanjiao/consortia';
import { fromUnits, toUnits } from '../domain/progress';

interface SessionRow {
  id: string;
  heldOn: string;
  title: string;
  participantCount: number;
  fundsReceived: string;
  organizationIds: string[];
}

/**
 * What the indicators' auto points read from this context (`auto:training_plans.*`):
 * participant-times (人次), funds received (in 万元, the points' unit) and the member
 * enterprises served, over the sessions held in the period (any plan). Each value
 * comes with the sessions (or enterprises) it was computed from.
 */
@Injectable()
export class TrainingPlansIndicatorSources {
  constructor(
    private readonly tx: TransactionService,
    private readonly organizations: OrganizationsService,
  ) {}

  @IndicatorSource('training_plans.participant_times')
  async participantTimes(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    const sessions = await this.sessions(ctx, period);
    return {
      value: sessions.reduce((sum, s) => sum + s.participantCount, 0),
      trace: sessions.map((s) => ({
        entityType: 'training_delivery',
        entityId: s.id,
        label: `${s.heldOn} ${s.title}（${s.participantCount}人次）`,
      })),
    };
  }

  /** 万元 with up to six decimals (exactly the yuan received). */
  @IndicatorSource('training_plans.funds_received')
  async fundsReceived(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    const sessions = (await this.sessions(ctx, period)).filter((s) => toUnits(s.fundsReceived, 2) > 0);
    const fen = sessions.reduce((sum, s) => sum + toUnits(s.fundsReceived, 2), 0);
    return {
      value: Number(fromUnits(fen, 6)),
      trace: sessions.map((s) => ({
        entityType: 'training_delivery',
        entityId: s.id,
        label: `${s.heldOn} ${s.title}（到账 ${s.fundsReceived} 元）`,
      })),
    };
  }

  /** Member enterprises whose staff took part (named on a session or on a roster row). */
  @IndicatorSource('training_plans.enterprises_served')
  async enterprisesServed(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    const ids = [...new Set((await this.sessions(ctx, period)).flatMap((s) => s.organizationIds))];
    const enterprises = (await this.organizations.summaries(ctx, ids)).filter(
      (o) => o.type === OrganizationType.Enterprise,
    );
    return {
      value: enterprises.length,
      trace: enterprises.map((o) => ({ entityType: 'organization', entityId: o.id, label: o.name })),
    };
  }

  private sessions(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<SessionRow[]> {
    return this.tx.run(ctx, (m) =>
      queryRows<SessionRow>(
        m,
        `SELECT d.id, to_char(d.held_on, 'YYYY-MM-DD') AS "heldOn", d.participant_count AS "participantCount",
                d.funds_received::text AS "fundsReceived",
                coalesce((SELECT i.title FROM training_plan_item i
                           WHERE i.consortium_id = d.consortium_id AND i.plan_id = d.plan_id AND i.item_key = d.item_key
                           ORDER BY i.created_at DESC LIMIT 1), '') AS title,
                ARRAY(SELECT DISTINCT o FROM unnest(d.participant_organization_ids || ARRAY(
                        SELECT r.organization_id FROM training_roster_entry r
                         WHERE r.consortium_id = d.consortium_id AND r.delivery_id = d.id AND r.organization_id IS NOT NULL
                      )) AS o)::text[] AS "organizationIds"
           FROM training_delivery d
          WHERE d.consortium_id = $1 AND d.held_on BETWEEN $2::date AND $3::date
          ORDER BY d.held_on, d.id`,
        [ctx.consortiumId, period.startsOn, period.endsOn],
      ),
    );
  }
}
