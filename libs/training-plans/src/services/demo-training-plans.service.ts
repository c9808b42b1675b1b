import { Injectable } from '@nestjs/common';
import { addDays, Clock, RequestContext, TransactionService } from '@chanjiao/core';
import { DEMO_SESSIONS, DEMO_ITEMS, DEMO_NEEDS, DEMO_ENTERPRISE_ORGANIZATION_ID } from '../demo/demo-training-plan';
import { withCheckCharacter } from '../domain/id-number';
import { PlanVersionStatus } from '../entities/training-enums';
import { TrainingPlan } from '../entities/training-plan.entity';
import { TrainingDeliveriesService } from './training-deliveries.service';
import { TrainingNeedsService } from './training-needs.service';
import { TrainingPlansService } from './training-plans.service';

/** Demo persons: the same 20 people attend both rostered sessions, 8 of them twice. */
function demoRoster(offset: number) {
  return Array.from({ length: 14 }, (_, i) => {
    const n = offset + i;
    return {
      name: `演示学员${String(n + 1).padStart(2, '0')}`,
      organizationId: DEMO_ENTERPRISE_ORGANIZATION_ID,
      idNumber: withCheckCharacter(`32059419${90 + (n % 10)}0${(n % 9) + 1}1${n % 10}${String(100 + n).slice(-3)}`),
    };
  });
}

/**
 * The demo's training plan for the current (China-time) year: needs, an approved
 * version with four items, and sessions over the past few months (dates from the
 * clock, never before 1 January). Idempotent: a plan for the year is left as it is.
 */
@Injectable()
export class DemoTrainingPlansService {
  constructor(
    private readonly tx: TransactionService,
    private readonly plans: TrainingPlansService,
    private readonly needs: TrainingNeedsService,
    private readonly deliveries: TrainingDeliveriesService,
    private readonly clock: Clock,
  ) {}

  seed(ctx: RequestContext): Promise<{ planId: string; created: boolean; sessions: number }> {
    const year = this.clock.chinaYear();
    const today = this.clock.chinaToday();
    return this.tx.run(ctx, async (m) => {
      const existing = await m.findOne(TrainingPlan, { where: { consortiumId: ctx.consortiumId, year } });
      if (existing) return { planId: existing.id, created: false, sessions: 0 };
      const { plan, versions } = await this.plans.create(ctx, { year, title: `${year}年度联合体职工培训规划` });
      const versionId = versions[0].id;
      const items = [];
      for (const [position, item] of DEMO_ITEMS.entries()) {
        items.push(
          await this.plans.addItem(ctx, plan.id, versionId, {
            ...item,
            targetOrganizationIds: [...item.targetOrganizationIds],
            position,
          }),
        );
      }
      await this.plans.transition(ctx, plan.id, versionId, { to: PlanVersionStatus.Submitted });
      await this.plans.transition(ctx, plan.id, versionId, { to: PlanVersionStatus.Approved, note: '理事会审议通过' });
      for (const demo of DEMO_NEEDS) {
        const need = await this.needs.create(ctx, {
          organizationId: DEMO_ENTERPRISE_ORGANIZATION_ID,
          topic: demo.topic,
          type: demo.type,
          occupationCode: demo.occupationCode ?? undefined,
          skills: demo.skills,
          trainees: demo.trainees,
          budget: demo.budget ?? undefined,
        });
        if (demo.decision === 'accepted') {
          await this.needs.decide(ctx, need.id, { decision: 'accepted', itemId: items[demo.item ?? 0].id });
        } else if (demo.decision === 'declined') {
          await this.needs.decide(ctx, need.id, { decision: 'declined', reason: demo.reason });
        }
      }
      let sessions = 0;
      let rostered = 0;
      for (const session of DEMO_SESSIONS) {
        const heldOn = addDays(today, -session.daysAgo);
        if (Number(heldOn.slice(0, 4)) !== year) continue;
        await this.deliveries.create(ctx, plan.id, {
          itemKey: items[session.item].itemKey,
          heldOn,
          hours: session.hours,
          participantCount: session.participants,
          participantOrganizationIds: [DEMO_ENTERPRISE_ORGANIZATION_ID],
          fundsReceived: session.funds,
          ...(session.roster ? { roster: demoRoster(rostered++ * 6) } : {}),
        });
        sessions += 1;
      }
      return { planId: plan.id, created: true, sessions };
    });
  }
}
