export {
  TRAINING_BASES_ENTITIES,
  TrainingBasesCoreModule,
  TrainingBasesHttpModule,
  TrainingBasesJobsModule,
} from './training-bases.module';
export { TrainingBasesService } from './services/training-bases.service';
export { BookingsService } from './services/bookings.service';
export { UtilisationService } from './services/utilisation.service';
export { TrainingBasesDemoService } from './services/demo.service';
