import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  ConsortiumRole,
  CursorPage,
  findOneOrThrow,
  JobName,
  keysetPage,
  OutboxService,
  queryRow,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import {
  MatchingErrorCode,
  MatchingException,
  cooperationNotFound,
  offeringNotFound,
  postingNotFound,
} from '../../matching/exceptions/matching.exception';
import { CooperationListQueryDto, CooperationTransitionDto, ProposeCooperationDto } from '../dto/cooperation.dto';
import { Cooperation, CooperationKind, CooperationSide, CooperationStatus } from '../entities/cooperation.entity';

type Actor = CooperationSide | 'secretariat';

const NEWEST_FIRST = [
  { expression: 'c.created_at', direction: 'DESC' as const },
  { expression: 'c.id', direction: 'DESC' as const },
];

/**
 * Cooperations between a posting's enterprise and an offering's school (docs/matching.md,
 * "Cooperations"). One side proposes, the other accepts or declines; active headcount is
 * committed capacity, and accepting never commits more than the offering's expected
 * graduates of the cohort year: the accept locks the offering row, so concurrent accepts
 * are checked one after the other.
 */
@Injectable()
export class CooperationsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  private isSecretariat(ctx: RequestContext): boolean {
    return !!ctx.actor?.platformAdmin || ctx.actor?.role === ConsortiumRole.Secretariat;
  }

  private sideOf(ctx: RequestContext, c: { enterpriseId: string; schoolId: string }): Actor | null {
    if (this.isSecretariat(ctx)) return 'secretariat';
    if (ctx.actor?.role !== ConsortiumRole.Member) return null;
    if (ctx.actor.organizationId === c.enterpriseId) return 'enterprise';
    if (ctx.actor.organizationId === c.schoolId) return 'school';
    return null;
  }

  propose(ctx: RequestContext, dto: ProposeCooperationDto): Promise<Cooperation> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const posting = await queryRow<{ organizationId: string; status: string }>(
        m,
        `SELECT organization_id AS "organizationId", status FROM talent_demand_postings WHERE consortium_id = $1 AND id = $2`,
        [cid, dto.postingId],
      );
      if (!posting) throw postingNotFound(dto.postingId);
      const offering = await queryRow<{ organizationId: string; status: string }>(
        m,
        `SELECT organization_id AS "organizationId", status FROM programme_offerings WHERE consortium_id = $1 AND id = $2`,
        [cid, dto.offeringId],
      );
      if (!offering) throw offeringNotFound(dto.offeringId);
      const parties = { enterpriseId: posting.organizationId, schoolId: offering.organizationId };
      const side = this.sideOf(ctx, parties);
      if (side !== 'enterprise' && side !== 'school')
        throw new MatchingException(
          MatchingErrorCode.OwnOrganizationOnly,
          "Only the posting's enterprise or the offering's school proposes a cooperation",
        );
      if (posting.status !== 'published')
        throw new MatchingException(MatchingErrorCode.InvalidCooperation, 'The posting is not published', {
          field: 'postingId',
        });
      if (offering.status !== 'active')
        throw new MatchingException(MatchingErrorCode.InvalidCooperation, 'The offering is not active', {
          field: 'offeringId',
        });
      const matched = await queryRow<{ one: number }>(
        m,
        `SELECT 1 AS one FROM demand_matches WHERE consortium_id = $1 AND posting_id = $2 AND offering_id = $3`,
        [cid, dto.postingId, dto.offeringId],
      );
      if (!matched)
        throw new MatchingException(
          MatchingErrorCode.InvalidCooperation,
          'A cooperation starts from a match: this offering is not matched to the posting',
          {
            field: 'offeringId',
          },
        );
      if (dto.endDate && dto.endDate < dto.startDate)
        throw new MatchingException(MatchingErrorCode.InvalidCooperation, 'endDate is before startDate', {
          field: 'endDate',
        });
      const row = m.create(Cooperation, {
        id: randomUUID(),
        consortiumId: cid,
        postingId: dto.postingId,
        offeringId: dto.offeringId,
        ...parties,
        kind: dto.kind,
        headcount: dto.headcount,
        cohortYear: Number(dto.startDate.slice(0, 4)),
        startDate: dto.startDate,
        endDate: dto.endDate ?? null,
        status: CooperationStatus.Proposed,
        proposedBySide: side,
        proposedBy: ctx.actor?.userId ?? null,
        note: dto.note ?? null,
      });
      await m.insert(Cooperation, row);
      await this.audit.record(ctx, {
        action: 'talent.cooperation.proposed',
        entityType: 'cooperation',
        entityId: row.id,
        changes: { kind: dto.kind, headcount: dto.headcount, side },
      });
      return findOneOrThrow(m, Cooperation, { id: row.id, consortiumId: cid }, () => cooperationNotFound(row.id));
    });
  }

  transition(ctx: RequestContext, id: string, dto: CooperationTransitionDto): Promise<Cooperation> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const current = await findOneOrThrow(m, Cooperation, { id, consortiumId: cid }, () => cooperationNotFound(id));
      const side = this.sideOf(ctx, current);
      if (!side) throw cooperationNotFound(id);
      const other: CooperationSide = current.proposedBySide === 'enterprise' ? 'school' : 'enterprise';
      const refuse = (why: string) =>
        new MatchingException(
          MatchingErrorCode.InvalidTransition,
          `Cannot ${dto.action} a ${current.status} cooperation: ${why}`,
          {
            field: 'action',
            status: current.status,
          },
        );
      // Lock the offering first (the same order on every path), then the cooperation.
      if (dto.action === 'accept') await this.lockOffering(m, cid, current.offeringId);
      const c = await findOneOrThrow(m, Cooperation, { id, consortiumId: cid }, () => cooperationNotFound(id), {
        lock: 'update',
      });
      let next: CooperationStatus;
      switch (dto.action) {
        case 'accept':
        case 'decline':
          if (c.status !== CooperationStatus.Proposed) throw refuse('only a proposed cooperation is answered');
          if (side !== other) throw refuse(`the ${other} answers a proposal of the ${c.proposedBySide}`);
          next = dto.action === 'accept' ? CooperationStatus.Active : CooperationStatus.Declined;
          break;
        case 'complete':
          if (c.status !== CooperationStatus.Active) throw refuse('only an active cooperation is completed');
          next = CooperationStatus.Completed;
          break;
        case 'cancel':
          if (c.status === CooperationStatus.Proposed && side !== c.proposedBySide && side !== 'secretariat')
            throw refuse('a proposal is withdrawn by its proposer (the other side declines it)');
          if (c.status !== CooperationStatus.Proposed && c.status !== CooperationStatus.Active)
            throw refuse('it has ended');
          next = CooperationStatus.Cancelled;
          break;
      }
      if (next === CooperationStatus.Active) await this.assertCapacity(m, cid, c);
      await m.update(
        Cooperation,
        { id, consortiumId: cid },
        { status: next, decidedBy: ctx.actor?.userId ?? null, decidedAt: new Date(), reason: dto.reason ?? c.reason },
      );
      await this.audit.record(ctx, {
        action: `talent.cooperation.${dto.action === 'cancel' ? 'cancelled' : dto.action === 'accept' ? 'accepted' : dto.action === 'decline' ? 'declined' : 'completed'}`,
        entityType: 'cooperation',
        entityId: id,
        changes: { status: { from: c.status, to: next }, side, reason: dto.reason ?? null },
      });
      // Committed capacity changed: re-match the postings this offering can affect.
      if (next === CooperationStatus.Active || c.status === CooperationStatus.Active)
        await this.outbox.enqueue(ctx, JobName.MatchOffering, { consortiumId: cid, offeringId: c.offeringId });
      return findOneOrThrow(m, Cooperation, { id, consortiumId: cid }, () => cooperationNotFound(id));
    });
  }

  private async lockOffering(m: EntityManager, cid: string, offeringId: string): Promise<void> {
    await m.query(`SELECT id FROM programme_offerings WHERE consortium_id = $1 AND id = $2 FOR UPDATE`, [
      cid,
      offeringId,
    ]);
  }

  /** With the offering row locked: active headcount of the cohort year + this one ≤ expected graduates that year. */
  private async assertCapacity(m: EntityManager, cid: string, c: Cooperation): Promise<void> {
    const row = await queryRow<{ expected: number; committed: number }>(
      m,
      `SELECT coalesce((SELECT sum((g->>'count')::int) FROM jsonb_array_elements(o.expected_graduates) g
                         WHERE (g->>'year')::int = $3), 0)::int AS expected,
              coalesce((SELECT sum(headcount) FROM cooperations
                         WHERE consortium_id = $1 AND offering_id = o.id AND status = 'active' AND cohort_year = $3), 0)::int AS committed
         FROM programme_offerings o WHERE o.consortium_id = $1 AND o.id = $2`,
      [cid, c.offeringId, c.cohortYear],
    );
    const expected = row?.expected ?? 0;
    const committed = row?.committed ?? 0;
    if (committed + c.headcount > expected)
      throw new MatchingException(
        MatchingErrorCode.CapacityExceeded,
        `Accepting would commit ${committed + c.headcount} graduates of ${c.cohortYear}; the offering expects ${expected} (${committed} already committed)`,
        { field: 'headcount', year: c.cohortYear, expected, committed, requested: c.headcount },
      );
  }

  list(ctx: RequestContext, query: CooperationListQueryDto): Promise<CursorPage<Cooperation>> {
    return this.tx.run(ctx, (m) => {
      const qb = m.createQueryBuilder(Cooperation, 'c').where('c.consortium_id = :cid', { cid: ctx.consortiumId });
      if (!this.isSecretariat(ctx) && ctx.actor?.role === ConsortiumRole.Member)
        qb.andWhere('(c.enterprise_id = :org OR c.school_id = :org)', { org: ctx.actor.organizationId ?? null });
      if (query.status) qb.andWhere('c.status = :status', { status: query.status });
      if (query.offeringId) qb.andWhere('c.offering_id = :offeringId', { offeringId: query.offeringId });
      if (query.postingId) qb.andWhere('c.posting_id = :postingId', { postingId: query.postingId });
      return keysetPage(qb, NEWEST_FIRST, query);
    });
  }

  get(ctx: RequestContext, id: string): Promise<Cooperation> {
    return this.tx.run(ctx, async (m) => {
      const c = await findOneOrThrow(m, Cooperation, { id, consortiumId: ctx.consortiumId as string }, () =>
        cooperationNotFound(id),
      );
      if (ctx.actor?.role === ConsortiumRole.Member && !this.isSecretariat(ctx) && !this.sideOf(ctx, c))
        throw cooperationNotFound(id);
      return c;
    });
  }

  /** Students of order-class and apprenticeship (and other) cooperations per cohort year: active or completed ones. */
  counts(
    ctx: RequestContext,
  ): Promise<{ year: number; kind: CooperationKind; students: number; cooperations: number }[]> {
    return this.tx.run(ctx, (m) =>
      queryRows(
        m,
        `SELECT cohort_year AS year, kind, sum(headcount)::int AS students, count(*)::int AS cooperations
           FROM cooperations WHERE consortium_id = $1 AND status IN ('active', 'completed')
          GROUP BY cohort_year, kind ORDER BY cohort_year, kind`,
        [ctx.consortiumId],
      ),
    );
  }
}
