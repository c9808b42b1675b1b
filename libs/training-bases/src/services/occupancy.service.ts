import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  addDays,
  chinaDateOf,
  chinaStartOfDay,
  Clock,
  daysBetween,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { freeWindows, Occupancy, peakLoad } from '../domain/occupancy';
import { closureOn, HOUR_MS, MINUTE_MS, openIntervals } from '../domain/opening-hours';
import { round2 } from '../domain/booking-rules';
import { monthBounds, overlapHours } from '../domain/utilisation';
import { AvailabilityDto, AvailabilityQueryDto, CalendarDto, FreeWindowDto } from '../dto/booking.dto';
import {
  BookingPurpose,
  BookingStatus,
  LIVE_BOOKING_STATUSES,
  TrainingBaseStatus,
} from '../entities/training-base-enums';
import { TrainingBase } from '../entities/training-base.entity';
import { TrainingBaseClosure } from '../entities/training-base-parts.entity';
import { TrainingBasesErrorCode, TrainingBasesException } from '../exceptions/training-bases.exception';
import { TrainingBasesService } from './training-bases.service';

/** Longest stretch one availability search covers. */
export const MAX_SEARCH_DAYS = 62;

interface OccupancyRow {
  baseId: string;
  start: Date;
  until: Date;
  workstations: number;
}

interface CalendarRow {
  id: string;
  organizationId: string;
  startsAt: Date;
  endsAt: Date;
  occupiedUntil: Date;
  workstations: number;
  status: BookingStatus;
  purpose: BookingPurpose;
}

function queryError(field: string, problem: string): TrainingBasesException {
  return new TrainingBasesException(TrainingBasesErrorCode.InvalidQuery, problem, {
    field,
    fields: [{ field, problems: [problem] }],
  });
}

function clock(time: Date): string {
  return new Date(time.getTime() + 8 * HOUR_MS).toISOString().slice(11, 16);
}

/** Free windows across bases and one base's occupancy by day. */
@Injectable()
export class OccupancyService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly bases: TrainingBasesService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Every window, across the active bases (of a function), where `workstations` fit for
   * `duration` minutes: within opening hours, minus closures, buffers and live bookings,
   * from the lead time on and up to each base's horizon; sorted by start.
   */
  availability(ctx: RequestContext, query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    if (query.from < '1970-01-01' || query.from > '8999-12-31')
      throw queryError('from', 'from must fall between 1970 and 8999');
    if (query.to > '8999-12-31') throw queryError('to', 'to must fall before 9000');
    if (query.to < query.from) throw queryError('to', 'to must be on or after from');
    if (daysBetween(query.from, query.to) >= MAX_SEARCH_DAYS) {
      throw queryError('to', `a search covers at most ${MAX_SEARCH_DAYS} days`);
    }
    return this.tx.run(ctx, async (m) => {
      const qb = m
        .createQueryBuilder(TrainingBase, 'b')
        .where('b.consortium_id = :cid AND b.status = :active', {
          cid: ctx.consortiumId,
          active: TrainingBaseStatus.Active,
        })
        .andWhere('b.workstations >= :need', { need: query.workstations })
        .andWhere('b.min_duration_minutes <= :d AND b.max_duration_minutes >= :d', { d: query.duration });
      if (query.function) qb.andWhere(':fn = ANY(b.functions)', { fn: query.function });
      const bases = await qb.orderBy('b.name').addOrderBy('b.id').getMany();
      if (bases.length === 0) return { items: [] };
      const ids = bases.map((b) => b.id);
      const from = chinaStartOfDay(query.from);
      const to = chinaStartOfDay(addDays(query.to, 2));
      const [closures, occupancy] = await Promise.all([
        this.closures(m, ctx, ids, query.from, query.to),
        queryRows<OccupancyRow>(
          m,
          `SELECT base_id AS "baseId", starts_at AS start, occupied_until AS until, workstations
             FROM training_booking
            WHERE consortium_id = $1 AND base_id = ANY($2::uuid[]) AND status = ANY($3::text[])
              AND starts_at < $5 AND occupied_until > $4`,
          [ctx.consortiumId, ids, LIVE_BOOKING_STATUSES, from, to],
        ),
      ]);
      const now = this.clock.now();
      const today = chinaDateOf(now);
      const items: FreeWindowDto[] = [];
      for (const base of bases) {
        const held: Occupancy[] = occupancy
          .filter((o) => o.baseId === base.id)
          .map((o) => ({ start: new Date(o.start), until: new Date(o.until), workstations: o.workstations }));
        const notBefore = new Date(now.getTime() + base.leadTimeHours * HOUR_MS);
        const lastDay = addDays(today, base.horizonDays);
        const days = openIntervals(
          base.openingHours,
          closures.get(base.id) ?? [],
          query.from,
          query.to < lastDay ? query.to : lastDay,
        );
        for (const open of days) {
          for (const window of freeWindows(
            open,
            held,
            base.workstations,
            query.workstations,
            query.duration * MINUTE_MS,
            base.bufferMinutes * MINUTE_MS,
            notBefore,
          )) {
            items.push({
              baseId: base.id,
              baseName: base.name,
              date: open.date,
              startsAt: window.start.toISOString(),
              endsAt: window.end.toISOString(),
            });
          }
        }
      }
      items.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.baseName.localeCompare(b.baseName));
      return { items };
    });
  }

  /** One base's month, day by day: opening hours or closure, bookings, booked and available workstation-hours, peak. */
  calendar(ctx: RequestContext, baseId: string, month: string): Promise<CalendarDto> {
    return this.tx.run(ctx, async (m) => {
      const base = await this.bases.find(m, ctx, baseId);
      const { from, to, firstDay, lastDay } = monthBounds(month);
      const closures = (await this.closures(m, ctx, [baseId], firstDay, lastDay)).get(baseId) ?? [];
      const rows = await queryRows<CalendarRow>(
        m,
        `SELECT id, organization_id AS "organizationId", starts_at AS "startsAt", ends_at AS "endsAt",
                occupied_until AS "occupiedUntil", workstations, status, purpose
           FROM training_booking
          WHERE consortium_id = $1 AND base_id = $2 AND starts_at < $4 AND ends_at > $3
            AND status NOT IN ('rejected', 'cancelled')
          ORDER BY starts_at, id`,
        [ctx.consortiumId, baseId, from, to],
      );
      const names = await this.organizationNames(
        ctx,
        rows.map((r) => r.organizationId),
      );
      const held = rows
        .filter((r) => LIVE_BOOKING_STATUSES.includes(r.status) || r.status === BookingStatus.Completed)
        .map((r) => ({ start: new Date(r.startsAt), until: new Date(r.occupiedUntil), workstations: r.workstations }));
      const days: CalendarDto['days'] = [];
      for (let date = firstDay; date <= lastDay; date = addDays(date, 1)) {
        const dayStart = chinaStartOfDay(date);
        const dayEnd = chinaStartOfDay(addDays(date, 1));
        const closure = closureOn(closures, date);
        const open = openIntervals(base.openingHours, closures, date, date);
        const today = rows.filter((r) => new Date(r.startsAt) < dayEnd && new Date(r.endsAt) > dayStart);
        days.push({
          date,
          open: open.length > 0,
          closureReason: closure ? closure.reason || '' : null,
          openingHours: open.map(
            (o) => `${clock(o.start)}–${o.end.getTime() === dayEnd.getTime() ? '24:00' : clock(o.end)}`,
          ),
          availableHours: round2(
            open.reduce((sum, o) => sum + overlapHours(o.start, o.end, dayStart, dayEnd), 0) * base.workstations,
          ),
          bookedHours: round2(
            today
              .filter((r) => r.status !== BookingStatus.NoShow)
              .reduce(
                (sum, r) =>
                  sum + overlapHours(new Date(r.startsAt), new Date(r.endsAt), dayStart, dayEnd) * r.workstations,
                0,
              ),
          ),
          peakWorkstations: peakLoad(held, dayStart, dayEnd),
          bookings: today.map((r) => ({
            id: r.id,
            organizationId: r.organizationId,
            organizationName: names.get(r.organizationId) ?? '',
            startsAt: new Date(r.startsAt).toISOString(),
            endsAt: new Date(r.endsAt).toISOString(),
            workstations: r.workstations,
            status: r.status,
            purpose: r.purpose,
          })),
        });
      }
      return { baseId, month, workstations: base.workstations, days };
    });
  }

  async closures(
    m: EntityManager,
    ctx: RequestContext,
    baseIds: string[],
    fromDate: string,
    toDate: string,
  ): Promise<Map<string, TrainingBaseClosure[]>> {
    const rows = await m
      .createQueryBuilder(TrainingBaseClosure, 'c')
      .where('c.consortium_id = :cid AND c.base_id = ANY(:ids)', { cid: ctx.consortiumId, ids: baseIds })
      .andWhere('c.starts_on <= :to AND c.ends_on >= :from', { from: fromDate, to: toDate })
      .getMany();
    const result = new Map<string, TrainingBaseClosure[]>();
    for (const row of rows) result.set(row.baseId, [...(result.get(row.baseId) ?? []), row]);
    return result;
  }

  async organizationNames(ctx: RequestContext, ids: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const id of new Set(ids)) result.set(id, (await this.organizations.get(ctx, id)).name);
    return result;
  }
}
