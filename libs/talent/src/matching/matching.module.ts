import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { CooperationsController } from '../cooperations/http/cooperations.controller';
import { Cooperation } from '../cooperations/entities/cooperation.entity';
import { CooperationsDemoService } from '../cooperations/services/cooperations-demo.service';
import { CooperationsService } from '../cooperations/services/cooperations.service';
import { SeedDemoCooperationsHandler } from '../cooperations/jobs/seed-demo-cooperations.handler';
import { TalentGapController } from '../gaps/http/talent-gap.controller';
import { TalentGapService } from '../gaps/services/talent-gap.service';
import { MatchingController } from './http/matching.controller';
import { MATCHING_HANDLERS } from './jobs/matching.handlers';
import { MatchingInputsReader } from './services/matching-inputs.reader';
import { MatchingRunTriggersReader } from './services/matching-run-triggers.reader';
import { MatchingSettingsService } from './services/matching-settings.service';
import { MatchingService } from './services/matching.service';
import '../cooperations/entities/cooperation.entity';

/** Matching, cooperations and gap analysis entities (the talent context's; `migration:generate` diffs them). */
export const MATCHING_ENTITIES = [Cooperation];

/** Services: matching (computing, storing, reading), cooperations, gap analysis. */
@Module({
  imports: [TypeOrmModule.forFeature(MATCHING_ENTITIES), ConsortiaCoreModule],
  providers: [
    MatchingInputsReader,
    MatchingService,
    MatchingSettingsService,
    MatchingRunTriggersReader,
    CooperationsService,
    CooperationsDemoService,
    TalentGapService,
  ],
  exports: [
    MatchingService,
    MatchingSettingsService,
    MatchingRunTriggersReader,
    CooperationsService,
    CooperationsDemoService,
    TalentGapService,
  ],
})
export class MatchingCoreModule {}

/** HTTP side (apps/api). */
@Module({
  imports: [MatchingCoreModule],
  controllers: [MatchingController, CooperationsController, TalentGapController],
})
export class MatchingHttpModule {}

/** Job side (apps/worker): posting, offering and full re-matches. */
@Module({
  imports: [MatchingCoreModule],
  providers: [...MATCHING_HANDLERS, SeedDemoCooperationsHandler],
})
export class MatchingJobsModule {}
