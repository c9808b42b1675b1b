import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { TrainingBase } from './entities/training-base.entity';
import { TrainingBaseArea, TrainingBaseClosure, TrainingBaseEquipment } from './entities/training-base-parts.entity';
import { TrainingBooking } from './entities/training-booking.entity';
import { TrainingBasesController } from './http/training-bases.controller';
import { MarkBookingNoShowHandler } from './jobs/mark-no-show.handler';
import { SeedTrainingBasesDemoHandler } from './jobs/seed-demo.handler';
import { BookingsService } from './services/bookings.service';
import { TrainingBasesDemoService } from './services/demo.service';
import { TrainingBasesIndicatorSources } from './services/indicator-sources.service';
import { OccupancyService } from './services/occupancy.service';
import { TrainingBasesService } from './services/training-bases.service';
import { UtilisationService } from './services/utilisation.service';
import './entities/training-base-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const TRAINING_BASES_ENTITIES = [
  TrainingBase,
  TrainingBaseArea,
  TrainingBaseEquipment,
  TrainingBaseClosure,
  TrainingBooking,
];

/** The context's services, for its HTTP and job modules; registers its indicator sources. */
@Module({
  imports: [TypeOrmModule.forFeature(TRAINING_BASES_ENTITIES), ConsortiaCoreModule],
  providers: [
    TrainingBasesService,
    BookingsService,
    OccupancyService,
    UtilisationService,
    TrainingBasesDemoService,
    TrainingBasesIndicatorSources,
  ],
  exports: [TrainingBasesService, BookingsService, OccupancyService, UtilisationService, TrainingBasesDemoService],
})
export class TrainingBasesCoreModule {}

/** HTTP side of the training-bases context (composed by the API app). */
@Module({
  imports: [TrainingBasesCoreModule],
  controllers: [TrainingBasesController],
})
export class TrainingBasesHttpModule {}

/** Job side of the training-bases context (composed by the worker app). */
@Module({
  imports: [TrainingBasesCoreModule],
  providers: [MarkBookingNoShowHandler, SeedTrainingBasesDemoHandler],
})
export class TrainingBasesJobsModule {}
