import { DynamicModule, Module } from '@nestjs/common';
import {
  AccessModule,
  AppConfig,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  MetaModule,
  QueueModule,
} from '@chanjiao/core';
import { ConsortiaHttpModule } from '@chanjiao/consortia';
import { IdentityHttpModule } from '@chanjiao/identity';
import { IndicatorsHttpModule } from '@chanjiao/indicators';
import { ProgrammesHttpModule } from '@chanjiao/programmes';
import { MatchingHttpModule, TalentHttpModule } from '@chanjiao/talent';
import { OnboardingHttpModule } from '@chanjiao/onboarding';
import { TrainingBasesHttpModule } from '@chanjiao/training-bases';
import { TrainingPlansHttpModule } from '@chanjiao/training-plans';

/** The HTTP API: plumbing plus each bounded context's HTTP module. Nothing else lives here. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(config),
        DatabaseModule,
        QueueModule.forApi(config),
        AccessModule.forRoot(config),
        HealthModule,
        MetaModule,
        IdentityHttpModule,
        ConsortiaHttpModule,
        OnboardingHttpModule,
        IndicatorsHttpModule,
        TrainingBasesHttpModule,
        TrainingPlansHttpModule,
        ProgrammesHttpModule,
        TalentHttpModule,
        MatchingHttpModule,
      ],
    };
  }
}
