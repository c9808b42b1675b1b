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
import { OrganizationsService } from '@chanjiao/consortia';
import { TrainingNeedStatus } from '../entities/training-enums';
import { TrainingNeed } from '../entities/training-need.entity';
import { TrainingPlanItem } from '../entities/training-plan-item.entity';
import { CreateNeedDto, NeedDecisionDto, NeedListQueryDto, UpdateNeedDto } from '../dto/need.dto';
import {
  invalidValue,
  itemNotFound,
  needNotFound,
  rejectNulls,
  TrainingPlansErrorCode,
  TrainingPlansException,
  unknownOrganization,
} from '../exceptions/training-plans.exception';
import { memberOrganizationOf } from './access';

const SORT_COLUMNS = { createdAt: 'n.created_at' } as const;

/**
 * Training needs (培训需求) of member organizations: an enterprise (or school) submits and
 * edits its own; the secretariat accepts one into a plan item or declines it with a reason.
 */
@Injectable()
export class TrainingNeedsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: NeedListQueryDto): Promise<CursorPage<TrainingNeed>> {
    return this.tx.run(ctx, (m) => {
      const qb = m.createQueryBuilder(TrainingNeed, 'n').where('n.consortium_id = :cid', { cid: ctx.consortiumId });
      const own = memberOrganizationOf(ctx);
      if (own !== undefined) qb.andWhere('n.organization_id = :own', { own });
      if (query.organizationId) qb.andWhere('n.organization_id = :org', { org: query.organizationId });
      if (query.status) qb.andWhere('n.status = :status', { status: query.status });
      if (query.type) qb.andWhere('n.type = :type', { type: query.type });
      return keysetPage(qb, sortOrder(query.sort ?? '-createdAt', SORT_COLUMNS, 'n.id'), query);
    });
  }

  /** A member sees its own organization's needs only (another's answers 404). */
  get(ctx: RequestContext, id: string): Promise<TrainingNeed> {
    return this.tx.run(ctx, async (m) => {
      const need = await findOneOrThrow(m, TrainingNeed, { id, consortiumId: ctx.consortiumId }, () =>
        needNotFound(id),
      );
      const own = memberOrganizationOf(ctx);
      if (own !== undefined && need.organizationId !== own) throw needNotFound(id);
      return need;
    });
  }

  create(ctx: RequestContext, dto: CreateNeedDto): Promise<TrainingNeed> {
    const own = memberOrganizationOf(ctx);
    let organizationId = dto.organizationId;
    if (own !== undefined) {
      if (organizationId && organizationId !== own) {
        throw new TrainingPlansException(
          TrainingPlansErrorCode.OwnOrganizationOnly,
          'A member submits needs for its own organization only',
          { field: 'organizationId' },
        );
      }
      organizationId = own;
    }
    if (!organizationId) throw invalidValue('organizationId', 'is required (the organization with the need)');
    assertPreferredPeriod(dto.preferredFrom, dto.preferredTo);
    const orgId = organizationId;
    return this.tx.run(ctx, async (m) => {
      const [organization] = await this.organizations.summaries(ctx, [orgId]);
      if (!organization) throw unknownOrganization('organizationId', orgId);
      const need = m.create(TrainingNeed, {
        id: randomUUID(),
        consortiumId: ctx.consortiumId,
        organizationId: orgId,
        topic: dto.topic.trim(),
        type: dto.type,
        occupationCode: dto.occupationCode ?? null,
        skills: dto.skills ?? null,
        trainees: dto.trainees,
        preferredFrom: dto.preferredFrom ?? null,
        preferredTo: dto.preferredTo ?? null,
        budget: dto.budget ?? null,
        status: TrainingNeedStatus.Submitted,
        submittedBy: ctx.actor?.userId ?? null,
      });
      await m.insert(TrainingNeed, need);
      await this.audit.record(ctx, {
        action: 'training_plans.need.submitted',
        entityType: 'training_need',
        entityId: need.id,
        changes: { organizationId: orgId, topic: need.topic, type: need.type, trainees: need.trainees },
      });
      return findOneOrThrow(m, TrainingNeed, { id: need.id, consortiumId: ctx.consortiumId }, () =>
        needNotFound(need.id),
      );
    });
  }

  /** Edits a need still awaiting a decision: a member its own organization's only. */
  update(ctx: RequestContext, id: string, dto: UpdateNeedDto): Promise<TrainingNeed> {
    rejectNulls(dto, ['topic', 'type', 'trainees']);
    return this.tx.run(ctx, async (m) => {
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: TrainingNeed,
        where: { id, consortiumId: ctx.consortiumId },
        notFound: () => needNotFound(id),
        patch: dto,
        action: 'training_plans.need.updated',
        entityType: 'training_need',
        entityId: id,
        check: (current) => {
          const own = memberOrganizationOf(ctx);
          if (own !== undefined && current.organizationId !== own) throw needNotFound(id);
          if (current.status !== TrainingNeedStatus.Submitted) throw needDecided(current.status);
          assertPreferredPeriod(
            dto.preferredFrom === undefined ? current.preferredFrom : dto.preferredFrom,
            dto.preferredTo === undefined ? current.preferredTo : dto.preferredTo,
          );
        },
      });
      return row;
    });
  }

  /** The secretariat's decision: accepted into a plan item (by id, any version of a plan), or declined with a reason. */
  decide(ctx: RequestContext, id: string, dto: NeedDecisionDto): Promise<TrainingNeed> {
    if (dto.decision === 'accepted' && !dto.itemId) throw invalidValue('itemId', 'is required to accept a need');
    if (dto.decision === 'declined' && !dto.reason?.trim())
      throw invalidValue('reason', 'is required to decline a need');
    return this.tx.run(ctx, async (m) => {
      const need = await findOneOrThrow(
        m,
        TrainingNeed,
        { id, consortiumId: ctx.consortiumId },
        () => needNotFound(id),
        {
          lock: 'update',
        },
      );
      if (need.status !== TrainingNeedStatus.Submitted) throw needDecided(need.status);
      let planId: string | null = null;
      let itemKey: string | null = null;
      if (dto.decision === 'accepted') {
        const item = await m.findOne(TrainingPlanItem, { where: { id: dto.itemId, consortiumId: ctx.consortiumId } });
        if (!item) throw itemNotFound(dto.itemId as string, 'itemId');
        planId = item.planId;
        itemKey = item.itemKey;
      }
      const status = dto.decision === 'accepted' ? TrainingNeedStatus.Accepted : TrainingNeedStatus.Declined;
      await m.update(
        TrainingNeed,
        { id, consortiumId: ctx.consortiumId },
        {
          status,
          planId,
          itemKey,
          decisionReason: dto.reason?.trim() ?? null,
          decidedBy: ctx.actor?.userId ?? null,
          decidedAt: this.clock.now(),
        },
      );
      await this.audit.record(ctx, {
        action: `training_plans.need.${status}`,
        entityType: 'training_need',
        entityId: id,
        changes: { status: { from: need.status, to: status }, planId, itemKey, reason: dto.reason ?? null },
      });
      return findOneOrThrow(m, TrainingNeed, { id, consortiumId: ctx.consortiumId }, () => needNotFound(id));
    });
  }
}

function needDecided(status: string): TrainingPlansException {
  return new TrainingPlansException(TrainingPlansErrorCode.NeedDecided, `The need is already ${status}`, { status });
}

function assertPreferredPeriod(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw invalidValue('preferredTo', 'must not be before preferredFrom');
}
