import { Injectable } from '@nestjs/common';
import {
  AuditService,
  EnqueuedJob,
  forConsortium,
  JobName,
  OutboxService,
  queryRow,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { DEMO_CONSORTIUM, DEMO_CONSORTIUM_ID } from '../demo/demo-consortium';
import { DEMO_COUNCIL_SEATS, DEMO_MEETING, DEMO_RESOLUTIONS } from '../demo/demo-council';
import {
  DEMO_ORGANIZATIONS,
  DEMO_PARK,
  DEMO_SCHOOL_ORGANIZATION_ID,
  DEMO_STATUS_HISTORY,
} from '../demo/demo-organizations';
import { CouncilService, SeatRow } from './council.service';
import { MeetingsService } from './meetings.service';
import { Consortium } from '../entities/consortium.entity';

/** Demo seeds of the capability contexts, chained after the consortium's (each one idempotent). */
const CAPABILITY_DEMO_JOBS = [JobName.SeedDemoTalent, JobName.SeedTrainingBasesDemo, JobName.SeedDemoTrainingPlans] as const;

@Injectable()
export class DemoSeedService {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly council: CouncilService,
    private readonly meetings: MeetingsService,
  ) {}

  /** Asks the worker to seed (or complete) the demo consortium. */
  requestSeed(ctx: RequestContext): Promise<EnqueuedJob> {
    return this.outbox.enqueue(ctx, JobName.SeedDemoConsortium, { consortiumId: DEMO_CONSORTIUM_ID });
  }

  /**
   * Idempotent: inserts the demo consortium once, then chains the next demo job
   * (the identity context's demo users) in the same transaction, with an id derived
   * from this job's (`parentJobId`), so a retry cannot chain it twice.
   */
  async seed(
    ctx: RequestContext,
    parentJobId: string,
  ): Promise<{ consortiumId: string; created: boolean; nextJobId: string }> {
    const tenantCtx = forConsortium(ctx, DEMO_CONSORTIUM_ID);
    return this.tx.run(tenantCtx, async (m) => {
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(Consortium)
        .values({ ...DEMO_CONSORTIUM })
        .orIgnore()
        .returning('id')
        .execute();
      const created = (inserted.raw as unknown[]).length > 0;
      const organizationsCreated = await this.seedOrganizations(m);
      if (created) {
        await m.update(Consortium, { id: DEMO_CONSORTIUM_ID }, { ...DEMO_PARK, statusChangedOn: '2025-10-15' });
        for (const step of DEMO_STATUS_HISTORY) {
          await m.query(
            `INSERT INTO consortium_status_event (consortium_id, from_status, to_status, effective_on, note)
             VALUES ($1, $2, $3, $4, $5)`,
            [DEMO_CONSORTIUM_ID, step.from, step.to, step.on, step.note],
          );
        }
        await this.audit.record(tenantCtx, {
          action: 'consortia.consortium.created',
          entityType: 'consortium',
          entityId: DEMO_CONSORTIUM_ID,
          changes: { code: DEMO_CONSORTIUM.code, name: DEMO_CONSORTIUM.name, demo: true },
        });
      }
      if (organizationsCreated > 0) {
        await this.audit.record(tenantCtx, {
          action: 'consortia.organization.demo_seeded',
          entityType: 'organization',
          changes: { count: organizationsCreated },
        });
      }
      await this.seedCouncil(tenantCtx, m);
      const next = await this.outbox.enqueueFollowUp(tenantCtx, parentJobId, JobName.SeedDemoUsers, {
        consortiumId: DEMO_CONSORTIUM_ID,
      });
      // The capability contexts seed their own demo data; they read these organizations once this commits.
      for (const name of CAPABILITY_DEMO_JOBS) {
        await this.outbox.enqueueFollowUp(tenantCtx, parentJobId, name, { consortiumId: DEMO_CONSORTIUM_ID });
      }
      return { consortiumId: DEMO_CONSORTIUM_ID, created, nextJobId: next.jobId };
    });
  }

  /** A seated multi-party council and one held meeting with voted resolutions (once). */
  private async seedCouncil(ctx: RequestContext, m: EntityManager): Promise<void> {
    const seated = await queryRow<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM council_seat WHERE consortium_id = $1`,
      [DEMO_CONSORTIUM_ID],
    );
    if ((seated?.n ?? 0) > 0) return;
    const idOf = async (name: string) =>
      (
        (await m.query(`SELECT id FROM organization WHERE consortium_id = $1 AND name = $2`, [
          DEMO_CONSORTIUM_ID,
          name,
        ])) as Array<{ id: string }>
      )[0].id;
    const seats: SeatRow[] = [];
    for (const seat of DEMO_COUNCIL_SEATS) {
      seats.push(
        await this.council.addSeat(ctx, {
          organizationId: await idOf(seat.organization),
          personName: seat.personName,
          personTitle: seat.personTitle,
          role: seat.role,
          termStart: '2025-10-15',
          termEnd: '2028-10-14',
        }),
      );
    }
    const meeting = await this.meetings.create(ctx, DEMO_MEETING);
    await this.meetings.setAttendance(ctx, meeting.id, {
      // All present but the last, who gives a proxy to the chair.
      entries: seats.map((seat, index) =>
        index === seats.length - 1
          ? { seatId: seat.id, status: 'proxy' as const, proxySeatId: seats[0].id }
          : { seatId: seat.id, status: 'present' as const },
      ),
    });
    await this.meetings.transition(ctx, meeting.id, { to: 'held' });
    for (const [index, draft] of DEMO_RESOLUTIONS.entries()) {
      const resolution = await this.meetings.addResolution(ctx, meeting.id, draft);
      for (const [seatIndex, seat] of seats.entries()) {
        const choice = index === 1 && seatIndex === 3 ? ('abstain' as const) : ('for' as const);
        await this.meetings.vote(ctx, resolution.id, { seatId: seat.id, choice });
      }
      if (index === 0) {
        await this.meetings.addTask(ctx, resolution.id, {
          title: '牵头编制工业机器人产教融合实训基地共建方案',
          assigneeOrganizationId: DEMO_SCHOOL_ORGANIZATION_ID,
          dueOn: '2026-03-31',
        });
      }
    }
  }

  /** The demo's ~30 member organizations (by name, so reseeding adds only what is missing). */
  private async seedOrganizations(m: EntityManager): Promise<number> {
    let created = 0;
    for (const org of DEMO_ORGANIZATIONS) {
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO organization (id, consortium_id, type, name, name_en, credit_code, district, industry_code, industry_name,
                                   size, leading_enterprise, certified_integration_enterprise, double_high_school, contacts,
                                   membership_status, membership_changed_on)
         VALUES (coalesce($1, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, '2025-10-15')
         ON CONFLICT (consortium_id, name) DO NOTHING RETURNING id`,
        [
          org.id ?? null,
          DEMO_CONSORTIUM_ID,
          org.type,
          org.name,
          org.nameEn,
          org.creditCode,
          org.district,
          org.industryCode ?? null,
          org.industryName ?? null,
          org.size ?? null,
          org.leadingEnterprise ?? false,
          org.certifiedIntegrationEnterprise ?? false,
          org.doubleHighSchool ?? false,
          JSON.stringify([org.contact]),
          org.status,
        ],
      );
      if (rows.length === 0) continue;
      created += 1;
      await m.query(
        `INSERT INTO organization_membership_event (consortium_id, organization_id, from_status, to_status, effective_on, reason)
         VALUES ($1, $2, NULL, 'applied', '2025-09-20', '演示数据'),
                ($1, $2, 'applied', $3, '2025-10-15', '演示数据')`,
        [DEMO_CONSORTIUM_ID, rows[0].id, org.status],
      );
    }
    return created;
  }
}
