import { Injectable } from '@nestjs/common';
import { CursorPage, RequestContext } from '@chanjiao/core';
import { canonicalSkills, searchText } from '../domain/skills';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { CreateSupplyPostingDto, SupplyPostingListQueryDto, UpdateSupplyPostingDto } from '../dto/supply-posting.dto';
import { SupplyPosting } from '../entities/supply-posting.entity';
import { invalidField, notOwnOrganization } from '../exceptions/talent.exception';
import { OfferingLookup, SchoolOffering } from './offering-lookup';
import { PostingViewer, viewerOf } from './posting-access';
import { postingKind, PostingLifecycleService, refuseNulls } from './posting-lifecycle.service';
import { SkillSynonymsService } from './skill-synonyms.service';

const SUPPLY = postingKind(SupplyPosting, 'supply');

const SORT_COLUMNS = {
  publishedAt: 'COALESCE(p.published_at, p.created_at)',
  updatedAt: 'p.updated_at',
  cohortYear: 'p.cohort_year',
  headcount: 'p.headcount',
};

const REQUIRED = ['offeringId', 'cohortYear', 'headcount', 'title', 'note'] as const;

/**
 * Schools' talent supply (人才供给): graduates of one of the school's programme
 * offerings. Same ownership rules and lifecycle as demand postings (`PostingLifecycleService`).
 */
@Injectable()
export class SupplyPostingsService {
  constructor(
    private readonly lifecycle: PostingLifecycleService,
    private readonly offerings: OfferingLookup,
    private readonly synonyms: SkillSynonymsService,
  ) {}

  list(ctx: RequestContext, query: SupplyPostingListQueryDto): Promise<CursorPage<SupplyPosting>> {
    return this.lifecycle.list(ctx, SUPPLY, query, SORT_COLUMNS, (qb) => {
      if (query.level) qb.andWhere('p.level = :level', { level: query.level });
      if (query.cohortYear) qb.andWhere('p.cohort_year = :cohort', { cohort: query.cohortYear });
      if (query.mode) qb.andWhere(':mode = ANY(p.modes)', { mode: query.mode });
      if (query.programmeCode) qb.andWhere('p.programme_code = :pcode', { pcode: query.programmeCode });
      if (query.programmeClassCode)
        qb.andWhere('p.programme_class_code = :pclass', { pclass: query.programmeClassCode });
    });
  }

  get(ctx: RequestContext, id: string): Promise<SupplyPosting> {
    return this.lifecycle.get(ctx, SUPPLY, id);
  }

  async create(ctx: RequestContext, dto: CreateSupplyPostingDto): Promise<SupplyPosting> {
    const viewer = viewerOf(ctx);
    const offering = await this.ownOffering(ctx, viewer, dto.offeringId);
    this.lifecycle.assertValidUntil(dto.validUntil);
    return this.lifecycle.create(ctx, SUPPLY, async (m) => {
      const map = await this.synonyms.synonymMap(m, ctx);
      const skills = canonicalSkills(dto.skills ?? offering.skills.map((skill) => ({ skill, weight: 3 })), map);
      const title = dto.title ?? `${dto.cohortYear}届${offering.programmeName}专业毕业生`;
      return {
        fields: {
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
          searchText: searchText([title, dto.note, offering.programmeName], skills),
        },
        audit: { offeringId: offering.id, cohortYear: dto.cohortYear, headcount: dto.headcount },
      };
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateSupplyPostingDto): Promise<SupplyPosting> {
    refuseNulls(dto, REQUIRED);
    if (dto.validUntil) this.lifecycle.assertValidUntil(dto.validUntil);
    return this.lifecycle.update(ctx, SUPPLY, id, async (m, current, viewer) => {
      const patch: Partial<SupplyPosting> = Object.fromEntries(
        Object.entries(dto).filter(([key, value]) => value !== undefined && key !== 'skills' && key !== 'offeringId'),
      ) as Partial<SupplyPosting>;
      let programmeName: string | null = null;
      if (dto.offeringId !== undefined && dto.offeringId !== current.offeringId) {
        const offering = await this.ownOffering(
          ctx,
          { ...viewer, organizationId: current.organizationId },
          dto.offeringId,
        );
        Object.assign(patch, {
          offeringId: offering.id,
          programmeCode: offering.programmeCode,
          programmeClassCode: offering.programmeClassCode,
          level: offering.level,
        });
        programmeName = offering.programmeName;
      }
      if (dto.modes !== undefined) patch.modes = [...new Set(dto.modes ?? [])];
      if (dto.skills !== undefined)
        patch.skills = canonicalSkills(dto.skills ?? [], await this.synonyms.synonymMap(m, ctx));
      const next = { ...current, ...patch };
      patch.searchText = searchText([next.title, next.note, programmeName], next.skills);
      return patch;
    });
  }

  transition(ctx: RequestContext, id: string, dto: PostingTransitionDto): Promise<SupplyPosting> {
    return this.lifecycle.transition(ctx, SUPPLY, id, dto);
  }

  /** Published postings whose last day is before `today` become expired (the daily job). */
  expire(ctx: RequestContext, today: string): Promise<string[]> {
    return this.lifecycle.expire(ctx, SUPPLY, today);
  }

  /** The offering must exist and belong to the caller's school (any school for the secretariat). */
  private async ownOffering(ctx: RequestContext, viewer: PostingViewer, offeringId: string): Promise<SchoolOffering> {
    const offering = await this.offerings.find(ctx, offeringId);
    if (!offering)
      throw invalidField('offeringId', `offeringId ${offeringId} is not a programme offering of this consortium`);
    if (viewer.organizationId) {
      if (offering.organizationId !== viewer.organizationId) throw notOwnOrganization('offeringId');
    } else if (!viewer.moderator) {
      throw notOwnOrganization('offeringId');
    }
    return offering;
  }
}
