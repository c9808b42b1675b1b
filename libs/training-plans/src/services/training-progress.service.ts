import { Injectable } from '@nestjs/common';
import { Clock, queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { computeProgress, PlanProgress, ProgressDelivery, ProgressRosterEntry } from '../domain/progress';
import { PlanVersionStatus, TRAINING_TYPE_LABELS, TrainingType } from '../entities/training-enums';
import { TrainingPlan } from '../entities/training-plan.entity';
import { TrainingPlanItem } from '../entities/training-plan-item.entity';
import { TrainingPlanVersion } from '../entities/training-plan-version.entity';
import { TrainingPlansErrorCode, TrainingPlansException } from '../exceptions/training-plans.exception';
import { TrainingPlansService } from './training-plans.service';

export interface LabelledProgress extends PlanProgress {
  plan: TrainingPlan;
  version: TrainingPlanVersion;
  items: TrainingPlanItem[];
  asOf: string;
  /** Organization id → name, for every provider and item of the figures. */
  organizationNames: Map<string, string>;
  /** itemKey → title, for items the measured version no longer has too. */
  itemTitles: Map<string, string>;
}

export function typeLabel(type: string): string {
  return TRAINING_TYPE_LABELS[type as TrainingType]?.['zh-CN'] ?? type;
}

/**
 * Progress of a plan against its approved version (or the one asked for): the
 * deliveries of every item (followed across versions by item key) and the roster
 * hashes, added up by the pure rules in `domain/progress.ts`.
 */
@Injectable()
export class TrainingProgressService {
  constructor(
    private readonly tx: TransactionService,
    private readonly plans: TrainingPlansService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  progress(ctx: RequestContext, planId: string, versionId?: string): Promise<LabelledProgress> {
    return this.tx.run(ctx, async (m) => {
      const plan = await this.plans.findPlan(m, ctx, planId);
      const version = versionId
        ? await this.plans.findVersion(m, ctx, planId, versionId)
        : await this.measuredVersion(m, ctx, planId);
      const items = await this.plans.itemsOf(m, ctx, version.id);
      const deliveries = await queryRows<ProgressDelivery>(
        m,
        `SELECT d.id, d.item_key AS "itemKey", d.provider_organization_id AS "providerOrganizationId",
                d.hours::text AS hours, d.participant_count AS "participantCount", d.funds_received::text AS "fundsReceived",
                coalesce(i.type, '') AS type
           FROM training_delivery d
           LEFT JOIN LATERAL (SELECT type FROM training_plan_item i
                               WHERE i.consortium_id = d.consortium_id AND i.plan_id = d.plan_id AND i.item_key = d.item_key
                               ORDER BY (i.version_id = $3) DESC, i.created_at DESC LIMIT 1) i ON true
          WHERE d.consortium_id = $1 AND d.plan_id = $2
          ORDER BY d.held_on, d.id`,
        [ctx.consortiumId, planId, version.id],
      );
      const roster = await queryRows<ProgressRosterEntry>(
        m,
        `SELECT r.delivery_id AS "deliveryId", r.id_hash AS "idHash"
           FROM training_roster_entry r JOIN training_delivery d ON d.consortium_id = r.consortium_id AND d.id = r.delivery_id
          WHERE r.consortium_id = $1 AND d.plan_id = $2`,
        [ctx.consortiumId, planId],
      );
      const titles = await queryRows<{ itemKey: string; title: string }>(
        m,
        `SELECT DISTINCT ON (item_key) item_key AS "itemKey", title FROM training_plan_item
          WHERE consortium_id = $1 AND plan_id = $2 ORDER BY item_key, created_at DESC`,
        [ctx.consortiumId, planId],
      );
      const progress = computeProgress(
        items.map((item) => ({
          itemKey: item.itemKey,
          title: item.title,
          type: item.type,
          providerOrganizationId: item.providerOrganizationId,
          plannedSessions: item.plannedSessions,
          plannedParticipantTimes: item.plannedParticipantTimes,
          plannedHours: item.plannedHours,
          budget: item.budget,
        })),
        deliveries,
        roster,
      );
      const itemTitles = new Map(titles.map((t) => [t.itemKey, t.title]));
      for (const row of progress.byItem) if (!row.title) row.title = itemTitles.get(row.key) ?? '';
      const orgIds = [...progress.byProvider.map((r) => r.key), ...items.map((i) => i.providerOrganizationId)];
      const organizationNames = new Map(
        (await this.organizations.summaries(ctx, orgIds)).map((o) => [o.id, o.name] as const),
      );
      return { ...progress, plan, version, items, asOf: this.clock.chinaToday(), organizationNames, itemTitles };
    });
  }

  /** The approved version, else the closed one (the plan of a finished year). */
  private async measuredVersion(
    m: Parameters<TrainingPlansService['itemsOf']>[0],
    ctx: RequestContext,
    planId: string,
  ) {
    const versions = await m.find(TrainingPlanVersion, {
      where: { consortiumId: ctx.consortiumId, planId },
      order: { version: 'DESC' },
    });
    const found =
      versions.find((v) => v.status === PlanVersionStatus.Approved) ??
      versions.find((v) => v.status === PlanVersionStatus.Closed);
    if (!found) {
      throw new TrainingPlansException(
        TrainingPlansErrorCode.NoApprovedVersion,
        'Progress is measured against the approved plan, and this plan has no approved version yet (pass versionId to see a draft)',
      );
    }
    return found;
  }
}
