import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  CursorPage,
  keysetPage,
  escapeLike,
  fieldChanges,
  isUniqueViolation,
  RequestContext,
  sortOrder,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import {
  fitsLeadUnitSlot,
  LEAD_UNIT_RULES,
  LEAD_UNIT_SLOTS,
  LeadUnitSlot,
  MEMBERSHIP_STATES_LEAVING,
} from '../domain/lead-units';
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
    const found = await this.tx.run(ctx, (m) =>
      m.findOne(Organization, { where: { id: organizationId, consortiumId: ctx.consortiumId } }),
    );
    if (!found) {
      throw new ConsortiaException(ConsortiaErrorCode.OrganizationNotFound, `Organization ${organizationId} not found`);
    }
    return found;
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
        await this.lock(m, ctx, organizationId);
        const current = await this.get(ctx, organizationId);
        const type = dto.type ?? current.type;
        if (type !== current.type) {
          await this.refuseIfLeadUnit(m, ctx, organizationId, (slot) => !fitsLeadUnitSlot(slot, type), {
            field: 'type',
            why: `cannot become ${type}`,
          });
        }
        const creditCode = dto.creditCode !== undefined ? dto.creditCode : current.creditCode;
        if (type === OrganizationType.Enterprise && !creditCode) {
          throw new ConsortiaException(
            ConsortiaErrorCode.CreditCodeRequired,
            'creditCode is required for enterprises',
            {
              field: 'creditCode',
            },
          );
        }
        const { changes, diff } = fieldChanges(current, dto);
        if (Object.keys(changes).length === 0) return current;
        await m.update(Organization, { id: organizationId, consortiumId: ctx.consortiumId }, changes);
        await this.audit.record(ctx, {
          action: 'consortia.organization.updated',
          entityType: 'organization',
          entityId: organizationId,
          changes: diff,
        });
        return this.get(ctx, organizationId);
      }),
    );
  }

  /** Moves an organization along its membership lifecycle (only allowed transitions), with date and reason. */
  async transition(ctx: RequestContext, organizationId: string, dto: MembershipTransitionDto): Promise<Organization> {
    return this.tx.run(ctx, async (m) => {
      // Locked, so two concurrent transitions cannot both start from the same state.
      const [row] = await m.query(
        // The last transition's date; the event recorded at registration does not count,
        // so a membership can still be entered with its historical dates.
        `SELECT membership_status,
                (SELECT to_char(max(effective_on), 'YYYY-MM-DD') FROM organization_membership_event e
                  WHERE e.organization_id = o.id AND e.consortium_id = o.consortium_id AND e.from_status IS NOT NULL
                ) AS last_change_on
           FROM organization o WHERE id = $1 AND consortium_id = $2 FOR UPDATE`,
        [organizationId, ctx.consortiumId],
      );
      if (!row) {
        throw new ConsortiaException(
          ConsortiaErrorCode.OrganizationNotFound,
          `Organization ${organizationId} not found`,
        );
      }
      const from = row.membership_status as MembershipStatus;
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
        await this.refuseIfLeadUnit(m, ctx, organizationId, () => true, { field: 'to', why: `cannot be ${dto.to}` });
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
  private async lock(m: EntityManager, ctx: RequestContext, organizationId: string): Promise<void> {
    await m.query(`SELECT 1 FROM organization WHERE id = $1 AND consortium_id = $2 FOR UPDATE`, [
      organizationId,
      ctx.consortiumId,
    ]);
  }

  /**
   * A lead unit (牵头单位) keeps its slot's type and stays in the consortium: the
   * secretariat names another lead unit first. `conflicts` says which slots the
   * intended change would break.
   */
  private async refuseIfLeadUnit(
    m: EntityManager,
    ctx: RequestContext,
    organizationId: string,
    conflicts: (slot: LeadUnitSlot) => boolean,
    detail: { field: string; why: string },
  ): Promise<void> {
    const [leads]: Array<Record<string, string | null>> = await m.query(
      `SELECT lead_government_org_id AS "leadGovernmentOrgId", lead_school_org_id AS "leadSchoolOrgId",
              lead_enterprise_org_id AS "leadEnterpriseOrgId"
         FROM consortium WHERE id = $1`,
      [ctx.consortiumId],
    );
    const slot = LEAD_UNIT_SLOTS.find((s) => leads?.[LEAD_UNIT_RULES[s].field] === organizationId && conflicts(s));
    if (slot) {
      throw new ConsortiaException(
        ConsortiaErrorCode.LeadUnitInUse,
        `This organization is the consortium's lead ${slot} and ${detail.why}; name another lead ${slot} first`,
        { field: detail.field, leadUnit: slot },
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
