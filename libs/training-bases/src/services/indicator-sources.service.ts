import { Injectable } from '@nestjs/common';
import {
  chinaStartOfDay,
  addDays,
  IndicatorSource,
  IndicatorSourcePeriod,
  IndicatorSourceValue,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { UtilisationService } from './utilisation.service';

/**
 * What the indicators' auto points read from this context (`auto:training_bases.*`):
 * shared bases, their utilisation, completed bookings and the people they served in the
 * period. Each value comes with the rows it was counted from.
 */
@Injectable()
export class TrainingBasesIndicatorSources {
  constructor(
    private readonly tx: TransactionService,
    private readonly utilisation: UtilisationService,
  ) {}

  /** Bases open to the consortium (active, created by the period's end). */
  @IndicatorSource('training_bases.shared_bases')
  sharedBases(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    return this.tx.run(ctx, async (m) => {
      const rows = await queryRows<{ id: string; name: string }>(
        m,
        `SELECT id, name FROM training_base
          WHERE consortium_id = $1 AND status = 'active' AND created_at < $2 ORDER BY name, id`,
        [ctx.consortiumId, chinaStartOfDay(addDays(period.endsOn, 1))],
      );
      return {
        value: rows.length,
        trace: rows.map((r) => ({ entityType: 'training_base', entityId: r.id, label: r.name })),
      };
    });
  }

  /** Used / available workstation-hours of every base over the period's months, in percent. */
  @IndicatorSource('training_bases.utilisation')
  async utilisationPercent(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    const totals = await this.utilisation.totals(ctx, period.startsOn, period.endsOn);
    const byBase = new Map<string, { name: string; used: number; available: number }>();
    for (const b of totals.bases) {
      const entry = byBase.get(b.baseId) ?? { name: b.baseName, used: 0, available: 0 };
      entry.used += b.usedHours;
      entry.available += b.availableHours;
      byBase.set(b.baseId, entry);
    }
    return {
      value: totals.available > 0 ? Math.round((totals.used / totals.available) * 10_000) / 100 : null,
      trace: [...byBase.entries()].map(([id, b]) => ({
        entityType: 'training_base',
        entityId: id,
        label: `${b.name}：${Math.round(b.used * 100) / 100} / ${Math.round(b.available * 100) / 100} 工位时`,
      })),
    };
  }

  /** Completed bookings that started in the period. */
  @IndicatorSource('training_bases.bookings_completed')
  bookingsCompleted(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    return this.completed(ctx, period, 'count');
  }

  /** People served: expected participants of the completed bookings of the period (人次). */
  @IndicatorSource('training_bases.people_served')
  peopleServed(ctx: RequestContext, period: IndicatorSourcePeriod): Promise<IndicatorSourceValue> {
    return this.completed(ctx, period, 'participants');
  }

  private completed(
    ctx: RequestContext,
    period: IndicatorSourcePeriod,
    measure: 'count' | 'participants',
  ): Promise<IndicatorSourceValue> {
    return this.tx.run(ctx, async (m) => {
      const rows = await queryRows<{ id: string; label: string; participants: number }>(
        m,
        `SELECT k.id, b.name || ' ' || to_char(k.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS label,
                k.expected_participants AS participants
           FROM training_booking k JOIN training_base b ON b.consortium_id = k.consortium_id AND b.id = k.base_id
          WHERE k.consortium_id = $1 AND k.status = 'completed' AND k.starts_at >= $2 AND k.starts_at < $3
          ORDER BY k.starts_at, k.id`,
        [ctx.consortiumId, chinaStartOfDay(period.startsOn), chinaStartOfDay(addDays(period.endsOn, 1))],
      );
      return {
        value: measure === 'count' ? rows.length : rows.reduce((sum, r) => sum + r.participants, 0),
        trace: rows.map((r) => ({ entityType: 'training_booking', entityId: r.id, label: r.label })),
      };
    });
  }
}
