import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AuditModule, ClockModule, ConfigModule, DatabaseModule, QueueModule } from '@chanjiao/core';
import { ConsortiaJobsModule } from '@chanjiao/consortia';
import { IdentityJobsModule } from '@chanjiao/identity';
import { IndicatorsJobsModule } from '@chanjiao/indicators';
import { TrainingBasesJobsModule } from '@chanjiao/training-bases';
import { TrainingPlansJobsModule } from '@chanjiao/training-plans';
import { ProgrammesJobsModule } from '@chanjiao/programmes';
import { MatchingJobsModule, TalentJobsModule } from '@chanjiao/talent';

/** The BullMQ worker: plumbing plus each bounded context's jobs module. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        QueueModule.forWorker(config),
        ConsortiaJobsModule,
        IdentityJobsModule,
        IndicatorsJobsModule,
        TrainingBasesJobsModule,
        TrainingPlansJobsModule,
        ProgrammesJobsModule,
        TalentJobsModule,
        MatchingJobsModule,
      ],
    };
  }
}
