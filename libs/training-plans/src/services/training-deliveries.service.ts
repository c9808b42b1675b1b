import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  CursorPage,
  findOneOrThrow,
  keysetPage,
  queryRows,
  RequestContext,
  sortOrder,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { EntityManager } from 'typeorm';
import { checkRosterRows, RosterInput, RosterProblem } from '../domain/roster-rows';
import { PlanVersionStatus } from '../entities/training-enums';
import { TrainingDelivery } from '../entities/training-delivery.entity';
import { TrainingPlan } from '../entities/training-plan.entity';
import { TrainingPlanItem } from '../entities/training-plan-item.entity';
import { TrainingPlanVersion } from '../entities/training-plan-version.entity';
import { TrainingRosterEntry } from '../entities/training-roster-entry.entity';
import { CreateDeliveryDto, DeliveryListQueryDto } from '../dto/delivery.dto';
import {
  deliveryNotFound,
  invalidValue,
  planNotFound,
  TrainingPlansErrorCode,
  TrainingPlansException,
  unknownOrganization,
} from '../exceptions/training-plans.exception';
import { memberOrganizationOf } from './access';
import { PersonIdHasher } from './person-id-hasher';
import { readRosterWorkbook } from './roster-workbook';
import { TrainingPlansService } from './training-plans.service';

const SORT_COLUMNS = { heldOn: 'd.held_on' } as const;

export interface DeliveryWithRoster {
  delivery: TrainingDelivery;
  rosterSize: number;
  /** Present for the secretariat and the item's provider. */
  roster?: TrainingRosterEntry[];
}

/**
 * Delivered sessions (培训实施) of the approved plan's items: a provider records the
 * sessions of its own items (the secretariat any), with an optional roster whose ID
 * numbers are kept only as keyed hashes and last four characters.
 */
@Injectable()
export class TrainingDeliveriesService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly plans: TrainingPlansService,
    private readonly hasher: PersonIdHasher,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, planId: string, query: DeliveryListQueryDto): Promise<CursorPage<DeliveryWithRoster>> {
    return this.tx.run(ctx, async (m) => {
      await this.plans.findPlan(m, ctx, planId);
      const qb = m
        .createQueryBuilder(TrainingDelivery, 'd')
        .where('d.consortium_id = :cid AND d.plan_id = :planId', { cid: ctx.consortiumId, planId });
      if (query.itemKey) qb.andWhere('d.item_key = :itemKey', { itemKey: query.itemKey });
      if (query.providerOrganizationId)
        qb.andWhere('d.provider_organization_id = :provider', { provider: query.providerOrganizationId });
      const page = await keysetPage(qb, sortOrder(query.sort ?? '-heldOn', SORT_COLUMNS, 'd.id'), query);
      const sizes = await this.rosterSizes(
        m,
        ctx,
        page.items.map((d) => d.id),
      );
      return {
        items: page.items.map((delivery) => ({ delivery, rosterSize: sizes.get(delivery.id) ?? 0 })),
        nextCursor: page.nextCursor,
      };
    });
  }

  get(ctx: RequestContext, planId: string, deliveryId: string): Promise<DeliveryWithRoster> {
    return this.tx.run(ctx, async (m) => {
      const delivery = await this.findDelivery(m, ctx, planId, deliveryId);
      const roster = await m.find(TrainingRosterEntry, {
        where: { consortiumId: ctx.consortiumId, deliveryId },
        order: { position: 'ASC' },
      });
      const own = memberOrganizationOf(ctx);
      const mayReadRoster = own === undefined || own === delivery.providerOrganizationId;
      return { delivery, rosterSize: roster.length, ...(mayReadRoster ? { roster } : {}) };
    });
  }

  create(ctx: RequestContext, planId: string, dto: CreateDeliveryDto): Promise<DeliveryWithRoster> {
    return this.tx.run(ctx, async (m) => {
      // Shares the lock approvals take for update: the approved version cannot change under the check.
      const plan = await findOneOrThrow(
        m,
        TrainingPlan,
        { id: planId, consortiumId: ctx.consortiumId },
        () => planNotFound(planId),
        {
          lock: 'share',
        },
      );
      const item = await this.approvedItem(m, ctx, plan, dto.itemKey);
      this.assertProvider(ctx, item.providerOrganizationId);
      if (Number(dto.heldOn.slice(0, 4)) !== plan.year) {
        throw invalidValue(
          'heldOn',
          `must be a day of the plan's year ${plan.year}`,
          TrainingPlansErrorCode.OutsidePlanYear,
        );
      }
      if (dto.heldOn > this.clock.chinaToday())
        throw invalidValue('heldOn', 'must not be in the future (record sessions once held)');
      const roster = dto.roster ?? [];
      const problems = checkRosterRows(roster, (index) => index);
      if (problems.length > 0) throw invalidRoster(problems, 'json');
      await this.assertOrganizations(ctx, 'participantOrganizationIds', dto.participantOrganizationIds ?? []);
      const rosterOrgs = roster.map((r) => r.organizationId).filter((id): id is string => !!id);
      await this.assertOrganizations(ctx, 'roster.organizationId', rosterOrgs);
      const participantCount = dto.participantCount ?? (roster.length > 0 ? roster.length : undefined);
      if (participantCount === undefined) throw invalidValue('participantCount', 'is required when no roster is given');
      if (participantCount < roster.length) {
        throw invalidValue('participantCount', `must not be below the roster's ${roster.length} rows`);
      }
      const delivery = m.create(TrainingDelivery, {
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        planId,
        itemKey: item.itemKey,
        providerOrganizationId: item.providerOrganizationId,
        heldOn: dto.heldOn,
        hours: String(dto.hours),
        participantCount,
        participantOrganizationIds: [...new Set(dto.participantOrganizationIds ?? [])],
        fundsReceived: dto.fundsReceived ?? '0',
        note: dto.note ?? null,
        recordedBy: ctx.actor?.userId ?? null,
      });
      await m.insert(TrainingDelivery, delivery);
      await this.writeRoster(m, ctx, delivery.id, roster);
      await this.audit.record(ctx, {
        action: 'training_plans.delivery.recorded',
        entityType: 'training_delivery',
        entityId: delivery.id,
        changes: {
          planId,
          itemKey: item.itemKey,
          heldOn: delivery.heldOn,
          hours: delivery.hours,
          participantCount,
          fundsReceived: delivery.fundsReceived,
          rosterRows: roster.length,
        },
      });
      return this.get(ctx, planId, delivery.id);
    });
  }

  remove(ctx: RequestContext, planId: string, deliveryId: string): Promise<void> {
    return this.tx.run(ctx, async (m) => {
      const delivery = await this.findDelivery(m, ctx, planId, deliveryId, true);
      this.assertProvider(ctx, delivery.providerOrganizationId);
      await m.delete(TrainingDelivery, { id: deliveryId, consortiumId: ctx.consortiumId });
      await this.audit.record(ctx, {
        action: 'training_plans.delivery.removed',
        entityType: 'training_delivery',
        entityId: deliveryId,
        changes: {
          planId,
          itemKey: delivery.itemKey,
          heldOn: delivery.heldOn,
          participantCount: delivery.participantCount,
        },
      });
    });
  }

  /** 404 for a plan of another consortium or none. */
  assertPlan(ctx: RequestContext, planId: string): Promise<void> {
    return this.tx.run(ctx, async (m) => {
      await this.plans.findPlan(m, ctx, planId);
    });
  }

  /** 404 for an unknown session, 403 for a member that is not its provider (checked before an upload is read). */
  assertWritable(ctx: RequestContext, planId: string, deliveryId: string): Promise<void> {
    return this.tx.run(ctx, async (m) => {
      const delivery = await this.findDelivery(m, ctx, planId, deliveryId);
      this.assertProvider(ctx, delivery.providerOrganizationId);
    });
  }

  /**
   * Replaces a session's roster from an xlsx file, all or nothing: any row problem
   * answers 422 with every problem by row (header = 1), column and reason (en and zh-CN).
   * The participant count rises to the roster's size if it was lower.
   */
  importRoster(
    ctx: RequestContext,
    planId: string,
    deliveryId: string,
    content: Buffer,
  ): Promise<{ rows: number; withIdNumber: number; participantCount: number }> {
    return this.tx.run(ctx, async (m) => {
      const delivery = await this.findDelivery(m, ctx, planId, deliveryId, true);
      this.assertProvider(ctx, delivery.providerOrganizationId);
      const read = await readRosterWorkbook(content);
      const problems = [...read.problems, ...checkRosterRows(read.rows, (index) => read.rows[index].row)];
      if (read.rows.length === 0 && problems.length === 0) {
        problems.push({
          row: 0,
          field: 'name',
          column: null,
          reason: 'the roster has no rows',
          reasonZh: '名册没有数据行',
        });
      }
      if (problems.length > 0) throw invalidRoster(problems, 'sheet');
      await m.delete(TrainingRosterEntry, { consortiumId: ctx.consortiumId, deliveryId });
      await this.writeRoster(m, ctx, deliveryId, read.rows);
      const participantCount = Math.max(delivery.participantCount, read.rows.length);
      if (participantCount !== delivery.participantCount) {
        await m.update(TrainingDelivery, { id: deliveryId, consortiumId: ctx.consortiumId }, { participantCount });
      }
      const withIdNumber = read.rows.filter((r) => r.idNumber).length;
      await this.audit.record(ctx, {
        action: 'training_plans.delivery.roster_imported',
        entityType: 'training_delivery',
        entityId: deliveryId,
        changes: {
          rows: read.rows.length,
          withIdNumber,
          participantCount: { from: delivery.participantCount, to: participantCount },
        },
      });
      return { rows: read.rows.length, withIdNumber, participantCount };
    });
  }

  private async writeRoster(m: EntityManager, ctx: RequestContext, deliveryId: string, rows: readonly RosterInput[]) {
    if (rows.length === 0) return;
    const entries = rows.map((row, position) => ({
      id: randomUUID(),
      consortiumId: ctx.consortiumId as string,
      deliveryId,
      position,
      name: row.name.trim(),
      organizationId: row.organizationId ?? null,
      organizationName: row.organizationName?.trim() || null,
      ...(row.idNumber?.trim() ? this.hasher.digest(row.idNumber) : { idHash: null, idLast4: null }),
    }));
    for (let start = 0; start < entries.length; start += 500) {
      await m.insert(TrainingRosterEntry, entries.slice(start, start + 500));
    }
  }

  private async approvedItem(m: EntityManager, ctx: RequestContext, plan: TrainingPlan, itemKey: string) {
    const approved = await m.findOne(TrainingPlanVersion, {
      where: { consortiumId: ctx.consortiumId, planId: plan.id, status: PlanVersionStatus.Approved },
    });
    if (!approved) {
      throw new TrainingPlansException(
        TrainingPlansErrorCode.NoApprovedVersion,
        'Sessions are recorded against the approved plan, and this plan has no approved version (or it is closed)',
      );
    }
    const item = await m.findOne(TrainingPlanItem, {
      where: { consortiumId: ctx.consortiumId, versionId: approved.id, itemKey },
    });
    if (!item) throw invalidValue('itemKey', `names no item of the approved version ${approved.version}`);
    return item;
  }

  private assertProvider(ctx: RequestContext, providerOrganizationId: string): void {
    const own = memberOrganizationOf(ctx);
    if (own !== undefined && own !== providerOrganizationId) {
      throw new TrainingPlansException(
        TrainingPlansErrorCode.OwnItemsOnly,
        'A provider records and changes the sessions of its own plan items only',
      );
    }
  }

  private async assertOrganizations(ctx: RequestContext, field: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const known = new Set((await this.organizations.summaries(ctx, ids)).map((o) => o.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw unknownOrganization(field, unknown);
  }

  private async findDelivery(m: EntityManager, ctx: RequestContext, planId: string, deliveryId: string, lock = false) {
    return findOneOrThrow(
      m,
      TrainingDelivery,
      { id: deliveryId, planId, consortiumId: ctx.consortiumId },
      () => deliveryNotFound(deliveryId),
      { lock: lock ? 'update' : undefined },
    );
  }

  private async rosterSizes(m: EntityManager, ctx: RequestContext, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ deliveryId: string; n: number }>(
      m,
      `SELECT delivery_id AS "deliveryId", count(*)::int AS n FROM training_roster_entry
        WHERE consortium_id = $1 AND delivery_id = ANY($2::uuid[]) GROUP BY delivery_id`,
      [ctx.consortiumId, ids],
    );
    return new Map(rows.map((r) => [r.deliveryId, r.n]));
  }
}

/** 422 listing every roster problem: JSON rows as `roster.<index>.<field>`, sheet rows by row number and column. */
function invalidRoster(problems: RosterProblem[], source: 'json' | 'sheet'): TrainingPlansException {
  const shown = problems.slice(0, 500);
  const fieldOf = (p: RosterProblem) => (source === 'json' ? `roster.${p.row}.${p.field}` : p.field);
  return new TrainingPlansException(
    TrainingPlansErrorCode.InvalidRoster,
    `The roster has ${problems.length} problem(s): ${shown
      .slice(0, 5)
      .map((p) => (source === 'json' ? `${fieldOf(p)}: ${p.reason}` : `row ${p.row}: ${p.reason}`))
      .join('; ')}`,
    {
      field: fieldOf(shown[0]),
      fields: shown.map((p) => ({ field: fieldOf(p), problems: [p.reason] })),
      ...(source === 'sheet'
        ? { errors: shown.map((p) => ({ row: p.row, column: p.column, reason: p.reason, reasonZh: p.reasonZh })) }
        : {}),
      problemCount: problems.length,
    },
  );
}
