import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  CursorPage,
  KeysetOrder,
  keysetPage,
  escapeLike,
  findOneOrThrow,
  queryRow,
  queryRows,
  forConsortium,
  isUniqueViolation,
  RequestContext,
  TransactionService,
  updateAudited,
  withoutTenant,
} from '@chanjiao/core';
import { ConsortiumListQueryDto } from '../dto/consortium.dto';
import { CreateConsortiumDto } from '../dto/create-consortium.dto';
import { StatusEventDto, StatusTransitionDto } from '../dto/status-transition.dto';
import { UpdateConsortiumDto } from '../dto/update-consortium.dto';
import {
  fitsLeadUnitSlot,
  LEAD_UNIT_RULES,
  LEAD_UNIT_SLOTS,
  LeadUnitRule,
  MEMBERSHIP_STATES_LEAVING,
} from '../domain/lead-units';
import { namedIndustries } from '../domain/industries';
import { allowedTransitions, canTransition, precedesLastChange } from '../domain/lifecycles';
import { ConsortiumStatus } from '../entities/consortium-status';
import { MembershipStatus } from '../entities/membership-status';
import { OrganizationType } from '../entities/organization-type';
import { Consortium } from '../entities/consortium.entity';
import {
  ConsortiaErrorCode,
  ConsortiaException,
  consortiumNotFound,
  effectiveDateBeforeLastChange,
  rejectNulls,
} from '../exceptions/consortia.exception';
import { OrganizationsService } from './organizations.service';

const BY_NAME: KeysetOrder[] = [
  { expression: 'c.name', direction: 'ASC' },
  { expression: 'c.id', direction: 'ASC' },
];

@Injectable()
export class ConsortiaService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a consortium in `planning` under `ctx.consortiumId` (the caller picks
   * the id, so a platform use case can add the first secretariat user in the same
   * transaction). Named lead units become active member organizations in their slots.
   */
  async create(ctx: RequestContext, dto: CreateConsortiumDto): Promise<Consortium> {
    const consortiumId = ctx.consortiumId;
    if (!consortiumId) throw new Error('ConsortiaService.create needs the new consortium id in ctx.consortiumId');
    const { leadUnits, leadingIndustries, ...rest } = dto;
    const profile = { ...rest, leadingIndustries: namedIndustries(leadingIndustries) };
    for (const slot of LEAD_UNIT_SLOTS) {
      const unit = leadUnits?.[slot];
      if (unit?.joinedOn && unit.joinedOn > this.clock.chinaToday()) {
        throw new ConsortiaException(
          ConsortiaErrorCode.EffectiveDateInFuture,
          `leadUnits.${slot}.joinedOn ${unit.joinedOn} is in the future (today is ${this.clock.chinaToday()} in China)`,
          { field: `leadUnits.${slot}.joinedOn` },
        );
      }
      if (unit && !fitsLeadUnitSlot(slot, unit.type)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidLeadUnit,
          `leadUnits.${slot}.type must be ${LEAD_UNIT_RULES[slot].description} (one of: ${LEAD_UNIT_RULES[slot].types.join(', ')})`,
          { field: `leadUnits.${slot}.type` },
        );
      }
    }
    try {
      return await this.tx.run(ctx, async (m) => {
        await m.insert(Consortium, { ...profile, id: consortiumId, status: ConsortiumStatus.Planning });
        const today = this.clock.chinaToday();
        const leads: Partial<Record<LeadUnitRule['field'], string>> = {};
        for (const slot of LEAD_UNIT_SLOTS) {
          const unit = leadUnits?.[slot];
          if (!unit) continue;
          const { joinedOn, ...fields } = unit;
          const organization = await this.organizations.create(ctx, fields);
          await this.organizations.transition(ctx, organization.id, {
            to: MembershipStatus.Active,
            effectiveOn: joinedOn ?? today,
            reason: '牵头单位 Lead unit named at founding',
          });
          leads[LEAD_UNIT_RULES[slot].field] = organization.id;
        }
        if (Object.keys(leads).length > 0) await m.update(Consortium, { id: consortiumId }, leads);
        await this.audit.record(ctx, {
          action: 'consortia.consortium.created',
          entityType: 'consortium',
          entityId: consortiumId,
          changes: { ...profile, ...leads },
        });
        return this.get(ctx, consortiumId);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'consortium_code_key')) {
        throw new ConsortiaException(
          ConsortiaErrorCode.DuplicateConsortiumCode,
          `A consortium with code ${dto.code} already exists`,
          { field: 'code' },
        );
      }
      throw error;
    }
  }

  /** Reads a consortium under its own tenant setting: row-level security decides visibility. */
  async get(ctx: RequestContext, consortiumId: string): Promise<Consortium> {
    return this.tx.run(forConsortium(ctx, consortiumId), (m) =>
      findOneOrThrow(m, Consortium, { id: consortiumId }, () => consortiumNotFound(consortiumId)),
    );
  }

  /**
   * The consortia the caller may see, by name, filtered and paged: a platform admin sees
   * all of them through the audited cross-consortium path; anyone else sees those they
   * are a member of (outside any tenant, the row-level security policy admits a user's own consortia).
   */
  async listVisible(ctx: RequestContext, query: ConsortiumListQueryDto): Promise<CursorPage<Consortium>> {
    const read = (m: EntityManager) => {
      const qb = m.createQueryBuilder(Consortium, 'c');
      if (query.q) {
        qb.andWhere(`(c.name ILIKE :q ESCAPE '\\' OR c.name_en ILIKE :q ESCAPE '\\' OR c.code ILIKE :q ESCAPE '\\')`, {
          q: `%${escapeLike(query.q)}%`,
        });
      }
      if (query.status) qb.andWhere('c.status = :status', { status: query.status });
      if (query.province) qb.andWhere('c.province = :province', { province: query.province });
      return keysetPage(qb, BY_NAME, query);
    };
    return ctx.actor?.platformAdmin
      ? this.tx.runAcrossConsortia(ctx, 'list all consortia', read)
      : this.tx.run(withoutTenant(ctx), read);
  }

  /** Whether a consortium exists, whoever asks (used to answer 404 for unknown tenants). */
  async exists(ctx: RequestContext, consortiumId: string): Promise<boolean> {
    const found = await this.tx.run(forConsortium(ctx, consortiumId), (m) =>
      m.exists(Consortium, { where: { id: consortiumId } }),
    );
    return found;
  }

  async update(ctx: RequestContext, consortiumId: string, changes: UpdateConsortiumDto): Promise<Consortium> {
    rejectNulls(changes, ['name', 'province', 'city', 'leadingIndustries']);
    const tenant = forConsortium(ctx, consortiumId);
    return this.tx.run(tenant, async (m) => {
      const { row } = await updateAudited(m, this.audit, tenant, {
        entity: Consortium,
        where: { id: consortiumId },
        notFound: () => consortiumNotFound(consortiumId),
        patch: { ...changes, leadingIndustries: namedIndustries(changes.leadingIndustries) },
        action: 'consortia.consortium.updated',
        entityType: 'consortium',
        entityId: consortiumId,
        check: () => this.assertLeadUnits(m, consortiumId, changes),
      });
      return row;
    });
  }

  /** Moves the consortium along the Ministry's process (only allowed transitions), with date and note. */
  async transitionStatus(ctx: RequestContext, consortiumId: string, dto: StatusTransitionDto): Promise<Consortium> {
    const tenant = forConsortium(ctx, consortiumId);
    return this.tx.run(tenant, async (m) => {
      const row = await queryRow<{ status: ConsortiumStatus; status_changed_on: string | null }>(
        m,
        `SELECT status, to_char(status_changed_on, 'YYYY-MM-DD') AS status_changed_on FROM consortium WHERE id = $1 FOR UPDATE`,
        [consortiumId],
      );
      if (!row) throw consortiumNotFound(consortiumId);
      const from = row.status;
      if (!canTransition('consortium', from, dto.to)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidTransition,
          `Status cannot go from ${from} to ${dto.to}`,
          {
            from,
            to: dto.to,
            allowed: allowedTransitions('consortium', from),
          },
        );
      }
      const lastChangeOn = precedesLastChange(dto.effectiveOn, row.status_changed_on);
      if (lastChangeOn) throw effectiveDateBeforeLastChange(dto.effectiveOn, lastChangeOn);
      await m.update(Consortium, { id: consortiumId }, { status: dto.to, statusChangedOn: dto.effectiveOn });
      await m.query(
        `INSERT INTO consortium_status_event (consortium_id, from_status, to_status, effective_on, note, actor_user_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [consortiumId, from, dto.to, dto.effectiveOn, dto.note ?? null, ctx.actor?.userId ?? null],
      );
      await this.audit.record(tenant, {
        action: 'consortia.consortium.status_changed',
        entityType: 'consortium',
        entityId: consortiumId,
        changes: { status: { from, to: dto.to }, effectiveOn: dto.effectiveOn, note: dto.note ?? null },
      });
      return this.get(ctx, consortiumId);
    });
  }

  async statusHistory(ctx: RequestContext, consortiumId: string): Promise<StatusEventDto[]> {
    return this.tx.run(forConsortium(ctx, consortiumId), (m) =>
      queryRows<StatusEventDto>(
        m,
        `SELECT id::text, from_status AS "fromStatus", to_status AS "toStatus",
                to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", note, actor_user_id AS "actorUserId",
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
           FROM consortium_status_event WHERE consortium_id = $1 ORDER BY consortium_status_event.id`,
        [consortiumId],
      ),
    );
  }

  /**
   * Lead units must be member organizations of the consortium, of the fitting type,
   * still in it. The rows are locked so a concurrent type change or withdrawal
   * (which checks the same rule from the other side) waits for this one.
   */
  private async assertLeadUnits(m: EntityManager, consortiumId: string, changes: UpdateConsortiumDto): Promise<void> {
    for (const slot of LEAD_UNIT_SLOTS) {
      const { field, description } = LEAD_UNIT_RULES[slot];
      const id = changes[field];
      if (!id) continue;
      const organization = await queryRow<{ type: OrganizationType; membership_status: MembershipStatus }>(
        m,
        `SELECT type, membership_status FROM organization WHERE id = $1 AND consortium_id = $2 FOR SHARE`,
        [id, consortiumId],
      );
      if (
        !organization ||
        !fitsLeadUnitSlot(slot, organization.type) ||
        MEMBERSHIP_STATES_LEAVING.includes(organization.membership_status)
      ) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidLeadUnit,
          `${field} must be ${description} of this consortium`,
          { field },
        );
      }
    }
  }
}
