import { Injectable } from '@nestjs/common';
import {
  addDays,
  AuditService,
  Clock,
  chinaDateOf,
  JobName,
  OutboxService,
  queryRow,
  RequestContext,
  TransactionService,
  uuidV5,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType } from '@chanjiao/consortia';
import { DEMO_BASES, DEMO_PURPOSES } from '../demo/demo-bases';
import { chinaInstant, isoWeekday, MINUTE_MS } from '../domain/opening-hours';
import { BookingStatus } from '../entities/training-base-enums';
import { TrainingBase } from '../entities/training-base.entity';
import { TrainingBaseArea, TrainingBaseEquipment } from '../entities/training-base-parts.entity';
import { TrainingBooking } from '../entities/training-booking.entity';

/** Namespace of the demo's stable ids (so a re-run finds what it wrote). */
const DEMO_NAMESPACE = '8e3f1a52-4c7d-4b19-9f0e-6a2d5c8b7e41';

/**
 * The demo's bases and a month of bookings around the clock's today (20 days back, 10
 * ahead), in every state: completed and no-show in the past, checked in today,
 * approved and requested ahead, some rejected and cancelled. Idempotent: a consortium
 * that has bases already is left alone.
 */
@Injectable()
export class TrainingBasesDemoService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly outbox: OutboxService,
  ) {}

  async seed(ctx: RequestContext): Promise<{ consortiumId: string; bases: number; bookings: number }> {
    const consortiumId = ctx.consortiumId as string;
    return this.tx.run(ctx, async (m) => {
      const existing = await queryRow<{ n: number }>(
        m,
        `SELECT count(*)::int AS n FROM training_base WHERE consortium_id = $1`,
        [consortiumId],
      );
      if ((existing?.n ?? 0) > 0) return { consortiumId, bases: 0, bookings: 0 };
      const members = await this.organizations.activeMembers(ctx, Object.values(OrganizationType));
      if (members.length < 2) return { consortiumId, bases: 0, bookings: 0 };
      const id = (name: string) => uuidV5(DEMO_NAMESPACE, `${consortiumId}:${name}`);
      const today = this.clock.chinaToday();
      let bookings = 0;
      for (const spec of DEMO_BASES) {
        const host = members.find((o) => o.type === spec.hostType) ?? members[0];
        const baseId = id(spec.key);
        await m.insert(TrainingBase, {
          id: baseId,
          consortiumId,
          hostOrganizationId: host.id,
          name: spec.name,
          kind: spec.kind,
          functions: spec.functions,
          address: spec.address,
          workstations: spec.workstations,
          openingHours: spec.openingHours,
          approvalRequired: spec.approvalRequired,
          bufferMinutes: spec.bufferMinutes,
          feeMemberPerHour: spec.feeMemberPerHour,
          feeNonMemberPerHour: spec.feeNonMemberPerHour,
          monthlyQuotaHours: spec.monthlyQuotaHours,
          leadTimeHours: 24,
          horizonDays: 120,
        });
        for (const area of spec.areas) {
          await m.insert(TrainingBaseArea, { id: id(`${spec.key}:${area.name}`), consortiumId, baseId, ...area });
        }
        for (const [position, item] of spec.equipment.entries()) {
          await m.insert(TrainingBaseEquipment, {
            id: id(`${spec.key}:eq:${position}`),
            consortiumId,
            baseId,
            position,
            ...item,
          });
        }
        const guests = members.filter((o) => o.id !== host.id);
        const rows: Array<Partial<TrainingBooking>> = [];
        // Past bookings are numbered so every base has its no-shows and cancellations whatever weekday today is.
        let pastCount = 0;
        for (let offset = -20; offset <= 10; offset += 1) {
          const date = addDays(today, offset);
          const windows = spec.openingHours.filter((w) => w.weekday === isoWeekday(date));
          for (const [slot, window] of windows.entries()) {
            // A morning and an afternoon booking of a third of the base each, from rotating members.
            const organization = [host, ...guests][(offset + 20 + slot * 3) % (guests.length + 1)];
            const startsAt = chinaInstant(date, window.opens);
            const endsAt = new Date(
              Math.min(chinaInstant(date, window.closes).getTime(), startsAt.getTime() + 180 * MINUTE_MS),
            );
            const status = demoStatus(offset, slot, date === today, offset < 0 ? pastCount++ : 0);
            const key = `${spec.key}:${date}:${slot}`;
            rows.push({
              id: id(key),
              consortiumId,
              baseId,
              organizationId: organization.id,
              startsAt,
              endsAt,
              occupiedUntil: new Date(endsAt.getTime() + spec.bufferMinutes * MINUTE_MS),
              workstations: Math.max(1, Math.floor(spec.workstations / 3)),
              purpose: DEMO_PURPOSES[(offset + 20 + slot) % DEMO_PURPOSES.length],
              expectedParticipants: Math.floor(spec.workstations / 3) + 2,
              note: '演示预约',
              status,
              checkedInAt:
                status === BookingStatus.Completed || status === BookingStatus.CheckedIn
                  ? new Date(startsAt.getTime() + 5 * MINUTE_MS)
                  : null,
              checkedOutAt: status === BookingStatus.Completed ? new Date(endsAt.getTime() - 10 * MINUTE_MS) : null,
            });
          }
        }
        // Today's check-in only where today is open; statuses relative to the clock's date.
        for (const row of rows) {
          if (row.status === BookingStatus.CheckedIn && chinaDateOf(row.startsAt as Date) !== today) {
            row.status = BookingStatus.Approved;
            row.checkedInAt = null;
          }
        }
        if (rows.length > 0) await m.insert(TrainingBooking, rows);
        bookings += rows.length;
        // Approved bookings ahead get their no-show check, as approving through the API does.
        const now = this.clock.now().getTime();
        for (const row of rows) {
          if (row.status !== BookingStatus.Approved || !row.startsAt) continue;
          await this.outbox.enqueue(
            ctx,
            JobName.MarkBookingNoShow,
            { consortiumId, bookingId: row.id as string },
            { delaySeconds: (row.startsAt.getTime() + 30 * MINUTE_MS - now) / 1000 },
          );
        }
      }
      await this.audit.record(ctx, {
        action: 'training_bases.demo.seeded',
        entityType: 'training_base',
        changes: { bases: DEMO_BASES.length, bookings },
      });
      return { consortiumId, bases: DEMO_BASES.length, bookings };
    });
  }
}

/** Past: mostly completed, some no-shows and cancellations; today: checked in; ahead: approved, requested, rejected. */
function demoStatus(offset: number, slot: number, today: boolean, pastIndex: number): BookingStatus {
  if (today) return slot === 0 ? BookingStatus.CheckedIn : BookingStatus.Approved;
  if (offset < 0) {
    if (pastIndex % 7 === 3) return BookingStatus.NoShow;
    if (pastIndex % 5 === 1) return BookingStatus.Cancelled;
    return BookingStatus.Completed;
  }
  if ((offset + slot) % 4 === 0) return BookingStatus.Rejected;
  return (offset + slot) % 2 === 0 ? BookingStatus.Requested : BookingStatus.Approved;
}
