import { Injectable } from '@nestjs/common';
import {
  IndicatorSource,
  IndicatorSourcePeriod,
  IndicatorSourceValue,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationType } from '../entities/organization-type';
import { CouncilService } from './council.service';

interface OrganizationRow {
  id: string;
  name: string;
}

/**
 * What the indicators' auto points read from this context (`auto:consortia.*`): member
 * counts by type, leading-industry enterprises, the council's multi-party make-up and
 * the meetings held in the period. Each value comes with the rows it was counted from.
 */
@Injectable()
export class ConsortiaIndicatorSources {
  constructor(
    private readonly tx: TransactionService,
    private readonly council: CouncilService,
  ) {}

  @IndicatorSource('consortia.member_enterprises')
  memberEnterprises(ctx: RequestContext): Promise<IndicatorSourceValue> {
    return this.activeMembers(ctx, [OrganizationType.Enterprise]);
  }

  @IndicatorSource('consortia.secondary_vocational_schools')
  secondaryVocational(ctx: RequestContext): Promise<IndicatorSourceValue> {
    return this.activeMembers(ctx, [OrganizationType.SecondaryVocational]);
  }

  /** 高职 including vocational bachelor universities (高职（含职业本科）). */
  @IndicatorSource('consortia.higher_vocational_schools')
  higherVocational(ctx: RequestContext): Promise<IndicatorSourceValue> {
    return this.activeMembers(ctx, [OrganizationType.HigherVocational, OrganizationType.VocationalBachelor]);
  }

  @IndicatorSource('consortia.general_bachelor_schools')
  generalBachelor(ctx: RequestContext): Promise<IndicatorSourceValue> {
    return this.activeMembers(ctx, [OrganizationType.GeneralBachelor]);
  }

  /** Active member enterprises whose industry code falls under one of the consortium's leading industries. */
  @IndicatorSource('consortia.leading_industry_enterprises')
  leadingIndustryEnterprises(ctx: RequestContext): Promise<IndicatorSourceValue> {
    return this.tx.run(ctx, async (m) => {
      const rows = await queryRows<OrganizationRow>(
        m,
        `SELECT o.id, o.name FROM organization o JOIN consortium c ON c.id = o.consortium_id
          WHERE o.consortium_id = $1 AND o.type = 'enterprise' AND o.membership_status = 'active'
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(c.leading_industries) AS industry
                         WHERE o.industry_code LIKE (industry ->> 'code') || '%')
          ORDER BY o.name, o.id`,
        [ctx.consortiumId],
      );
      return { value: rows.length, trace: rows.map(organizationTrace) };
    });
  }

  @IndicatorSource('consortia.council_multi_party')
  async councilMultiParty(ctx: RequestContext): Promise<IndicatorSourceValue> {
    const [overview, seats] = [await this.council.overview(ctx), await this.council.seats(ctx)];
    return {
      value: overview.multiPartyComplete,
      trace: seats
        .filter((seat) => seat.inOffice)
        .map((seat) => ({
          entityType: 'council_seat',
          entityId: seat.id,
          label: `${seat.personName}（${seat.organizationName}，${seat.category}）`,
        })),
    };
  }

  /** Meetings held (or with approved minutes) whose China-time date falls in the period. */
  @IndicatorSource('consortia.council_meetings_held')
  meetingsHeld(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    return this.tx.run(ctx, async (m) => {
      const rows = await queryRows<{ id: string; title: string; day: string }>(
        m,
        `SELECT id, title, to_char((scheduled_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day
           FROM council_meeting
          WHERE consortium_id = $1 AND status IN ('held', 'minutes_approved')
            AND (scheduled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2::date AND $3::date
          ORDER BY scheduled_at, id`,
        [ctx.consortiumId, period.startsOn, period.endsOn],
      );
      return {
        value: rows.length,
        trace: rows.map((row) => ({
          entityType: 'council_meeting',
          entityId: row.id,
          label: `${row.day} ${row.title}`,
        })),
      };
    });
  }

  private activeMembers(ctx: RequestContext, types: OrganizationType[]): Promise<IndicatorSourceValue> {
    return this.tx.run(ctx, async (m) => {
      const rows = await queryRows<OrganizationRow>(
        m,
        `SELECT id, name FROM organization
          WHERE consortium_id = $1 AND membership_status = 'active' AND type = ANY($2::text[]) ORDER BY name, id`,
        [ctx.consortiumId, types],
      );
      return { value: rows.length, trace: rows.map(organizationTrace) };
    });
  }
}

function organizationTrace(row: OrganizationRow) {
  return { entityType: 'organization', entityId: row.id, label: row.name };
}
