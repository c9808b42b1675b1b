import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  chinaStartOfDay,
  addDays,
  Clock,
  CursorPage,
  escapeLike,
  findOneOrThrow,
  keysetPage,
  RequestContext,
  sortOrder,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType } from '@chanjiao/consortia';
import { CatalogueService } from '@chanjiao/programmes';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { EDITABLE_STATUSES, nextStatus, PostingAction, salaryProblem, validUntilProblem, visibleTo } from '../domain/posting-lifecycle';
import { canonicalSkill, canonicalSkills, searchText } from '../domain/skills';
import { CreateDemandPostingDto, DemandPostingListQueryDto, UpdateDemandPostingDto } from '../dto/demand-posting.dto';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { DemandPosting } from '../entities/demand-posting.entity';
import { EducationLevel, PostingStatus } from '../entities/talent-enums';
import {
  invalidField,
  invalidTransition,
  notOwnOrganization,
  postingNotFound,
  readOnlyPosting,
  unknownCodes,
  wrongOrganizationType,
} from '../exceptions/talent.exception';
import { PostingViewer, viewerOf } from './posting-access';
import { SkillSynonymsService } from './skill-synonyms.service';

const SORT_COLUMNS = {
  // Drafts have no publication time: they sort as if published at their creation.
  publishedAt: 'COALESCE(p.published_at, p.created_at)',
  updatedAt: 'p.updated_at',
  validUntil: `COALESCE(p.valid_until, DATE '9999-12-31')`,
  headcount: 'p.headcount',
  salaryMax: 'COALESCE(p.salary_max, 0)',
  title: 'p.title',
};

const LEVEL_ORDER: readonly EducationLevel[] = [
  EducationLevel.SecondaryVocational,
  EducationLevel.HigherVocational,
  EducationLevel.VocationalBachelor,
];

/** Fields a PATCH may not set to null. */
const REQUIRED = ['title', 'headcount', 'employmentType', 'description', 'inPark'] as const;

/**
 * Enterprises' talent demand (人才需求). A member writes its own organization's
 * postings only; others' drafts answer 404 and their published postings are read-only.
 * The secretariat sees and moderates everything (closing with a reason).
 */
@Injectable()
export class DemandPostingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly catalogue: CatalogueService,
    private readonly synonyms: SkillSynonymsService,
  ) {}

  async list(ctx: RequestContext, query: DemandPostingListQueryDto): Promise<CursorPage<DemandPosting>> {
    const skill = query.skill ? await this.synonyms.canonical(ctx, query.skill) : undefined;
    return this.tx.run(ctx, (m) => {
      const qb = this.visibleQuery(m, ctx);
      applyCommonFilters(qb, ctx, query);
      if (query.occupationCode) {
        qb.andWhere('p.occupation_code LIKE :occ', { occ: `${escapeLike(query.occupationCode)}%` });
      }
      if (query.employmentType) qb.andWhere('p.employment_type = :etype', { etype: query.employmentType });
      if (query.level) {
        const allowed = LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(query.level) + 1);
        qb.andWhere('(p.min_level IS NULL OR p.min_level = ANY(:levels))', { levels: allowed });
      }
      if (query.district) qb.andWhere('p.district = :district', { district: query.district });
      if (query.inPark !== undefined) qb.andWhere('p.in_park = :inPark', { inPark: query.inPark });
      if (query.salaryAtLeast) {
        qb.andWhere('COALESCE(p.salary_max, p.salary_min) >= :salary', { salary: query.salaryAtLeast });
      }
      if (query.programmeCode) qb.andWhere(':pcode = ANY(p.programme_codes)', { pcode: query.programmeCode });
      if (query.programmeClassCode) {
        // A class matches postings wanting it, or one of its programmes.
        qb.andWhere(
          `(:pclass = ANY(p.programme_class_codes) OR EXISTS (SELECT 1 FROM unnest(p.programme_codes) AS pc WHERE left(pc, 4) = :pclass))`,
          { pclass: query.programmeClassCode },
        );
      }
      if (skill) {
        const needle = JSON.stringify([{ skill }]);
        qb.andWhere('(p.required_skills @> :skillNeedle::jsonb OR p.preferred_skills @> :skillNeedle::jsonb)', {
          skillNeedle: needle,
        });
      }
      return keysetPage(qb, sortOrder(query.sort ?? '-publishedAt', SORT_COLUMNS, 'p.id'), query);
    });
  }

  get(ctx: RequestContext, id: string): Promise<DemandPosting> {
    return this.tx.run(ctx, async (m) => {
      const posting = await findOneOrThrow(m, DemandPosting, { id, consortiumId: ctx.consortiumId }, () =>
        postingNotFound('demand', id),
      );
      if (!visibleTo(posting, viewerOf(ctx))) throw postingNotFound('demand', id);
      return posting;
    });
  }

  async create(ctx: RequestContext, dto: CreateDemandPostingDto): Promise<DemandPosting> {
    const viewer = viewerOf(ctx);
    const organizationId = await this.postingEnterprise(ctx, viewer, dto.organizationId);
    await this.checkCodes(ctx, dto);
    this.checkDates(dto.validUntil, dto.salaryMin, dto.salaryMax);
    return this.tx.run(ctx, async (m) => {
      const map = await this.synonyms.synonymMap(m, ctx);
      const requiredSkills = canonicalSkills(dto.requiredSkills ?? [], map);
      const preferredSkills = canonicalSkills(dto.preferredSkills ?? [], map);
      const id = randomUUID();
      await m.insert(DemandPosting, {
        id,
        consortiumId: ctx.consortiumId,
        organizationId,
        title: dto.title,
        description: dto.description ?? '',
        occupationCode: dto.occupationCode ?? null,
        programmeCodes: distinct(dto.programmeCodes),
        programmeClassCodes: distinct(dto.programmeClassCodes),
        minLevel: dto.minLevel ?? null,
        headcount: dto.headcount,
        requiredSkills,
        preferredSkills,
        certificates: distinct(dto.certificates?.map((c) => c.trim())),
        employmentType: dto.employmentType,
        district: dto.district ?? null,
        inPark: dto.inPark ?? false,
        salaryMin: dto.salaryMin ?? null,
        salaryMax: dto.salaryMax ?? null,
        startDate: dto.startDate ?? null,
        validUntil: dto.validUntil ?? null,
        status: PostingStatus.Draft,
        searchText: searchText([dto.title, dto.description], [...requiredSkills, ...preferredSkills]),
        createdBy: ctx.actor?.userId ?? null,
      });
      await this.audit.record(ctx, {
        action: 'talent.demand_posting.created',
        entityType: 'talent_demand_posting',
        entityId: id,
        changes: { organizationId, title: dto.title, headcount: dto.headcount },
      });
      return findOneOrThrow(m, DemandPosting, { id, consortiumId: ctx.consortiumId }, () => postingNotFound('demand', id));
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateDemandPostingDto): Promise<DemandPosting> {
    for (const field of REQUIRED) {
      if ((dto as Record<string, unknown>)[field] === null) throw invalidField(field, `${field} cannot be null`);
    }
    if (dto.organizationId !== undefined) {
      throw invalidField('organizationId', 'organizationId cannot change: close this posting and create one for the other organization');
    }
    await this.checkCodes(ctx, dto);
    const viewer = viewerOf(ctx);
    return this.tx.run(ctx, async (m) => {
      const current = await this.lockForChange(m, ctx, viewer, id);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw invalidTransition(id, current.status, 'be edited (reopen it first)');
      }
      const next = { ...current, ...definedOnly(dto) };
      // validUntil is checked when it changes (an old posting keeps its past day until it expires).
      if (dto.validUntil !== undefined) this.checkDates(dto.validUntil, next.salaryMin, next.salaryMax);
      else this.checkDates(undefined, next.salaryMin, next.salaryMax);
      const map = await this.synonyms.synonymMap(m, ctx);
      const patch: Partial<DemandPosting> = { ...definedOnly(dto) } as Partial<DemandPosting>;
      if (dto.programmeCodes !== undefined) patch.programmeCodes = distinct(dto.programmeCodes ?? []);
      if (dto.programmeClassCodes !== undefined) patch.programmeClassCodes = distinct(dto.programmeClassCodes ?? []);
      if (dto.certificates !== undefined) patch.certificates = distinct((dto.certificates ?? []).map((c) => c.trim()));
      if (dto.requiredSkills !== undefined) patch.requiredSkills = canonicalSkills(dto.requiredSkills ?? [], map);
      if (dto.preferredSkills !== undefined) patch.preferredSkills = canonicalSkills(dto.preferredSkills ?? [], map);
      const requiredSkills = patch.requiredSkills ?? current.requiredSkills;
      const preferredSkills = patch.preferredSkills ?? current.preferredSkills;
      patch.searchText = searchText([next.title, next.description], [...requiredSkills, ...preferredSkills]);
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: DemandPosting,
        where: { id, consortiumId: ctx.consortiumId },
        notFound: () => postingNotFound('demand', id),
        patch,
        action: 'talent.demand_posting.updated',
        entityType: 'talent_demand_posting',
        entityId: id,
      });
      return row;
    });
  }

  transition(ctx: RequestContext, id: string, dto: PostingTransitionDto): Promise<DemandPosting> {
    const viewer = viewerOf(ctx);
    return this.tx.run(ctx, async (m) => {
      const current = await this.lockForChange(m, ctx, viewer, id);
      const to = nextStatus(current.status, dto.action);
      if (!to) throw invalidTransition(id, current.status, dto.action);
      const moderating = viewer.moderator && viewer.organizationId !== current.organizationId;
      if (dto.action === PostingAction.Close && moderating && !dto.reason) {
        throw invalidField('reason', 'reason is required when the secretariat closes a posting');
      }
      const patch: Partial<DemandPosting> = { status: to };
      if (dto.action === PostingAction.Publish) {
        const problem = validUntilProblem(current.validUntil, this.clock.chinaToday());
        if (problem) throw invalidField('validUntil', `${problem}: change it before publishing`);
        patch.publishedAt = this.clock.now();
      }
      if (to === PostingStatus.Closed || to === PostingStatus.Filled) {
        patch.closedAt = this.clock.now();
        patch.closedBy = ctx.actor?.userId ?? null;
        patch.closeReason = dto.reason ?? null;
      }
      if (to === PostingStatus.Draft) {
        patch.closedAt = null;
        patch.closedBy = null;
        patch.closeReason = null;
      }
      await m.update(DemandPosting, { id, consortiumId: ctx.consortiumId }, patch);
      await this.audit.record(ctx, {
        action: `talent.demand_posting.${dto.action}`,
        entityType: 'talent_demand_posting',
        entityId: id,
        changes: { status: { from: current.status, to }, ...(dto.reason ? { reason: dto.reason } : {}) },
      });
      return findOneOrThrow(m, DemandPosting, { id, consortiumId: ctx.consortiumId }, () => postingNotFound('demand', id));
    });
  }

  /** Published postings whose last day is before `today` become expired (the daily job). */
  expire(ctx: RequestContext, today: string): Promise<string[]> {
    return this.tx.run(ctx, async (m) => {
      const rows = await m
        .createQueryBuilder()
        .update(DemandPosting)
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
          action: 'talent.demand_posting.expired',
          entityType: 'talent_demand_posting',
          entityId: id,
          changes: { status: { from: PostingStatus.Published, to: PostingStatus.Expired }, today },
        });
      }
      return ids;
    });
  }

  /** Postings visible to the caller (all for moderators; own and non-draft for others). */
  visibleQuery(m: EntityManager, ctx: RequestContext): SelectQueryBuilder<DemandPosting> {
    const viewer = viewerOf(ctx);
    const qb = m.createQueryBuilder(DemandPosting, 'p').where('p.consortium_id = :cid', { cid: ctx.consortiumId });
    if (!viewer.moderator) {
      qb.andWhere(`(p.status <> 'draft' OR p.organization_id = :ownOrg)`, {
        ownOrg: viewer.organizationId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    return qb;
  }

  /** The locked posting the caller may change: 404 when they cannot see it, 403 when it is another's published one. */
  private async lockForChange(
    m: EntityManager,
    ctx: RequestContext,
    viewer: PostingViewer,
    id: string,
  ): Promise<DemandPosting> {
    const current = await findOneOrThrow(m, DemandPosting, { id, consortiumId: ctx.consortiumId }, () => postingNotFound('demand', id), {
      lock: 'update',
    });
    if (!visibleTo(current, viewer)) throw postingNotFound('demand', id);
    if (!viewer.moderator && viewer.organizationId !== current.organizationId) throw readOnlyPosting(id);
    return current;
  }

  /** The enterprise a posting is created for: the member's own, or the one the secretariat names. */
  private async postingEnterprise(ctx: RequestContext, viewer: PostingViewer, requested?: string): Promise<string> {
    let organizationId: string;
    if (viewer.moderator && !viewer.organizationId) {
      if (!requested) throw invalidField('organizationId', 'organizationId is required: name the enterprise the posting is for');
      organizationId = requested;
    } else {
      if (!viewer.organizationId) throw notOwnOrganization('organizationId');
      if (requested && requested !== viewer.organizationId) throw notOwnOrganization('organizationId');
      organizationId = viewer.organizationId;
    }
    const [organization] = await this.organizations.summaries(ctx, [organizationId]);
    if (!organization) throw invalidField('organizationId', `organizationId ${organizationId} is not a member organization`);
    if (organization.type !== OrganizationType.Enterprise) {
      throw wrongOrganizationType('organizationId', 'an enterprise: schools post supply, not demand');
    }
    return organizationId;
  }

  private checkDates(validUntil: string | null | undefined, salaryMin: string | null | undefined, salaryMax: string | null | undefined) {
    const late = validUntilProblem(validUntil, this.clock.chinaToday());
    if (late) throw invalidField('validUntil', late);
    const salary = salaryProblem(salaryMin, salaryMax);
    if (salary) throw invalidField('salaryMin', salary);
  }

  /** Every code must be in the catalogue's current edition; the error names the field and the codes. */
  private async checkCodes(
    ctx: RequestContext,
    dto: Pick<CreateDemandPostingDto, 'occupationCode' | 'programmeCodes' | 'programmeClassCodes'>,
  ): Promise<void> {
    if (dto.occupationCode) {
      const found = await this.catalogue.findOccupation(ctx, dto.occupationCode);
      if (!found) throw unknownCodes('occupationCode', [dto.occupationCode]);
    }
    const programmes = distinct(dto.programmeCodes ?? undefined);
    if (programmes.length > 0) {
      const found = new Set((await this.catalogue.findProgrammes(ctx, programmes)).map((p) => p.code));
      const missing = programmes.filter((code) => !found.has(code));
      if (missing.length > 0) throw unknownCodes('programmeCodes', missing);
    }
    const classes = distinct(dto.programmeClassCodes ?? undefined);
    const missingClasses: string[] = [];
    for (const code of classes) {
      if (!(await this.catalogue.findClass(ctx, code))) missingClasses.push(code);
    }
    if (missingClasses.length > 0) throw unknownCodes('programmeClassCodes', missingClasses);
  }
}

/** Filters both posting lists share. */
export function applyCommonFilters(
  qb: SelectQueryBuilder<object>,
  ctx: RequestContext,
  query: {
    status?: PostingStatus[];
    organizationId?: string;
    mine?: boolean;
    q?: string;
    publishedFrom?: string;
    publishedTo?: string;
    validOn?: string;
  },
): void {
  if (query.status?.length) qb.andWhere('p.status = ANY(:statuses)', { statuses: query.status });
  if (query.organizationId) qb.andWhere('p.organization_id = :orgId', { orgId: query.organizationId });
  if (query.mine) {
    qb.andWhere('p.organization_id = :mineOrg', {
      mineOrg: ctx.actor?.organizationId ?? '00000000-0000-0000-0000-000000000000',
    });
  }
  if (query.q) {
    // search_text is normalised like skills; the trigram index serves ILIKE '%…%' (Chinese included).
    qb.andWhere(`p.search_text ILIKE :q ESCAPE '\\'`, { q: `%${escapeLike(canonicalSkill(query.q, new Map()))}%` });
  }
  if (query.publishedFrom) qb.andWhere('p.published_at >= :pubFrom', { pubFrom: chinaStartOfDay(query.publishedFrom) });
  if (query.publishedTo) {
    qb.andWhere('p.published_at < :pubTo', { pubTo: chinaStartOfDay(addDays(query.publishedTo, 1)) });
  }
  if (query.validOn) qb.andWhere('(p.valid_until IS NULL OR p.valid_until >= :validOn)', { validOn: query.validOn });
}

function distinct(values: readonly string[] | undefined | null): string[] {
  return [...new Set(values ?? [])];
}

function definedOnly<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
