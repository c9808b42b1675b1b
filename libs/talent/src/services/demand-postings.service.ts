import { Injectable } from '@nestjs/common';
import { CursorPage, escapeLike, RequestContext } from '@chanjiao/core';
import { OrganizationsService, OrganizationType } from '@chanjiao/consortia';
import { CatalogueService } from '@chanjiao/programmes';
import { salaryProblem } from '../domain/posting-lifecycle';
import { canonicalSkills, searchText } from '../domain/skills';
import { CreateDemandPostingDto, DemandPostingListQueryDto, UpdateDemandPostingDto } from '../dto/demand-posting.dto';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { DemandPosting } from '../entities/demand-posting.entity';
import { EducationLevel } from '../entities/talent-enums';
import { invalidField, notOwnOrganization, unknownCodes, wrongOrganizationType } from '../exceptions/talent.exception';
import { PostingViewer, viewerOf } from './posting-access';
import { postingKind, PostingLifecycleService, refuseNulls } from './posting-lifecycle.service';
import { SkillSynonymsService } from './skill-synonyms.service';

const DEMAND = postingKind(DemandPosting, 'demand');

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
    private readonly lifecycle: PostingLifecycleService,
    private readonly organizations: OrganizationsService,
    private readonly catalogue: CatalogueService,
    private readonly synonyms: SkillSynonymsService,
  ) {}

  async list(ctx: RequestContext, query: DemandPostingListQueryDto): Promise<CursorPage<DemandPosting>> {
    const skill = query.skill ? await this.synonyms.canonical(ctx, query.skill) : undefined;
    return this.lifecycle.list(ctx, DEMAND, query, SORT_COLUMNS, (qb) => {
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
    });
  }

  get(ctx: RequestContext, id: string): Promise<DemandPosting> {
    return this.lifecycle.get(ctx, DEMAND, id);
  }

  async create(ctx: RequestContext, dto: CreateDemandPostingDto): Promise<DemandPosting> {
    const viewer = viewerOf(ctx);
    const organizationId = await this.postingEnterprise(ctx, viewer, dto.organizationId);
    await this.checkCodes(ctx, dto);
    this.checkDates(dto.validUntil, dto.salaryMin, dto.salaryMax);
    return this.lifecycle.create(ctx, DEMAND, async (m) => {
      const map = await this.synonyms.synonymMap(m, ctx);
      const requiredSkills = canonicalSkills(dto.requiredSkills ?? [], map);
      const preferredSkills = canonicalSkills(dto.preferredSkills ?? [], map);
      return {
        fields: {
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
          searchText: searchText([dto.title, dto.description], [...requiredSkills, ...preferredSkills]),
        },
        audit: { organizationId, title: dto.title, headcount: dto.headcount },
      };
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateDemandPostingDto): Promise<DemandPosting> {
    refuseNulls(dto, REQUIRED);
    if (dto.organizationId !== undefined) {
      throw invalidField(
        'organizationId',
        'organizationId cannot change: close this posting and create one for the other organization',
      );
    }
    await this.checkCodes(ctx, dto);
    return this.lifecycle.update(ctx, DEMAND, id, async (m, current) => {
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
      return patch;
    });
  }

  transition(ctx: RequestContext, id: string, dto: PostingTransitionDto): Promise<DemandPosting> {
    return this.lifecycle.transition(ctx, DEMAND, id, dto);
  }

  /** Published postings whose last day is before `today` become expired (the daily job). */
  expire(ctx: RequestContext, today: string): Promise<string[]> {
    return this.lifecycle.expire(ctx, DEMAND, today);
  }

  /** The enterprise a posting is created for: the member's own, or the one the secretariat names. */
  private async postingEnterprise(ctx: RequestContext, viewer: PostingViewer, requested?: string): Promise<string> {
    let organizationId: string;
    if (viewer.moderator && !viewer.organizationId) {
      if (!requested)
        throw invalidField('organizationId', 'organizationId is required: name the enterprise the posting is for');
      organizationId = requested;
    } else {
      if (!viewer.organizationId) throw notOwnOrganization('organizationId');
      if (requested && requested !== viewer.organizationId) throw notOwnOrganization('organizationId');
      organizationId = viewer.organizationId;
    }
    const [organization] = await this.organizations.summaries(ctx, [organizationId]);
    if (!organization)
      throw invalidField('organizationId', `organizationId ${organizationId} is not a member organization`);
    if (organization.type !== OrganizationType.Enterprise) {
      throw wrongOrganizationType('organizationId', 'an enterprise: schools post supply, not demand');
    }
    return organizationId;
  }

  private checkDates(
    validUntil: string | null | undefined,
    salaryMin: string | null | undefined,
    salaryMax: string | null | undefined,
  ) {
    this.lifecycle.assertValidUntil(validUntil);
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

function distinct(values: readonly string[] | undefined | null): string[] {
  return [...new Set(values ?? [])];
}

function definedOnly<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
