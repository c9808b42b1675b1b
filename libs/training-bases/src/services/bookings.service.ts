import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  AuditService,
  chinaDateOf,
  Clock,
  CursorPage,
  DomainException,
  findOneOrThrow,
  instantOf,
  keysetPage,
  OutboxService,
  JobName,
  queryRow,
  queryRows,
  RequestContext,
  sortOrder,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { bookingMove, CHECK_IN_OPENS_MINUTES } from '../domain/booking-lifecycle';
import {
  BaseRules,
  bookingRuleViolations,
  quotaMonth,
  RuleViolation,
  weeklyOccurrences,
  workstationHours,
} from '../domain/booking-rules';
import { MINUTE_MS } from '../domain/opening-hours';
import { AllBookingsQueryDto, BookingTransitionDto, CreateBookingDto } from '../dto/booking.dto';
import {
  BookingStatus,
  LIVE_BOOKING_STATUSES,
  QUOTA_BOOKING_STATUSES,
  TrainingBaseStatus,
} from '../entities/training-base-enums';
import { TrainingBase } from '../entities/training-base.entity';
import { TrainingBaseArea, TrainingBaseClosure } from '../entities/training-base-parts.entity';
import { TrainingBooking } from '../entities/training-booking.entity';
import {
  bookingConflict,
  bookingNotFound,
  bookingRuleViolated,
  OccurrenceClash,
  TrainingBasesErrorCode,
  TrainingBasesException,
} from '../exceptions/training-bases.exception';
import { assertMayManage, assertOwnOrganization, isSecretariat } from './access-rules';
import { TrainingBasesService } from './training-bases.service';

/** A weekly series covers a term: at most this many occurrences. */
export const MAX_OCCURRENCES = 60;

const SORT_COLUMNS = { startsAt: 'k.starts_at', createdAt: 'k.created_at' };

interface Occurrence {
  startsAt: Date;
  endsAt: Date;
  occupiedUntil: Date;
}

function fieldError(field: string, problem: string): TrainingBasesException {
  return new TrainingBasesException(TrainingBasesErrorCode.InvalidQuery, problem, {
    field,
    fields: [{ field, problems: [problem] }],
  });
}

export function baseRules(base: TrainingBase, closures: readonly TrainingBaseClosure[]): BaseRules {
  return {
    active: base.status === TrainingBaseStatus.Active,
    workstations: base.workstations,
    openingHours: base.openingHours,
    closures,
    minDurationMinutes: base.minDurationMinutes,
    maxDurationMinutes: base.maxDurationMinutes,
    leadTimeHours: base.leadTimeHours,
    horizonDays: base.horizonDays,
    allowedOrganizationTypes: base.allowedOrganizationTypes,
    monthlyQuotaHours: base.monthlyQuotaHours,
  };
}

/**
 * Bookings of workstations. The capacity rule is the database's (a trigger on
 * `training_booking` under a per-base row lock, see the migration); this service takes
 * the same lock first, so it can answer a clash with the ranges it clashes with, and
 * checks the booking rules and the quota under that lock.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly bases: TrainingBasesService,
    private readonly organizations: OrganizationsService,
  ) {}

  list(
    ctx: RequestContext,
    baseId: string | undefined,
    query: AllBookingsQueryDto,
  ): Promise<CursorPage<TrainingBooking>> {
    return this.tx.run(ctx, async (m) => {
      if (baseId) await this.bases.find(m, ctx, baseId);
      const qb = m.createQueryBuilder(TrainingBooking, 'k').where('k.consortium_id = :cid', { cid: ctx.consortiumId });
      const base = baseId ?? query.baseId;
      if (base) qb.andWhere('k.base_id = :base', { base });
      if (query.status) qb.andWhere('k.status = :status', { status: query.status });
      if (query.organizationId) qb.andWhere('k.organization_id = :org', { org: query.organizationId });
      if (query.seriesId) qb.andWhere('k.series_id = :series', { series: query.seriesId });
      if (query.from) qb.andWhere('k.ends_at > :from', { from: instantOf(query.from) });
      if (query.to) qb.andWhere('k.starts_at < :to', { to: instantOf(query.to) });
      return keysetPage(qb, sortOrder(query.sort ?? 'startsAt', SORT_COLUMNS, 'k.id'), query);
    });
  }

  get(ctx: RequestContext, baseId: string, bookingId: string): Promise<TrainingBooking> {
    return this.tx.run(ctx, (m) => this.find(m, ctx, baseId, bookingId));
  }

  private find(m: EntityManager, ctx: RequestContext, baseId: string, id: string, lock?: 'update') {
    return findOneOrThrow(
      m,
      TrainingBooking,
      { id, baseId, consortiumId: ctx.consortiumId },
      () => bookingNotFound(id),
      {
        lock,
      },
    );
  }

  /** One booking, or a weekly series accepted whole (or refused naming the clashing dates). */
  async create(
    ctx: RequestContext,
    baseId: string,
    dto: CreateBookingDto,
  ): Promise<{ seriesId: string | null; bookings: TrainingBooking[] }> {
    const organizationId = dto.organizationId ?? (isSecretariat(ctx) ? undefined : ctx.actor?.organizationId);
    if (!organizationId) throw fieldError('organizationId', 'organizationId: name the organization the booking is for');
    assertOwnOrganization(ctx, organizationId);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    for (const [field, value] of [
      ['startsAt', startsAt],
      ['endsAt', endsAt],
    ] as const) {
      if (value.getUTCFullYear() < 1970 || value.getUTCFullYear() > 8999) {
        throw fieldError(field, `${field} must fall between the years 1970 and 8999`);
      }
    }
    if (endsAt.getTime() <= startsAt.getTime()) throw fieldError('endsAt', 'endsAt must be after startsAt');
    let plan: Array<{ startsAt: Date; endsAt: Date }>;
    try {
      plan = dto.recurrence
        ? weeklyOccurrences(startsAt, endsAt, dto.recurrence.until, MAX_OCCURRENCES)
        : [{ startsAt, endsAt }];
    } catch (error) {
      if (error instanceof RangeError) throw fieldError('recurrence.until', `recurrence.until: ${error.message}`);
      throw error;
    }
    if (plan.length === 0) throw fieldError('recurrence.until', 'recurrence.until is before the first occurrence');

    return this.tx.run(ctx, async (m) => {
      // The per-base lock: bookings of this base are decided one at a time (the trigger takes it too).
      const base = await this.bases.find(m, ctx, baseId, 'update');
      const organization = await this.organization(ctx, organizationId);
      const closures = await m.find(TrainingBaseClosure, { where: { consortiumId: ctx.consortiumId, baseId } });
      let area: TrainingBaseArea | undefined;
      if (dto.areaId) {
        area =
          (await m.findOne(TrainingBaseArea, { where: { id: dto.areaId, baseId, consortiumId: ctx.consortiumId } })) ??
          undefined;
        if (!area) {
          throw new TrainingBasesException(
            TrainingBasesErrorCode.AreaNotFound,
            `areaId: no area ${dto.areaId} in this base`,
            {
              field: 'areaId',
              fields: [{ field: 'areaId', problems: ['areaId must be an area of this base'] }],
            },
          );
        }
      }
      const buffer = base.bufferMinutes * MINUTE_MS;
      const occurrences: Occurrence[] = plan.map((o) => ({
        ...o,
        occupiedUntil: new Date(o.endsAt.getTime() + buffer),
      }));

      // Rules and quota, every occurrence (the quota counts earlier occurrences of the series).
      const rules = baseRules(base, closures);
      const used = await this.quotaUsed(m, ctx, baseId, organizationId, occurrences);
      const now = this.clock.now();
      const violations: Array<RuleViolation & { date: string }> = [];
      for (const occurrence of occurrences) {
        const month = quotaMonth(occurrence.startsAt);
        const found = bookingRuleViolations(
          rules,
          {
            startsAt: occurrence.startsAt,
            endsAt: occurrence.endsAt,
            workstations: dto.workstations,
            areaWorkstations: area?.workstations,
            organizationType: organization.type,
          },
          now,
          used.get(month) ?? 0,
        );
        violations.push(...found.map((v) => ({ ...v, date: chinaDateOf(occurrence.startsAt) })));
        used.set(
          month,
          (used.get(month) ?? 0) + workstationHours(occurrence.startsAt, occurrence.endsAt, dto.workstations),
        );
      }
      if (violations.length > 0) throw bookingRuleViolated(violations);

      // Capacity, every occurrence, against what is held now (we hold the base's lock).
      const clashes: OccurrenceClash[] = [];
      for (const occurrence of occurrences) {
        const clash = await this.clash(m, ctx, base, area, occurrence, dto.workstations);
        if (clash) clashes.push(clash);
      }
      if (clashes.length > 0) throw bookingConflict(clashes);

      const seriesId = occurrences.length > 1 ? randomUUID() : null;
      const status = base.approvalRequired ? BookingStatus.Requested : BookingStatus.Approved;
      const rows = occurrences.map((occurrence) => ({
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        baseId,
        areaId: area?.id ?? null,
        organizationId,
        requesterUserId: ctx.actor?.userId ?? null,
        seriesId,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        occupiedUntil: occurrence.occupiedUntil,
        workstations: dto.workstations,
        purpose: dto.purpose,
        expectedParticipants: dto.expectedParticipants ?? 0,
        planItemId: dto.planItemId ?? null,
        note: dto.note ?? '',
        status,
        decidedBy: status === BookingStatus.Approved ? (ctx.actor?.userId ?? null) : null,
      }));
      await m.insert(TrainingBooking, rows);
      await this.audit.record(ctx, {
        action: 'training_bases.booking.created',
        entityType: seriesId ? 'training_booking_series' : 'training_booking',
        entityId: seriesId ?? rows[0].id,
        changes: {
          baseId,
          organizationId,
          status,
          workstations: dto.workstations,
          occurrences: rows.map((r) => ({
            id: r.id,
            startsAt: r.startsAt.toISOString(),
            endsAt: r.endsAt.toISOString(),
          })),
        },
      });
      const bookings = await m.find(TrainingBooking, {
        where: { consortiumId: ctx.consortiumId, id: In(rows.map((r) => r.id)) },
        order: { startsAt: 'ASC' },
      });
      if (status === BookingStatus.Approved) {
        for (const booking of bookings) await this.scheduleNoShowCheck(ctx, base, booking);
      }
      return { seriesId, bookings };
    });
  }

  /** Moves one booking (or, with `wholeSeries`, every occurrence of its series that can make the move). */
  async transition(
    ctx: RequestContext,
    baseId: string,
    bookingId: string,
    dto: BookingTransitionDto,
  ): Promise<TrainingBooking[]> {
    return this.tx.run(ctx, async (m) => {
      const base = await this.bases.find(m, ctx, baseId);
      const booking = await this.find(m, ctx, baseId, bookingId, 'update');
      const to = dto.to as unknown as BookingStatus;
      let targets = [booking];
      if (dto.wholeSeries && booking.seriesId) {
        const series = await m.find(TrainingBooking, {
          where: { consortiumId: ctx.consortiumId, seriesId: booking.seriesId },
          order: { startsAt: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        });
        targets = series.filter((b) => b.id === booking.id || bookingMove(b.status, to).ok);
      }
      const now = this.clock.now();
      const changed: TrainingBooking[] = [];
      for (const target of targets) {
        const move = bookingMove(target.status, to);
        if (!move.ok) {
          throw new TrainingBasesException(TrainingBasesErrorCode.InvalidTransition, move.reason, {
            field: 'to',
            from: target.status,
            to,
          });
        }
        if (move.by === 'host') assertMayManage(ctx, base.hostOrganizationId);
        else if (ctx.actor?.organizationId !== base.hostOrganizationId)
          assertOwnOrganization(ctx, target.organizationId);
        const patch: Partial<TrainingBooking> = { status: to };
        if (to === BookingStatus.Approved || to === BookingStatus.Rejected) {
          patch.decidedBy = ctx.actor?.userId ?? null;
          patch.decisionNote = dto.note ?? '';
        }
        if (to === BookingStatus.Cancelled && dto.note) patch.decisionNote = dto.note;
        if (to === BookingStatus.CheckedIn) {
          const opens = target.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * MINUTE_MS;
          if (now.getTime() < opens || now.getTime() > target.endsAt.getTime()) {
            throw new TrainingBasesException(
              TrainingBasesErrorCode.InvalidTransition,
              `check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the start and closes at the end of the booking`,
              { field: 'to', from: target.status, to },
            );
          }
          patch.checkedInAt = now;
        }
        if (to === BookingStatus.Completed) {
          patch.checkedOutAt = new Date(Math.max(now.getTime(), target.checkedInAt?.getTime() ?? now.getTime()));
        }
        await m.update(TrainingBooking, { id: target.id, consortiumId: ctx.consortiumId }, patch);
        await this.audit.record(ctx, {
          action: `training_bases.booking.${to}`,
          entityType: 'training_booking',
          entityId: target.id,
          changes: { status: { from: target.status, to }, ...(dto.note ? { note: dto.note } : {}) },
        });
        const updated = await this.find(m, ctx, baseId, target.id);
        if (to === BookingStatus.Approved) await this.scheduleNoShowCheck(ctx, base, updated);
        changed.push(updated);
      }
      return changed;
    });
  }

  /**
   * The no-show job: an approved booking nobody checked in to by the end of the grace
   * period becomes no_show. Early (the clock has not reached it): a later check is chained.
   */
  async markNoShow(
    ctx: RequestContext,
    bookingId: string,
    jobId: string,
  ): Promise<{ bookingId: string; marked: boolean; status: string; recheckJobId?: string }> {
    return this.tx.run(ctx, async (m) => {
      const booking = await m.findOne(TrainingBooking, {
        where: { id: bookingId, consortiumId: ctx.consortiumId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!booking) return { bookingId, marked: false, status: 'missing' };
      if (booking.status !== BookingStatus.Approved) return { bookingId, marked: false, status: booking.status };
      const base = await this.bases.find(m, ctx, booking.baseId);
      const due = booking.startsAt.getTime() + base.noShowGraceMinutes * MINUTE_MS;
      const now = this.clock.now().getTime();
      if (now < due) {
        const job = await this.outbox.enqueueFollowUp(
          ctx,
          jobId,
          JobName.MarkBookingNoShow,
          { consortiumId: booking.consortiumId, bookingId },
          new Date(due).toISOString(),
          { delaySeconds: (due - now) / 1000 },
        );
        return { bookingId, marked: false, status: booking.status, recheckJobId: job.jobId };
      }
      await m.update(
        TrainingBooking,
        { id: bookingId, consortiumId: ctx.consortiumId },
        { status: BookingStatus.NoShow },
      );
      await this.audit.record(ctx, {
        action: 'training_bases.booking.no_show',
        entityType: 'training_booking',
        entityId: bookingId,
        changes: { status: { from: booking.status, to: BookingStatus.NoShow }, graceMinutes: base.noShowGraceMinutes },
      });
      return { bookingId, marked: true, status: BookingStatus.NoShow };
    });
  }

  private async scheduleNoShowCheck(ctx: RequestContext, base: TrainingBase, booking: TrainingBooking): Promise<void> {
    const due = booking.startsAt.getTime() + base.noShowGraceMinutes * MINUTE_MS;
    await this.outbox.enqueue(
      ctx,
      JobName.MarkBookingNoShow,
      { consortiumId: booking.consortiumId, bookingId: booking.id },
      { delaySeconds: (due - this.clock.now().getTime()) / 1000 },
    );
  }

  private async organization(ctx: RequestContext, organizationId: string) {
    try {
      return await this.organizations.get(ctx, organizationId);
    } catch (error) {
      if (error instanceof DomainException && error.code === 'organization_not_found') {
        throw new TrainingBasesException(
          TrainingBasesErrorCode.OrganizationNotFound,
          `organizationId: no organization ${organizationId} in this consortium`,
          {
            field: 'organizationId',
            fields: [{ field: 'organizationId', problems: ['organizationId must be a member organization'] }],
          },
        );
      }
      throw error;
    }
  }

  /** The organization's workstation-hours at this base per China-time month the occurrences touch. */
  private async quotaUsed(
    m: EntityManager,
    ctx: RequestContext,
    baseId: string,
    organizationId: string,
    occurrences: Occurrence[],
  ): Promise<Map<string, number>> {
    const months = [...new Set(occurrences.map((o) => quotaMonth(o.startsAt)))];
    const rows = await queryRows<{ month: string; hours: number }>(
      m,
      `SELECT to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
              sum(workstations * extract(epoch FROM ends_at - starts_at) / 3600)::float8 AS hours
         FROM training_booking
        WHERE consortium_id = $1 AND base_id = $2 AND organization_id = $3 AND status = ANY($4::text[])
          AND to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ANY($5::text[])
        GROUP BY 1`,
      [ctx.consortiumId, baseId, organizationId, QUOTA_BOOKING_STATUSES, months],
    );
    return new Map(rows.map((row) => [row.month, Number(row.hours)]));
  }

  /** The clash of one occurrence with live bookings (base-wide, then the area), or none. */
  private async clash(
    m: EntityManager,
    ctx: RequestContext,
    base: TrainingBase,
    area: TrainingBaseArea | undefined,
    occurrence: Occurrence,
    workstations: number,
  ): Promise<OccurrenceClash | undefined> {
    const scopes: Array<TrainingBaseArea | undefined> = area ? [undefined, area] : [undefined];
    for (const scope of scopes) {
      const capacity = scope ? scope.workstations : base.workstations;
      const peak = await queryRow<{ peak: number }>(m, `SELECT training_booking_peak($1, $2, $3, $4, $5) AS peak`, [
        ctx.consortiumId,
        base.id,
        scope?.id ?? null,
        occurrence.startsAt,
        occurrence.occupiedUntil,
      ]);
      const held = peak?.peak ?? 0;
      if (held + workstations <= capacity) continue;
      const overlapping = await queryRows<{
        id: string;
        startsAt: Date;
        occupiedUntil: Date;
        endsAt: Date;
        workstations: number;
      }>(
        m,
        `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", occupied_until AS "occupiedUntil", workstations
           FROM training_booking
          WHERE consortium_id = $1 AND base_id = $2 AND ($3::uuid IS NULL OR area_id = $3)
            AND status = ANY($4::text[]) AND starts_at < $6 AND occupied_until > $5
          ORDER BY starts_at, id`,
        [
          ctx.consortiumId,
          base.id,
          scope?.id ?? null,
          LIVE_BOOKING_STATUSES,
          occurrence.startsAt,
          occurrence.occupiedUntil,
        ],
      );
      return {
        date: chinaDateOf(occurrence.startsAt),
        startsAt: occurrence.startsAt.toISOString(),
        endsAt: occurrence.endsAt.toISOString(),
        freeWorkstations: Math.max(0, capacity - held),
        clashes: overlapping.map((o) => ({
          bookingId: o.id,
          startsAt: new Date(o.startsAt).toISOString(),
          endsAt: new Date(o.endsAt).toISOString(),
          workstations: o.workstations,
        })),
      };
    }
    return undefined;
  }
}
