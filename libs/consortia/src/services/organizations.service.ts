import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  CursorPage,
  keysetPage,
  escapeLike,
  findOneOrThrow,
  queryRow,
  queryRows,
  isUniqueViolation,
  RequestContext,
  sortOrder,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { LEAD_UNIT_SLOTS, LeadUnitIds, MEMBERSHIP_STATES_LEAVING, slotsBrokenByType } from '../domain/lead-units';
import { withIndustryName } from '../domain/industries';
import { allowedTransitions, canTransition, precedesLastChange } from '../domain/lifecycles';
import {
  CreateOrganizationDto,
  MembershipEventDto,
  MembershipTransitionDto,
  OrganizationListQueryDto,
  OrganizationStatsDto,
  UpdateOrganizationDto,
} from '../dto/organization.dto';
import { MembershipStatus } from '../entities/membership-status';
import { Organization } from '../entities/organization.entity';
import { OrganizationType } from '../entities/organization-type';
import {
  ConsortiaErrorCode,
  ConsortiaException,
  effectiveDateBeforeLastChange,
  organizationNotFound,
  rejectNulls,
} from '../exceptions/consortia.exception';

const SORT_COLUMNS = { name: 'o.name', createdAt: 'o.created_at' } as const;

/** Member organizations (成员单位) of the context's consortium and their membership lifecycle. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    ctx: RequestContext,
    query: OrganizationListQueryDto,
  ): Promise<CursorPage<Organization> & { total: number }> {
    return this.tx.run(ctx, async (m) => {
      const qb = m.createQueryBuilder(Organization, 'o').where('o.consortium_id = :cid', { cid: ctx.consortiumId });
      if (query.type) qb.andWhere('o.type = :type', { type: query.type });
      if (query.status) qb.andWhere('o.membership_status = :status', { status: query.status });
      if (query.industryCode) qb.andWhere('o.industry_code LIKE :industry', { industry: `${query.industryCode}%` });
      if (query.district) qb.andWhere('o.district = :district', { district: query.district });
      for (const flag of ['leadingEnterprise', 'certifiedIntegrationEnterprise', 'doubleHighSchool'] as const) {
        if (query[flag] !== undefined) qb.andWhere(`o.${flag} = :${flag}`, { [flag]: query[flag] });
      }
      if (query.q) {
        // Trigram indexes serve ILIKE '%…%' on both names.
        qb.andWhere(`(o.name ILIKE :q ESCAPE '\\' OR o.name_en ILIKE :q ESCAPE '\\')`, {
          q: `%${escapeLike(query.q)}%`,
        });
      }
      // The total counts every match, whichever page this is.
      const total = await qb.clone().getCount();
      const page = await keysetPage(qb, sortOrder(query.sort ?? 'name', SORT_COLUMNS, 'o.id'), query);
      return { ...page, total };
    });
  }

  /** Active member organizations of the given types, by name (for other contexts: expected reporters, pickers). */
  async activeMembers(
    ctx: RequestContext,
    types: readonly OrganizationType[],
  ): Promise<Array<{ id: string; name: string; type: OrganizationType }>> {
    return this.tx.run(ctx, (m) =>
      queryRows<{ id: string; name: string; type: OrganizationType }>(
        m,
        `SELECT id, name, type FROM organization
          WHERE consortium_id = $1 AND membership_status = 'active' AND type = ANY($2::text[]) ORDER BY name, id`,
        [ctx.consortiumId, [...types]],
      ),
    );
  }

  /** Name, type, industry and status of the given organizations of the consortium (for other contexts' checks and reports); unknown ids are left out. */
  async summaries(
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<
    Array<{ id: string; name: string; type: OrganizationType; industryCode: string | null; membershipStatus: string }>
  > {
    if (ids.length === 0) return [];
    return this.tx.run(ctx, (m) =>
      queryRows<{
        id: string;
        name: string;
        type: OrganizationType;
        industryCode: string | null;
        membershipStatus: string;
      }>(
        m,
        `SELECT id, name, type, industry_code AS "industryCode", membership_status AS "membershipStatus" FROM organization
          WHERE consortium_id = $1 AND id = ANY($2::uuid[]) ORDER BY name, id`,
        [ctx.consortiumId, [...new Set(ids)]],
      ),
    );
  }

  async stats(ctx: RequestContext): Promise<OrganizationStatsDto> {
    return this.tx.run(ctx, async (m) => {
      const rows: Array<{ type: string; membership_status: string; n: number }> = await m.query(
        `SELECT type, membership_status, count(*)::int AS n FROM organization
          WHERE consortium_id = $1 GROUP BY type, membership_status`,
        [ctx.consortiumId],
      );
      const stats: OrganizationStatsDto = { total: 0, byType: {}, byStatus: {} };
      for (const row of rows) {
        stats.total += row.n;
        stats.byType[row.type] = (stats.byType[row.type] ?? 0) + row.n;
        stats.byStatus[row.membership_status] = (stats.byStatus[row.membership_status] ?? 0) + row.n;
      }
      return stats;
    });
  }

  async get(ctx: RequestContext, organizationId: string): Promise<Organization> {
    return this.tx.run(ctx, (m) =>
      findOneOrThrow(m, Organization, { id: organizationId, consortiumId: ctx.consortiumId }, () =>
        organizationNotFound(organizationId),
      ),
    );
  }

  /** Registers an organization as `applied`, recording the first membership event. */
  async create(ctx: RequestContext, input: CreateOrganizationDto): Promise<Organization> {
    const dto = withIndustryName(input);
    return this.translateDuplicates(dto, () =>
      this.tx.run(ctx, async (m) => {
        const today = this.clock.chinaToday();
        const result = await m.insert(Organization, {
          ...dto,
          consortiumId: ctx.consortiumId,
          membershipStatus: MembershipStatus.Applied,
          membershipChangedOn: today,
        });
        const id = result.identifiers[0].id as string;
        await this.recordEvent(m, ctx, id, null, MembershipStatus.Applied, today, null);
        await this.audit.record(ctx, {
          action: 'consortia.organization.created',
          entityType: 'organization',
          entityId: id,
          changes: { type: dto.type, name: dto.name, creditCode: dto.creditCode ?? null },
        });
        return this.get(ctx, id);
      }),
    );
  }

  async update(ctx: RequestContext, organizationId: string, input: UpdateOrganizationDto): Promise<Organization> {
    const dto = withIndustryName(input);
    rejectNulls(dto, [
      'type',
      'name',
      'leadingEnterprise',
      'certifiedIntegrationEnterprise',
      'doubleHighSchool',
      'contacts',
      'membershipStatus',
    ]);
    return this.translateDuplicates(dto, () =>
      this.tx.run(ctx, async (m) => {
        const { row } = await updateAudited(m, this.audit, ctx, {
          entity: Organization,
          where: { id: organizationId, consortiumId: ctx.consortiumId },
          notFound: () => organizationNotFound(organizationId),
          patch: dto,
          action: 'consortia.organization.updated',
          entityType: 'organization',
          entityId: organizationId,
          check: async (current, changes) => {
            if (changes.type)
              await this.assertTypeChangesKeepLeadUnits(m, ctx, [{ id: organizationId, type: changes.type }]);
            const type = changes.type ?? current.type;
            const creditCode = changes.creditCode !== undefined ? changes.creditCode : current.creditCode;
            if (type === OrganizationType.Enterprise && !creditCode) {
              throw new ConsortiaException(
                ConsortiaErrorCode.CreditCodeRequired,
                'creditCode is required for enterprises',
                {
                  field: 'creditCode',
                },
              );
            }
          },
        });
        return row;
      }),
    );
  }

  /** Who fills the consortium's lead-unit slots, read under a share lock so a concurrent change of them waits. */
  async leadUnitIds(m: EntityManager, ctx: RequestContext): Promise<LeadUnitIds> {
    const row = await queryRow<{ government: string | null; school: string | null; enterprise: string | null }>(
      m,
      `SELECT lead_government_org_id AS government, lead_school_org_id AS school, lead_enterprise_org_id AS enterprise
         FROM consortium WHERE id = $1 FOR SHARE`,
      [ctx.consortiumId],
    );
    return row ?? {};
  }

  /**
   * Lead units keep a type that fits their slot (PATCH and the import both end here):
   * 409 lead_unit_in_use naming the first organization whose new type breaks its slot.
   */
  async assertTypeChangesKeepLeadUnits(
    m: EntityManager,
    ctx: RequestContext,
    changes: ReadonlyArray<{ id: string; type: OrganizationType }>,
  ): Promise<void> {
    if (changes.length === 0) return;
    const leads = await this.leadUnitIds(m, ctx);
    for (const change of changes) {
      const [slot] = slotsBrokenByType(leads, change.id, change.type);
      if (slot) {
        throw new ConsortiaException(
          ConsortiaErrorCode.LeadUnitInUse,
          `This organization is the consortium's lead ${slot} and cannot become ${change.type}; name another lead ${slot} first`,
          { field: 'type', leadUnit: slot, organizationId: change.id },
        );
      }
    }
  }

  /** Moves an organization along its membership lifecycle (only allowed transitions), with date and reason. */
  async transition(ctx: RequestContext, organizationId: string, dto: MembershipTransitionDto): Promise<Organization> {
    return this.tx.run(ctx, async (m) => {
      // Locked, so two concurrent transitions cannot both start from the same state.
      const row = await queryRow<{ membership_status: MembershipStatus; last_change_on: string | null }>(
        m,
        // The last transition's date; the event recorded at registration does not count,
        // so a membership can still be entered with its historical dates.
        `SELECT membership_status,
                (SELECT to_char(max(effective_on), 'YYYY-MM-DD') FROM organization_membership_event e
                  WHERE e.organization_id = o.id AND e.consortium_id = o.consortium_id AND e.from_status IS NOT NULL
                ) AS last_change_on
           FROM organization o WHERE id = $1 AND consortium_id = $2 FOR UPDATE`,
        [organizationId, ctx.consortiumId],
      );
      if (!row) throw organizationNotFound(organizationId);
      const from = row.membership_status;
      if (!canTransition('membership', from, dto.to)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidTransition,
          `Membership cannot go from ${from} to ${dto.to}`,
          { from, to: dto.to, allowed: allowedTransitions('membership', from) },
        );
      }
      const lastChangeOn = precedesLastChange(dto.effectiveOn, row.last_change_on);
      if (lastChangeOn) throw effectiveDateBeforeLastChange(dto.effectiveOn, lastChangeOn);
      if (MEMBERSHIP_STATES_LEAVING.includes(dto.to)) {
        await this.refuseIfLeadUnit(m, ctx, organizationId, dto.to);
        await this.refuseIfSeated(m, ctx, organizationId, dto.effectiveOn);
      }
      await m.update(
        Organization,
        { id: organizationId, consortiumId: ctx.consortiumId },
        { membershipStatus: dto.to, membershipChangedOn: dto.effectiveOn },
      );
      await this.recordEvent(m, ctx, organizationId, from, dto.to, dto.effectiveOn, dto.reason ?? null);
      await this.audit.record(ctx, {
        action: 'consortia.organization.membership_changed',
        entityType: 'organization',
        entityId: organizationId,
        changes: { membershipStatus: { from, to: dto.to }, effectiveOn: dto.effectiveOn, reason: dto.reason ?? null },
      });
      return this.get(ctx, organizationId);
    });
  }

  async history(ctx: RequestContext, organizationId: string): Promise<MembershipEventDto[]> {
    await this.get(ctx, organizationId);
    return this.tx.run(ctx, (m) =>
      m.query(
        `SELECT id::text, from_status AS "fromStatus", to_status AS "toStatus", to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn",
                reason, actor_user_id AS "actorUserId", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
           FROM organization_membership_event WHERE organization_id = $1 AND consortium_id = $2 ORDER BY organization_membership_event.id`,
        [organizationId, ctx.consortiumId],
      ),
    );
  }

  /** Row lock: type and membership changes wait for a concurrent lead-unit assignment (which takes FOR SHARE). */
  /** A lead unit (牵头单位) stays in the consortium: the secretariat names another lead unit first. */
  private async refuseIfLeadUnit(
    m: EntityManager,
    ctx: RequestContext,
    organizationId: string,
    to: string,
  ): Promise<void> {
    const leads = await this.leadUnitIds(m, ctx);
    const slot = LEAD_UNIT_SLOTS.find((s) => leads[s] === organizationId);
    if (slot) {
      throw new ConsortiaException(
        ConsortiaErrorCode.LeadUnitInUse,
        `This organization is the consortium's lead ${slot} and cannot be ${to}; name another lead ${slot} first`,
        { field: 'to', leadUnit: slot },
      );
    }
  }

  /** An organization that leaves gives up its council seats first (their terms end before it goes). */
  private async refuseIfSeated(
    m: EntityManager,
    ctx: RequestContext,
    organizationId: string,
    leavingOn: string,
  ): Promise<void> {
    const seats: Array<{ id: string; person_name: string }> = await m.query(
      `SELECT id, person_name FROM council_seat WHERE consortium_id = $1 AND organization_id = $2 AND term_end >= $3::date`,
      [ctx.consortiumId, organizationId, leavingOn],
    );
    if (seats.length > 0) {
      throw new ConsortiaException(
        ConsortiaErrorCode.HoldsCouncilSeat,
        `This organization holds ${seats.length} council seat(s) running on or after ${leavingOn} (${seats
          .map((seat) => seat.person_name)
          .join(', ')}); end those terms first`,
        { field: 'to', seatIds: seats.map((seat) => seat.id) },
      );
    }
  }

  private recordEvent(
    m: EntityManager,
    ctx: RequestContext,
    organizationId: string,
    from: MembershipStatus | null,
    to: MembershipStatus,
    effectiveOn: string,
    reason: string | null,
  ): Promise<unknown> {
    return m.query(
      `INSERT INTO organization_membership_event (consortium_id, organization_id, from_status, to_status, effective_on, reason, actor_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [ctx.consortiumId, organizationId, from, to, effectiveOn, reason, ctx.actor?.userId ?? null],
    );
  }

  /** Name and credit code are unique per consortium; a concurrent duplicate gets the same 409. */
  private async translateDuplicates<T>(
    dto: { name?: string; creditCode?: string },
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'organization_name_key')) {
        throw new ConsortiaException(
          ConsortiaErrorCode.DuplicateOrganization,
          `An organization named ${dto.name} already exists`,
          {
            field: 'name',
          },
        );
      }
      if (isUniqueViolation(error, 'organization_credit_code_key')) {
        throw new ConsortiaException(
          ConsortiaErrorCode.DuplicateOrganization,
          `An organization with credit code ${dto.creditCode} already exists`,
          { field: 'creditCode' },
        );
      }
      throw error;
    }
  }
}
