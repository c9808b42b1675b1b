import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SpreadsheetUploads } from '@chanjiao/core';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { TrainingDelivery } from './entities/training-delivery.entity';
import { TrainingNeed } from './entities/training-need.entity';
import { TrainingPlan } from './entities/training-plan.entity';
import { TrainingPlanItem } from './entities/training-plan-item.entity';
import { TrainingPlanVersion } from './entities/training-plan-version.entity';
import { TrainingRosterEntry } from './entities/training-roster-entry.entity';
import { TrainingDeliveriesController } from './http/training-deliveries.controller';
import { TrainingNeedsController } from './http/training-needs.controller';
import { TrainingPlansController } from './http/training-plans.controller';
import { SeedDemoTrainingPlansHandler } from './jobs/seed-demo-training-plans.handler';
import { DemoTrainingPlansService } from './services/demo-training-plans.service';
import { TrainingPlansIndicatorSources } from './services/indicator-sources.service';
import { PersonIdHasher } from './services/person-id-hasher';
import { TrainingDeliveriesService } from './services/training-deliveries.service';
import { TrainingExportsService } from './services/training-exports.service';
import { TrainingNeedsService } from './services/training-needs.service';
import { TrainingPlansService } from './services/training-plans.service';
import { TrainingProgressService } from './services/training-progress.service';
import './entities/training-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const TRAINING_PLANS_ENTITIES = [
  TrainingPlan,
  TrainingPlanVersion,
  TrainingPlanItem,
  TrainingNeed,
  TrainingDelivery,
  TrainingRosterEntry,
];

/** The context's services, for its HTTP and job modules; registers the `auto:training_plans.*` indicator sources. */
@Module({
  imports: [TypeOrmModule.forFeature(TRAINING_PLANS_ENTITIES), ConsortiaCoreModule],
  providers: [
    PersonIdHasher,
    TrainingNeedsService,
    TrainingPlansService,
    TrainingDeliveriesService,
    TrainingProgressService,
    TrainingExportsService,
    TrainingPlansIndicatorSources,
  ],
  exports: [
    TrainingNeedsService,
    TrainingPlansService,
    TrainingDeliveriesService,
    TrainingProgressService,
    TrainingExportsService,
  ],
})
export class TrainingPlansCoreModule {}

/** HTTP side (composed by the API app). */
@Module({
  imports: [TrainingPlansCoreModule],
  controllers: [TrainingNeedsController, TrainingPlansController, TrainingDeliveriesController],
  providers: [SpreadsheetUploads],
})
export class TrainingPlansHttpModule {}

/** Job side (composed by the worker): the demo plan. */
@Module({
  imports: [TrainingPlansCoreModule],
  providers: [DemoTrainingPlansService, SeedDemoTrainingPlansHandler],
})
export class TrainingPlansJobsModule {}
