export {
  TRAINING_PLANS_ENTITIES,
  TrainingPlansCoreModule,
  TrainingPlansHttpModule,
  TrainingPlansJobsModule,
} from './training-plans.module';
export { TrainingPlansService } from './services/training-plans.service';
export { TrainingProgressService } from './services/training-progress.service';
export { TrainingPlansIndicatorSources } from './services/indicator-sources.service';
export { idNumberProblem, withCheckCharacter } from './domain/id-number';
