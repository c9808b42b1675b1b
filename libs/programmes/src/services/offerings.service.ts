import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  CursorPage,
  findOneOrThrow,
  isUniqueViolation,
  keysetPage,
  normalizeSkill,
  normalizeSkills,
  RequestContext,
  sortOrder,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType, SCHOOL_TYPES } from '@chanjiao/consortia';
import { EntityManager, In } from 'typeorm';
import { levelFitsSchool, SCHOOL_PROGRAMME_LEVELS } from '../domain/catalogue-codes';
import { distinctTexts, mayEditOfferingsOf, normalizeExpectedGraduates, offeringEditor } from '../domain/offering-rules';
import { CreateOfferingDto, OfferingListQueryDto, UpdateOfferingDto } from '../dto/offering.dto';
import { CatalogueProgramme } from '../entities/catalogue-programme.entity';
import { CatalogueList, OfferingStatus } from '../entities/programme-enums';
import { ExpectedGraduates, ProgrammeOffering } from '../entities/programme-offering.entity';
import {
  invalidField,
  offeringNotFound,
  ProgrammesErrorCode,
  ProgrammesException,
  rejectNulls,
} from '../exceptions/programmes.exception';
import { CatalogueService } from './catalogue.service';

const SORT_COLUMNS = { programmeCode: 'o.programme_code', startYear: 'o.start_year', createdAt: 'o.created_at' };

/** An offering with the catalogue programme it names (for names and classes). */
export interface OfferingView {
  offering: ProgrammeOffering;
  programme: Pick<CatalogueProgramme, 'name' | 'classCode' | 'className' | 'categoryCode' | 'categoryName'>;
}

/** The values of an offering as the create rules accept them (shared by the API and the import). */
export type OfferingInput = CreateOfferingDto;

/**
 * Programme offerings (开设专业) of the consortium's schools. Rules on the one path every
 * caller takes (HTTP, import, demo seed): the owner is a school-type member organization;
 * the programme is in the current catalogue edition at a level the school runs; partners
 * are member organizations (schools for pathways, enterprises otherwise); a member user
 * creates and edits only its own organization's offerings, the secretariat any; skills
 * are normalised. One offering per school, edition and programme (a unique key).
 */
@Injectable()
export class OfferingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly catalogue: CatalogueService,
  ) {}

  list(ctx: RequestContext, query: OfferingListQueryDto): Promise<CursorPage<OfferingView>> {
    return this.tx.run(ctx, async (m) => {
      const qb = m.createQueryBuilder(ProgrammeOffering, 'o').where('o.consortium_id = :cid', { cid: ctx.consortiumId });
      if (query.organizationId) qb.andWhere('o.organization_id = :org', { org: query.organizationId });
      if (query.programmeCode) qb.andWhere('o.programme_code = :code', { code: query.programmeCode });
      if (query.classCode) qb.andWhere('o.programme_code LIKE :cls', { cls: `${query.classCode}%` });
      if (query.level) qb.andWhere('o.level = :level', { level: query.level });
      if (query.status) qb.andWhere('o.status = :status', { status: query.status });
      if (query.trainingMode) qb.andWhere(':mode = ANY(o.training_modes)', { mode: query.trainingMode });
      if (query.skill) qb.andWhere(':skill = ANY(o.skills)', { skill: normalizeSkill(query.skill) });
      if (query.graduatesIn !== undefined) {
        qb.andWhere(`o.expected_graduates @> jsonb_build_array(jsonb_build_object('year', CAST(:gy AS int)))`, {
          gy: query.graduatesIn,
        });
      }
      const page = await keysetPage(qb, sortOrder(query.sort ?? 'programmeCode', SORT_COLUMNS, 'o.id'), query);
      return { items: await this.withProgrammes(m, page.items), nextCursor: page.nextCursor };
    });
  }

  /** Every offering of one school (at most a few hundred), by programme code: the export and the import plan. */
  forOrganization(ctx: RequestContext, organizationId: string): Promise<OfferingView[]> {
    return this.tx.run(ctx, async (m) => {
      const rows = await m.find(ProgrammeOffering, {
        where: { consortiumId: ctx.consortiumId, organizationId },
        order: { programmeCode: 'ASC' },
      });
      return this.withProgrammes(m, rows);
    });
  }

  get(ctx: RequestContext, id: string): Promise<OfferingView> {
    return this.tx.run(ctx, async (m) => {
      const offering = await findOneOrThrow(m, ProgrammeOffering, { id, consortiumId: ctx.consortiumId }, () =>
        offeringNotFound(id),
      );
      return (await this.withProgrammes(m, [offering]))[0];
    });
  }

  /** The school a caller acts for: a member's own organization (another one answers 403), else the one named. */
  resolveOwner(ctx: RequestContext, organizationId: string | undefined): string {
    const editor = offeringEditor(ctx.actor);
    if (editor.kind === 'none') {
      throw new ProgrammesException(ProgrammesErrorCode.NotOwnOrganization, 'Only schools and the secretariat edit offerings');
    }
    const owner = organizationId ?? (editor.kind === 'own' ? editor.organizationId : undefined);
    if (!owner) {
      throw invalidField(ProgrammesErrorCode.NotASchool, 'organizationId', 'organizationId is required (the school the offering belongs to)');
    }
    if (!mayEditOfferingsOf(editor, owner)) {
      throw new ProgrammesException(
        ProgrammesErrorCode.NotOwnOrganization,
        "A member edits only its own organization's offerings",
        { field: 'organizationId' },
      );
    }
    return owner;
  }

  async create(ctx: RequestContext, dto: CreateOfferingDto): Promise<OfferingView> {
    const organizationId = this.resolveOwner(ctx, dto.organizationId);
    return this.tx.run(ctx, async (m) => {
      const id = await this.insert(m, ctx, organizationId, dto);
      return this.get(ctx, id);
    });
  }

  /** Inserts one offering after every rule (used by create, the import and the demo seed); returns its id. */
  async insert(m: EntityManager, ctx: RequestContext, organizationId: string, dto: OfferingInput): Promise<string> {
    const schoolType = await this.schoolType(ctx, organizationId);
    const edition = await this.catalogue.currentEditionIn(m, CatalogueList.Programmes);
    const programme = edition
      ? await m.findOne(CatalogueProgramme, { where: { edition, code: dto.programmeCode } })
      : null;
    if (!programme || !edition) {
      throw invalidField(
        ProgrammesErrorCode.UnknownProgramme,
        'programmeCode',
        `programmeCode ${dto.programmeCode} is not in the current programme catalogue${edition ? ` (${edition})` : ''}`,
      );
    }
    if (!levelFitsSchool(schoolType, programme.level)) {
      throw invalidField(
        ProgrammesErrorCode.LevelDoesNotFitSchool,
        'programmeCode',
        `programme ${programme.code} is a ${programme.level} programme; a ${schoolType} school runs ${SCHOOL_PROGRAMME_LEVELS[schoolType].join(', ') || 'none'}`,
      );
    }
    const values = await this.checkedValues(ctx, organizationId, dto);
    const id = randomUUID();
    try {
      await m.insert(ProgrammeOffering, {
        id,
        consortiumId: ctx.consortiumId,
        organizationId,
        catalogueEdition: edition,
        programmeCode: programme.code,
        level: programme.level,
        startYear: dto.startYear,
        status: dto.status ?? OfferingStatus.Active,
        enrolmentPlan: dto.enrolmentPlan ?? null,
        studentsEnrolled: dto.studentsEnrolled ?? null,
        contactName: dto.contactName ?? null,
        contactPhone: dto.contactPhone ?? null,
        contactEmail: dto.contactEmail ?? null,
        note: dto.note ?? null,
        expectedGraduates: values.expectedGraduates ?? [],
        skills: values.skills ?? [],
        certificates: values.certificates ?? [],
        trainingModes: values.trainingModes ?? [],
        partnerSchoolIds: values.partnerSchoolIds ?? [],
        partnerEnterpriseIds: values.partnerEnterpriseIds ?? [],
      });
    } catch (error) {
      if (isUniqueViolation(error, 'programme_offerings_programme_code_key')) throw duplicateOffering(programme.code);
      throw error;
    }
    await this.audit.record(ctx, {
      action: 'programmes.offering.created',
      entityType: 'programme_offering',
      entityId: id,
      changes: { organizationId, catalogueEdition: edition, programmeCode: programme.code, startYear: dto.startYear },
    });
    return id;
  }

  async update(ctx: RequestContext, id: string, dto: UpdateOfferingDto): Promise<OfferingView> {
    rejectNulls(dto, ['startYear', 'status', 'expectedGraduates', 'skills', 'certificates', 'trainingModes', 'partnerSchoolIds', 'partnerEnterpriseIds']);
    const editor = offeringEditor(ctx.actor);
    await this.tx.run(ctx, async (m) => {
      // Checked against the row before the values (whose partner checks need the owner).
      const current = await findOneOrThrow(m, ProgrammeOffering, { id, consortiumId: ctx.consortiumId }, () => offeringNotFound(id));
      if (!mayEditOfferingsOf(editor, current.organizationId)) {
        throw new ProgrammesException(ProgrammesErrorCode.NotOwnOrganization, "A member edits only its own organization's offerings");
      }
      const patch = { ...dto, ...(await this.checkedValues(ctx, current.organizationId, dto)) };
      await this.updateRow(m, ctx, id, patch);
    });
    return this.get(ctx, id);
  }

  /** Applies a checked patch with its audit entry (the import's update path too); true when something changed. */
  async updateRow(m: EntityManager, ctx: RequestContext, id: string, patch: object): Promise<boolean> {
    const result = await updateAudited(m, this.audit, ctx, {
      entity: ProgrammeOffering,
      where: { id, consortiumId: ctx.consortiumId },
      notFound: () => offeringNotFound(id),
      patch,
      action: 'programmes.offering.updated',
      entityType: 'programme_offering',
      entityId: id,
    });
    return result.changed;
  }

  /** A school's type (422 naming organizationId when it is not a member school). */
  async schoolType(ctx: RequestContext, organizationId: string): Promise<OrganizationType> {
    const organization = await this.organizations.get(ctx, organizationId).catch(() => undefined);
    if (!organization) {
      throw invalidField(ProgrammesErrorCode.NotASchool, 'organizationId', `organizationId ${organizationId} is not a member organization`);
    }
    if (!SCHOOL_TYPES.includes(organization.type)) {
      throw invalidField(ProgrammesErrorCode.NotASchool, 'organizationId', `organization ${organization.name} is a ${organization.type}, not a school`);
    }
    return organization.type;
  }

  /** Normalised list fields and checked partners; only the fields the input has. */
  async checkedValues(
    ctx: RequestContext,
    organizationId: string,
    dto: UpdateOfferingDto,
  ): Promise<Partial<Pick<ProgrammeOffering, 'expectedGraduates' | 'skills' | 'certificates' | 'trainingModes' | 'partnerSchoolIds' | 'partnerEnterpriseIds'>>> {
    const values: Partial<Pick<ProgrammeOffering, 'expectedGraduates' | 'skills' | 'certificates' | 'trainingModes' | 'partnerSchoolIds' | 'partnerEnterpriseIds'>> = {};
    if (dto.expectedGraduates) {
      const normalized = normalizeExpectedGraduates(dto.expectedGraduates as ExpectedGraduates[]);
      if ('duplicateYear' in normalized) {
        throw invalidField(ProgrammesErrorCode.InvalidExpectedGraduates, 'expectedGraduates', `expectedGraduates lists ${normalized.duplicateYear} twice`);
      }
      values.expectedGraduates = normalized.value;
    }
    if (dto.skills) values.skills = normalizeSkills(dto.skills);
    if (dto.certificates) values.certificates = distinctTexts(dto.certificates);
    if (dto.trainingModes) values.trainingModes = [...new Set(dto.trainingModes)];
    if (dto.partnerSchoolIds) {
      values.partnerSchoolIds = await this.checkPartners(ctx, organizationId, dto.partnerSchoolIds, 'partnerSchoolIds', SCHOOL_TYPES);
    }
    if (dto.partnerEnterpriseIds) {
      values.partnerEnterpriseIds = await this.checkPartners(ctx, organizationId, dto.partnerEnterpriseIds, 'partnerEnterpriseIds', [OrganizationType.Enterprise]);
    }
    return values;
  }

  private async checkPartners(
    ctx: RequestContext,
    organizationId: string,
    ids: readonly string[],
    field: string,
    types: readonly OrganizationType[],
  ): Promise<string[]> {
    const distinct = [...new Set(ids)];
    for (const id of distinct) {
      if (id === organizationId) {
        throw invalidField(ProgrammesErrorCode.InvalidPartner, field, `${field}: a school is not its own partner`);
      }
      const partner = await this.organizations.get(ctx, id).catch(() => undefined);
      if (!partner || !types.includes(partner.type)) {
        throw invalidField(ProgrammesErrorCode.InvalidPartner, field, `${field}: ${id} is not a member ${types.length === 1 ? 'enterprise' : 'school'}`);
      }
    }
    return distinct;
  }

  private async withProgrammes(m: EntityManager, offerings: ProgrammeOffering[]): Promise<OfferingView[]> {
    if (offerings.length === 0) return [];
    const editions = [...new Set(offerings.map((o) => o.catalogueEdition))];
    const codes = [...new Set(offerings.map((o) => o.programmeCode))];
    const programmes = await m.find(CatalogueProgramme, { where: { edition: In(editions), code: In(codes) } });
    const byKey = new Map(programmes.map((p) => [`${p.edition} ${p.code}`, p]));
    return offerings.map((offering) => {
      const programme = byKey.get(`${offering.catalogueEdition} ${offering.programmeCode}`);
      return {
        offering,
        programme: programme ?? { name: '', classCode: offering.programmeCode.slice(0, 4), className: '', categoryCode: offering.programmeCode.slice(0, 2), categoryName: '' },
      };
    });
  }
}

function duplicateOffering(code: string): ProgrammesException {
  return new ProgrammesException(
    ProgrammesErrorCode.DuplicateOffering,
    `The school already has an offering of programme ${code}`,
    { field: 'programmeCode', fields: [{ field: 'programmeCode', problems: ['already offered by this school'] }] },
  );
}
