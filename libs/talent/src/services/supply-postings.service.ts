import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  CursorPage,
  findOneOrThrow,
  keysetPage,
  RequestContext,
  sortOrder,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { EDITABLE_STATUSES, nextStatus, PostingAction, validUntilProblem, visibleTo } from '../domain/posting-lifecycle';
import { canonicalSkills, searchText } from '../domain/skills';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { CreateSupplyPostingDto, SupplyPostingListQueryDto, UpdateSupplyPostingDto } from '../dto/supply-posting.dto';
import { SupplyPosting } from '../entities/supply-posting.entity';
import { PostingStatus } from '../entities/talent-enums';
import {
  invalidField,
  invalidTransition,
  notOwnOrganization,
  postingNotFound,
  readOnlyPosting,
} from '../exceptions/talent.exception';
import { applyCommonFilters } from './demand-postings.service';
import { OfferingLookup, SchoolOffering } from './offering-lookup';
import { PostingViewer, viewerOf } from './posting-access';
import { SkillSynonymsService } from './skill-synonyms.service';

const SORT_COLUMNS = {
  publishedAt: 'COALESCE(p.published_at, p.created_at)',
  updatedAt: 'p.updated_at',
  cohortYear: 'p.cohort_year',
  headcount: 'p.headcount',
};

const REQUIRED = ['offeringId', 'cohortYear', 'headcount', 'title', 'note'] as const;

/**
 * Schools' talent supply (人才供给): graduates of one of the school's programme
 * offerings. Same ownership rules and lifecycle as demand postings.
 */
@Injectable()
export class SupplyPostingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly offerings: OfferingLookup,
    private readonly synonyms: SkillSynonymsService,
  ) {}

  list(ctx: RequestContext, query: SupplyPostingListQueryDto): Promise<CursorPage<SupplyPosting>> {
    return this.tx.run(ctx, (m) => {
      const qb = this.visibleQuery(m, ctx);
      applyCommonFilters(qb, ctx, query);
      if (query.level) qb.andWhere('p.level = :level', { level: query.level });
      if (query.cohortYear) qb.andWhere('p.cohort_year = :cohort', { cohort: query.cohortYear });
      if (query.mode) qb.andWhere(':mode = ANY(p.modes)', { mode: query.mode });
      if (query.programmeCode) qb.andWhere('p.programme_code = :pcode', { pcode: query.programmeCode });
      if (query.programmeClassCode) qb.andWhere('p.programme_class_code = :pclass', { pclass: query.programmeClassCode });
      return keysetPage(qb, sortOrder(query.sort ?? '-publishedAt', SORT_COLUMNS, 'p.id'), query);
    });
  }

  get(ctx: RequestContext, id: string): Promise<SupplyPosting> {
    return this.tx.run(ctx, async (m) => {
      const posting = await findOneOrThrow(m, SupplyPosting, { id, consortiumId: ctx.consortiumId }, () =>
        postingNotFound('supply', id),
      );
      if (!visibleTo(posting, viewerOf(ctx))) throw postingNotFound('supply', id);
      return posting;
    });
  }

  async create(ctx: RequestContext, dto: CreateSupplyPostingDto): Promise<SupplyPosting> {
    const viewer = viewerOf(ctx);
    const offering = await this.ownOffering(ctx, viewer, dto.offeringId);
    const late = validUntilProblem(dto.validUntil, this.clock.chinaToday());
    if (late) throw invalidField('validUntil', late);
    return this.tx.run(ctx, async (m) => {
      const map = await this.synonyms.synonymMap(m, ctx);
      const skills = canonicalSkills(dto.skills ?? offering.skills.map((skill) => ({ skill, weight: 3 })), map);
      const title = dto.title ?? `${dto.cohortYear}届${offering.programmeName}专业毕业生`;
      const id = randomUUID();
      await m.insert(SupplyPosting, {
        id,
        consortiumId: ctx.consortiumId,
        organizationId: offering.organizationId,
        offeringId: offering.id,
        programmeCode: offering.programmeCode,
        programmeClassCode: offering.programmeClassCode,
        level: offering.level,
        title,
        cohortYear: dto.cohortYear,
        headcount: dto.headcount,
        availableFrom: dto.availableFrom ?? null,
        validUntil: dto.validUntil ?? null,
        modes: [...new Set(dto.modes ?? [])],
        skills,
        note: dto.note ?? '',
        status: PostingStatus.Draft,
        searchText: searchText([title, dto.note, offering.programmeName], skills),
        createdBy: ctx.actor?.userId ?? null,
      });
      await this.audit.record(ctx, {
        action: 'talent.supply_posting.created',
        entityType: 'talent_supply_posting',
        entityId: id,
        changes: { offeringId: offering.id, cohortYear: dto.cohortYear, headcount: dto.headcount },
      });
      return findOneOrThrow(m, SupplyPosting, { id, consortiumId: ctx.consortiumId }, () => postingNotFound('supply', id));
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateSupplyPostingDto): Promise<SupplyPosting> {
    for (const field of REQUIRED) {
      if ((dto as Record<string, unknown>)[field] === null) throw invalidField(field, `${field} cannot be null`);
    }
    const viewer = viewerOf(ctx);
    if (dto.validUntil) {
      const late = validUntilProblem(dto.validUntil, this.clock.chinaToday());
      if (late) throw invalidField('validUntil', late);
    }
    return this.tx.run(ctx, async (m) => {
      const current = await this.lockForChange(m, ctx, viewer, id);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw invalidTransition(id, current.status, 'be edited (reopen it first)');
      }
      const patch: Partial<SupplyPosting> = Object.fromEntries(
        Object.entries(dto).filter(([key, value]) => value !== undefined && key !== 'skills' && key !== 'offeringId'),
      ) as Partial<SupplyPosting>;
      let programmeName: string | null = null;
      if (dto.offeringId !== undefined && dto.offeringId !== current.offeringId) {
        const offering = await this.ownOffering(ctx, { ...viewer, organizationId: current.organizationId }, dto.offeringId);
        Object.assign(patch, {
          offeringId: offering.id,
          programmeCode: offering.programmeCode,
          programmeClassCode: offering.programmeClassCode,
          level: offering.level,
        });
        programmeName = offering.programmeName;
      }
      if (dto.modes !== undefined) patch.modes = [...new Set(dto.modes ?? [])];
      if (dto.skills !== undefined) patch.skills = canonicalSkills(dto.skills ?? [], await this.synonyms.synonymMap(m, ctx));
      const next = { ...current, ...patch };
      patch.searchText = searchText([next.title, next.note, programmeName], next.skills);
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: SupplyPosting,
        where: { id, consortiumId: ctx.consortiumId },
        notFound: () => postingNotFound('supply', id),
        patch,
        action: 'talent.supply_posting.updated',
        entityType: 'talent_supply_posting',
        entityId: id,
      });
      return row;
    });
  }

  transition(ctx: RequestContext, id: string, dto: PostingTransitionDto): Promise<SupplyPosting> {
    const viewer = viewerOf(ctx);
    return this.tx.run(ctx, async (m) => {
      const current = await this.lockForChange(m, ctx, viewer, id);
      const to = nextStatus(current.status, dto.action);
      if (!to) throw invalidTransition(id, current.status, dto.action);
      const moderating = viewer.moderator && viewer.organizationId !== current.organizationId;
      if (dto.action === PostingAction.Close && moderating && !dto.reason) {
        throw invalidField('reason', 'reason is required when the secretariat closes a posting');
      }
      const patch: Partial<SupplyPosting> = { status: to };
      if (dto.action === PostingAction.Publish) {
        const problem = validUntilProblem(current.validUntil, this.clock.chinaToday());
        if (problem) throw invalidField('validUntil', `${problem}: change it before publishing`);
        patch.publishedAt = this.clock.now();
      }
      if (to === PostingStatus.Closed || to === PostingStatus.Filled) {
        Object.assign(patch, { closedAt: this.clock.now(), closedBy: ctx.actor?.userId ?? null, closeReason: dto.reason ?? null });
      }
      if (to === PostingStatus.Draft) Object.assign(patch, { closedAt: null, closedBy: null, closeReason: null });
      await m.update(SupplyPosting, { id, consortiumId: ctx.consortiumId }, patch);
      await this.audit.record(ctx, {
        action: `talent.supply_posting.${dto.action}`,
        entityType: 'talent_supply_posting',
        entityId: id,
        changes: { status: { from: current.status, to }, ...(dto.reason ? { reason: dto.reason } : {}) },
      });
      return findOneOrThrow(m, SupplyPosting, { id, consortiumId: ctx.consortiumId }, () => postingNotFound('supply', id));
    });
  }

  expire(ctx: RequestContext, today: string): Promise<string[]> {
    return this.tx.run(ctx, async (m) => {
      const rows = await m
        .createQueryBuilder()
        .update(SupplyPosting)
        .set({ status: PostingStatus.Expired })
        .where('consortium_id = :cid AND status = :published AND valid_until < :today', {
          cid: ctx.consortiumId,
          published: PostingStatus.Published,
          today,
        })
        .returning(['id'])
        .execute();
      const ids = (rows.raw as Array<{ id: string }>).map((r) => r.id);
      for (const id of ids) {
        await this.audit.record(ctx, {
          action: 'talent.supply_posting.expired',
          entityType: 'talent_supply_posting',
          entityId: id,
          changes: { status: { from: PostingStatus.Published, to: PostingStatus.Expired }, today },
        });
      }
      return ids;
    });
  }

  visibleQuery(m: EntityManager, ctx: RequestContext): SelectQueryBuilder<SupplyPosting> {
    const viewer = viewerOf(ctx);
    const qb = m.createQueryBuilder(SupplyPosting, 'p').where('p.consortium_id = :cid', { cid: ctx.consortiumId });
    if (!viewer.moderator) {
      qb.andWhere(`(p.status <> 'draft' OR p.organization_id = :ownOrg)`, {
        ownOrg: viewer.organizationId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    return qb;
  }

  private async lockForChange(m: EntityManager, ctx: RequestContext, viewer: PostingViewer, id: string) {
    const current = await findOneOrThrow(m, SupplyPosting, { id, consortiumId: ctx.consortiumId }, () => postingNotFound('supply', id), {
      lock: 'update',
    });
    if (!visibleTo(current, viewer)) throw postingNotFound('supply', id);
    if (!viewer.moderator && viewer.organizationId !== current.organizationId) throw readOnlyPosting(id);
    return current;
  }

  /** The offering must exist and belong to the caller's school (any school for the secretariat). */
  private async ownOffering(ctx: RequestContext, viewer: PostingViewer, offeringId: string): Promise<SchoolOffering> {
    const offering = await this.offerings.find(ctx, offeringId);
    if (!offering) throw invalidField('offeringId', `offeringId ${offeringId} is not a programme offering of this consortium`);
    if (viewer.organizationId) {
      if (offering.organizationId !== viewer.organizationId) throw notOwnOrganization('offeringId');
    } else if (!viewer.moderator) {
      throw notOwnOrganization('offeringId');
    }
    return offering;
  }
}
