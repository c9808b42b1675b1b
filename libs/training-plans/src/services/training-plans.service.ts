import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  findOneOrThrow,
  queryRows,
  RequestContext,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { EntityManager, In } from 'typeorm';
import { canTransition, isFrozen } from '../domain/plan-lifecycle';
import { DIFF_FIELDS, DiffField, DiffItem, diffItems, PlanDiff } from '../domain/plan-diff';
import { PlanVersionStatus, TrainingType } from '../entities/training-enums';
import { TrainingPlan } from '../entities/training-plan.entity';
import { TrainingPlanItem } from '../entities/training-plan-item.entity';
import { TrainingPlanVersion } from '../entities/training-plan-version.entity';
import { CreateItemDto, CreatePlanDto, PlanListQueryDto, UpdateItemDto, VersionTransitionDto } from '../dto/plan.dto';
import {
  invalidValue,
  itemNotFound,
  planNotFound,
  rejectNulls,
  TrainingPlansErrorCode,
  TrainingPlansException,
  unknownOrganization,
  versionFrozen,
  versionNotFound,
} from '../exceptions/training-plans.exception';

export interface PlanWithVersions {
  plan: TrainingPlan;
  versions: TrainingPlanVersion[];
}

export interface VersionWithItems {
  version: TrainingPlanVersion;
  items: TrainingPlanItem[];
  linkedNeeds: Map<string, string[]>;
}

/**
 * The annual plan (年度培训规划) and its versions: the secretariat drafts a version,
 * submits and approves it; an approved version is immutable (the database refuses any
 * change to it or its items) and a new version starts as a copy of it, items keeping
 * their `itemKey`, so its differences are shown item by item and deliveries follow.
 * Approving a new version marks the previous approved one superseded.
 */
@Injectable()
export class TrainingPlansService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: PlanListQueryDto): Promise<PlanWithVersions[]> {
    return this.tx.run(ctx, async (m) => {
      const plans = await m.find(TrainingPlan, {
        where: { consortiumId: ctx.consortiumId, ...(query.year ? { year: query.year } : {}) },
        order: { year: 'DESC', id: 'ASC' },
      });
      const versions = plans.length
        ? await m.find(TrainingPlanVersion, {
            where: { consortiumId: ctx.consortiumId, planId: In(plans.map((p) => p.id)) },
            order: { version: 'ASC' },
          })
        : [];
      return plans.map((plan) => ({ plan, versions: versions.filter((v) => v.planId === plan.id) }));
    });
  }

  get(ctx: RequestContext, planId: string): Promise<PlanWithVersions> {
    return this.tx.run(ctx, async (m) => ({
      plan: await this.findPlan(m, ctx, planId),
      versions: await m.find(TrainingPlanVersion, {
        where: { consortiumId: ctx.consortiumId, planId },
        order: { version: 'ASC' },
      }),
    }));
  }

  /** A plan for a year, with its first (draft) version. One plan per year: a second answers 409 naming year. */
  create(ctx: RequestContext, dto: CreatePlanDto): Promise<PlanWithVersions> {
    return this.tx.run(ctx, async (m) => {
      const plan = m.create(TrainingPlan, {
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        year: dto.year,
        title: dto.title.trim(),
        createdBy: ctx.actor?.userId ?? null,
      });
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(TrainingPlan)
        .values(plan)
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        throw new TrainingPlansException(
          TrainingPlansErrorCode.DuplicatePlan,
          `The consortium already has a training plan for ${dto.year}`,
          { field: 'year', fields: [{ field: 'year', problems: [`a plan for ${dto.year} exists`] }] },
        );
      }
      await m.insert(TrainingPlanVersion, {
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        planId: plan.id,
        version: 1,
        status: PlanVersionStatus.Draft,
        createdBy: ctx.actor?.userId ?? null,
      });
      await this.audit.record(ctx, {
        action: 'training_plans.plan.created',
        entityType: 'training_plan',
        entityId: plan.id,
        changes: { year: plan.year, title: plan.title },
      });
      return this.get(ctx, plan.id);
    });
  }

  /** A new draft version, a copy of the approved one (items keep their keys). */
  createVersion(ctx: RequestContext, planId: string): Promise<TrainingPlanVersion> {
    return this.tx.run(ctx, async (m) => {
      await this.findPlan(m, ctx, planId, true);
      const versions = await m.find(TrainingPlanVersion, { where: { consortiumId: ctx.consortiumId, planId } });
      const open = versions.find(
        (v) => v.status === PlanVersionStatus.Draft || v.status === PlanVersionStatus.Submitted,
      );
      if (open) {
        throw new TrainingPlansException(
          TrainingPlansErrorCode.OpenVersionExists,
          `Version ${open.version} is still ${open.status}: finish it first`,
          { versionId: open.id },
        );
      }
      const approved = versions.find((v) => v.status === PlanVersionStatus.Approved);
      if (!approved) {
        throw new TrainingPlansException(
          TrainingPlansErrorCode.NoApprovedVersion,
          'A new version starts from the approved version, and the plan has none (or it is closed)',
        );
      }
      const id = randomUUID();
      const number = Math.max(...versions.map((v) => v.version)) + 1;
      await m.insert(TrainingPlanVersion, {
        id,
        consortiumId: ctx.consortiumId,
        planId,
        version: number,
        status: PlanVersionStatus.Draft,
        basedOnId: approved.id,
        createdBy: ctx.actor?.userId ?? null,
      });
      const items = await m.find(TrainingPlanItem, {
        where: { consortiumId: ctx.consortiumId, versionId: approved.id },
      });
      if (items.length > 0) {
        await m.insert(
          TrainingPlanItem,
          items.map((item) => ({
            ...item,
            id: randomUUID(),
            versionId: id,
            createdAt: undefined,
            updatedAt: undefined,
          })),
        );
      }
      await this.audit.record(ctx, {
        action: 'training_plans.version.created',
        entityType: 'training_plan_version',
        entityId: id,
        changes: { planId, version: number, basedOn: approved.version, items: items.length },
      });
      return findOneOrThrow(m, TrainingPlanVersion, { id, consortiumId: ctx.consortiumId }, () => versionNotFound(id));
    });
  }

  getVersion(ctx: RequestContext, planId: string, versionId: string): Promise<VersionWithItems> {
    return this.tx.run(ctx, async (m) => {
      const version = await this.findVersion(m, ctx, planId, versionId);
      const items = await this.itemsOf(m, ctx, versionId);
      const needs = await queryRows<{ itemKey: string; id: string }>(
        m,
        `SELECT item_key AS "itemKey", id FROM training_need
          WHERE consortium_id = $1 AND plan_id = $2 AND status = 'accepted' ORDER BY created_at, id`,
        [ctx.consortiumId, planId],
      );
      const linkedNeeds = new Map<string, string[]>();
      for (const need of needs) linkedNeeds.set(need.itemKey, [...(linkedNeeds.get(need.itemKey) ?? []), need.id]);
      return { version, items, linkedNeeds };
    });
  }

  transition(
    ctx: RequestContext,
    planId: string,
    versionId: string,
    dto: VersionTransitionDto,
  ): Promise<TrainingPlanVersion> {
    return this.tx.run(ctx, async (m) => {
      // The plan row is the lock every approval of this plan takes: one approved version at a time.
      await this.findPlan(m, ctx, planId, true);
      const version = await this.findVersion(m, ctx, planId, versionId, true);
      if (!canTransition(version.status, dto.to)) {
        throw new TrainingPlansException(
          TrainingPlansErrorCode.InvalidTransition,
          `Version ${version.version} is ${version.status} and cannot become ${dto.to}`,
          { field: 'to', from: version.status, to: dto.to },
        );
      }
      const now = this.clock.now();
      let superseded: number | null = null;
      if (dto.to === PlanVersionStatus.Submitted) {
        const count = await m.count(TrainingPlanItem, { where: { consortiumId: ctx.consortiumId, versionId } });
        if (count === 0) {
          throw new TrainingPlansException(
            TrainingPlansErrorCode.EmptyVersion,
            'A version without items cannot be submitted',
            {
              field: 'items',
            },
          );
        }
      }
      if (dto.to === PlanVersionStatus.Approved) {
        const previous = await m.findOne(TrainingPlanVersion, {
          where: { consortiumId: ctx.consortiumId, planId, status: PlanVersionStatus.Approved },
        });
        if (previous) {
          await m.update(
            TrainingPlanVersion,
            { id: previous.id, consortiumId: ctx.consortiumId },
            {
              status: PlanVersionStatus.Superseded,
              closedAt: now,
            },
          );
          superseded = previous.version;
        }
      }
      await m.update(
        TrainingPlanVersion,
        { id: versionId, consortiumId: ctx.consortiumId },
        {
          status: dto.to,
          ...(dto.note !== undefined ? { note: dto.note } : {}),
          ...(dto.to === PlanVersionStatus.Submitted ? { submittedAt: now } : {}),
          ...(dto.to === PlanVersionStatus.Draft ? { submittedAt: null } : {}),
          ...(dto.to === PlanVersionStatus.Approved ? { approvedAt: now, approvedBy: ctx.actor?.userId ?? null } : {}),
          ...(dto.to === PlanVersionStatus.Closed ? { closedAt: now } : {}),
        },
      );
      await this.audit.record(ctx, {
        action: `training_plans.version.${dto.to}`,
        entityType: 'training_plan_version',
        entityId: versionId,
        changes: {
          status: { from: version.status, to: dto.to },
          version: version.version,
          superseded,
          note: dto.note ?? null,
        },
      });
      return this.findVersion(m, ctx, planId, versionId);
    });
  }

  /** What changed from the version this one started from (for version 1: everything is added). */
  diff(
    ctx: RequestContext,
    planId: string,
    versionId: string,
  ): Promise<PlanDiff & { basedOn: TrainingPlanVersion | null }> {
    return this.tx.run(ctx, async (m) => {
      const version = await this.findVersion(m, ctx, planId, versionId);
      const basedOn = version.basedOnId
        ? await m.findOne(TrainingPlanVersion, { where: { id: version.basedOnId, consortiumId: ctx.consortiumId } })
        : null;
      const base = basedOn ? await this.itemsOf(m, ctx, basedOn.id) : [];
      const next = await this.itemsOf(m, ctx, versionId);
      return { ...diffItems(base.map(diffable), next.map(diffable)), basedOn };
    });
  }

  addItem(ctx: RequestContext, planId: string, versionId: string, dto: CreateItemDto): Promise<TrainingPlanItem> {
    return this.tx.run(ctx, async (m) => {
      const version = await this.findVersion(m, ctx, planId, versionId, true);
      if (isFrozen(version.status)) throw versionFrozen(version.version, version.status);
      await this.assertItemRules(ctx, dto);
      const count = await m.count(TrainingPlanItem, { where: { consortiumId: ctx.consortiumId, versionId } });
      const item = m.create(TrainingPlanItem, {
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        planId,
        versionId,
        itemKey: randomUUID(),
        position: dto.position ?? count,
        title: dto.title.trim(),
        type: dto.type,
        providerOrganizationId: dto.providerOrganizationId,
        openToPublic: dto.openToPublic ?? false,
        targetOrganizationIds: [...new Set(dto.targetOrganizationIds ?? [])],
        plannedSessions: dto.plannedSessions,
        plannedParticipantTimes: dto.plannedParticipantTimes,
        plannedHours: String(dto.plannedHours),
        budget: dto.budget,
        fundingSource: dto.fundingSource,
        trainingBaseId: dto.trainingBaseId ?? null,
        description: dto.description ?? null,
      });
      await m.insert(TrainingPlanItem, item);
      await this.audit.record(ctx, {
        action: 'training_plans.item.created',
        entityType: 'training_plan_item',
        entityId: item.id,
        changes: {
          versionId,
          itemKey: item.itemKey,
          title: item.title,
          providerOrganizationId: item.providerOrganizationId,
        },
      });
      return findOneOrThrow(m, TrainingPlanItem, { id: item.id, consortiumId: ctx.consortiumId }, () =>
        itemNotFound(item.id),
      );
    });
  }

  updateItem(
    ctx: RequestContext,
    planId: string,
    versionId: string,
    itemId: string,
    dto: UpdateItemDto,
  ): Promise<TrainingPlanItem> {
    rejectNulls(dto, [
      'title',
      'type',
      'providerOrganizationId',
      'openToPublic',
      'targetOrganizationIds',
      'plannedSessions',
      'plannedParticipantTimes',
      'plannedHours',
      'budget',
      'fundingSource',
      'position',
    ]);
    return this.tx.run(ctx, async (m) => {
      const version = await this.findVersion(m, ctx, planId, versionId, true);
      if (isFrozen(version.status)) throw versionFrozen(version.version, version.status);
      const patch = {
        ...dto,
        ...(dto.plannedHours !== undefined ? { plannedHours: String(dto.plannedHours) } : {}),
        ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
      };
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: TrainingPlanItem,
        where: { id: itemId, consortiumId: ctx.consortiumId, versionId },
        notFound: () => itemNotFound(itemId),
        patch,
        action: 'training_plans.item.updated',
        entityType: 'training_plan_item',
        entityId: itemId,
        check: (current) =>
          this.assertItemRules(ctx, {
            type: dto.type ?? current.type,
            providerOrganizationId: dto.providerOrganizationId ?? current.providerOrganizationId,
            openToPublic: dto.openToPublic ?? current.openToPublic,
            targetOrganizationIds: dto.targetOrganizationIds ?? current.targetOrganizationIds,
          }),
      });
      return row;
    });
  }

  removeItem(ctx: RequestContext, planId: string, versionId: string, itemId: string): Promise<void> {
    return this.tx.run(ctx, async (m) => {
      const version = await this.findVersion(m, ctx, planId, versionId, true);
      if (isFrozen(version.status)) throw versionFrozen(version.version, version.status);
      const item = await findOneOrThrow(
        m,
        TrainingPlanItem,
        { id: itemId, consortiumId: ctx.consortiumId, versionId },
        () => itemNotFound(itemId),
      );
      await m.delete(TrainingPlanItem, { id: itemId, consortiumId: ctx.consortiumId });
      await this.audit.record(ctx, {
        action: 'training_plans.item.removed',
        entityType: 'training_plan_item',
        entityId: itemId,
        changes: { versionId, itemKey: item.itemKey, title: item.title },
      });
    });
  }

  // --- for the other services of this context ---

  async findPlan(m: EntityManager, ctx: RequestContext, planId: string, lock = false): Promise<TrainingPlan> {
    return findOneOrThrow(m, TrainingPlan, { id: planId, consortiumId: ctx.consortiumId }, () => planNotFound(planId), {
      lock: lock ? 'update' : undefined,
    });
  }

  async findVersion(
    m: EntityManager,
    ctx: RequestContext,
    planId: string,
    versionId: string,
    lock = false,
  ): Promise<TrainingPlanVersion> {
    return findOneOrThrow(
      m,
      TrainingPlanVersion,
      { id: versionId, planId, consortiumId: ctx.consortiumId },
      () => versionNotFound(versionId),
      { lock: lock ? 'update' : undefined },
    );
  }

  itemsOf(m: EntityManager, ctx: RequestContext, versionId: string): Promise<TrainingPlanItem[]> {
    return m.find(TrainingPlanItem, {
      where: { consortiumId: ctx.consortiumId, versionId },
      order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  private async assertItemRules(
    ctx: RequestContext,
    item: Pick<CreateItemDto, 'type' | 'providerOrganizationId' | 'openToPublic' | 'targetOrganizationIds'>,
  ): Promise<void> {
    const targets = item.targetOrganizationIds ?? [];
    if (!item.openToPublic && targets.length === 0 && item.type !== TrainingType.Social) {
      throw invalidValue(
        'targetOrganizationIds',
        'must name at least one organization unless the item is open to the public',
      );
    }
    const known = new Set(
      (await this.organizations.summaries(ctx, [item.providerOrganizationId, ...targets])).map((o) => o.id),
    );
    if (!known.has(item.providerOrganizationId))
      throw unknownOrganization('providerOrganizationId', item.providerOrganizationId);
    const unknown = targets.find((id) => !known.has(id));
    if (unknown) throw unknownOrganization('targetOrganizationIds', unknown);
  }
}

function diffable(item: TrainingPlanItem): DiffItem {
  const fields = Object.fromEntries(DIFF_FIELDS.map((field) => [field, item[field]])) as Record<DiffField, unknown>;
  return { ...fields, itemKey: item.itemKey, title: item.title };
}
