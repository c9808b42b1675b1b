import { Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  Clock,
  JobName,
  OutboxService,
  queryRow,
  queryRows,
  RequestContext,
  TransactionService,
  uuidV5,
} from '@chanjiao/core';
import { MatchingInputsReader } from '../../matching/services/matching-inputs.reader';
import { MatchingService } from '../../matching/services/matching.service';
import { Cooperation, CooperationKind, CooperationSide, CooperationStatus } from '../entities/cooperation.entity';

/** Namespace of the demo's cooperation ids (stable, so a rerun adds nothing). */
const DEMO_NAMESPACE = '3c9e7a14-0b6d-4f28-b5e1-7d2a9c4f6e03';

/** The cooperations the demo shows: a kind, the posting's employment type it grows from, its state and proposer. */
const DEMO_COOPERATIONS: ReadonlyArray<{
  kind: CooperationKind;
  employmentType: string;
  status: CooperationStatus;
  proposedBySide: CooperationSide;
  note: string;
}> = [
  {
    kind: CooperationKind.OrderClass,
    employmentType: 'order_class',
    status: CooperationStatus.Active,
    proposedBySide: 'enterprise',
    note: '共建订单班：企业参与课程设置，学员毕业后入职。',
  },
  {
    kind: CooperationKind.Apprenticeship,
    employmentType: 'apprenticeship',
    status: CooperationStatus.Active,
    proposedBySide: 'school',
    note: '现代学徒制试点：校企双导师，工学交替。',
  },
  {
    kind: CooperationKind.Recruitment,
    employmentType: 'full_time',
    status: CooperationStatus.Active,
    proposedBySide: 'enterprise',
    note: '毕业生定向招聘。',
  },
  {
    kind: CooperationKind.Internship,
    employmentType: 'internship',
    status: CooperationStatus.Proposed,
    proposedBySide: 'enterprise',
    note: '顶岗实习岗位，待学校确认。',
  },
  {
    kind: CooperationKind.Recruitment,
    employmentType: 'full_time',
    status: CooperationStatus.Proposed,
    proposedBySide: 'school',
    note: '学校推荐应届毕业生，待企业确认。',
  },
];

/** At most this many students per demo cooperation (a small class, whatever the posting asks). */
const DEMO_HEADCOUNT = 6;

/**
 * The demo's cooperations (docs/matching.md, "Demo"): from the best matches of the demo's
 * published postings — scored here with the production matcher, the same answer the
 * matching jobs store — a few cooperations in the states a user meets (active ones of each
 * kind, proposals waiting for the other side), never committing more than an offering's
 * expected graduates. Idempotent: a consortium that has cooperations gets none.
 */
@Injectable()
export class CooperationsDemoService {
  private readonly logger = new Logger(CooperationsDemoService.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly inputs: MatchingInputsReader,
    private readonly matching: MatchingService,
  ) {}

  seed(ctx: RequestContext): Promise<{ created: number }> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const existing = await queryRow<{ n: number }>(
        m,
        `SELECT count(*)::int AS n FROM cooperations WHERE consortium_id = $1`,
        [cid],
      );
      if ((existing?.n ?? 0) > 0) return { created: 0 };
      const year = this.clock.chinaYear();
      const today = this.clock.chinaToday();
      const postings = await this.inputs.publishedRange(m, cid, null, 'ffffffff-ffff-ffff-ffff-ffffffffffff', year);
      const starts = new Map(
        (
          await queryRows<{ id: string; startDate: string | null }>(
            m,
            `SELECT id, to_char(start_date, 'YYYY-MM-DD') AS "startDate" FROM talent_demand_postings
              WHERE consortium_id = $1 AND status = 'published'`,
            [cid],
          )
        ).map((r) => [r.id, r.startDate]),
      );
      const matcher = await this.matching.matcher(m, cid);
      const committed = new Map<string, number>(); // offering:year → headcount this seed commits
      const usedPostings = new Set<string>();
      const usedOfferings = new Set<string>();
      const touched = new Set<string>();
      let created = 0;
      for (const [index, plan] of DEMO_COOPERATIONS.entries()) {
        let chosen: {
          postingId: string;
          enterpriseId: string;
          offeringId: string;
          schoolId: string;
          headcount: number;
          startDate: string;
          year: number;
        } | null = null;
        for (const posting of postings) {
          if (posting.employmentType !== plan.employmentType || usedPostings.has(posting.id)) continue;
          for (const pair of matcher.match(posting).matches) {
            if (usedOfferings.has(pair.offeringId)) continue;
            const cap = pair.explanation.capacity;
            const key = `${pair.offeringId}:${cap.year}`;
            const available = cap.available - (committed.get(key) ?? 0);
            const headcount = Math.min(posting.headcount, DEMO_HEADCOUNT, available);
            if (headcount < 1) continue;
            chosen = {
              postingId: posting.id,
              enterpriseId: posting.organizationId,
              offeringId: pair.offeringId,
              schoolId: pair.organizationId,
              headcount,
              startDate: starts.get(posting.id) ?? today,
              year: cap.year,
            };
            break;
          }
          if (chosen) break;
        }
        if (!chosen) continue;
        usedPostings.add(chosen.postingId);
        usedOfferings.add(chosen.offeringId);
        const active = plan.status === CooperationStatus.Active;
        if (active) {
          const key = `${chosen.offeringId}:${chosen.year}`;
          committed.set(key, (committed.get(key) ?? 0) + chosen.headcount);
          touched.add(chosen.offeringId);
        }
        const inserted = await m
          .createQueryBuilder()
          .insert()
          .into(Cooperation)
          .values({
            id: uuidV5(DEMO_NAMESPACE, `cooperation:${cid}:${index}`),
            consortiumId: cid,
            postingId: chosen.postingId,
            offeringId: chosen.offeringId,
            enterpriseId: chosen.enterpriseId,
            schoolId: chosen.schoolId,
            kind: plan.kind,
            headcount: chosen.headcount,
            cohortYear: Number(chosen.startDate.slice(0, 4)),
            startDate: chosen.startDate,
            endDate: null,
            status: plan.status,
            proposedBySide: plan.proposedBySide,
            proposedBy: null,
            decidedBy: null,
            decidedAt: active ? this.clock.now() : null,
            note: plan.note,
            reason: null,
          })
          .orIgnore()
          .returning('id')
          .execute();
        created += (inserted.raw as unknown[]).length;
      }
      if (created > 0)
        await this.audit.record(ctx, {
          action: 'talent.cooperation.demo_seeded',
          entityType: 'cooperation',
          changes: { count: created },
        });
      // Committed capacity changed: re-match the postings these offerings can affect.
      for (const offeringId of [...touched].sort())
        await this.outbox.enqueue(ctx, JobName.MatchOffering, { consortiumId: cid, offeringId });
      this.logger.log(`Demo cooperations: ${created} created`);
      return { created };
    });
  }
}
