import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { ProgrammesCoreModule } from '@chanjiao/programmes';
import { DemandPosting } from './entities/demand-posting.entity';
import { SkillSynonym } from './entities/skill-synonym.entity';
import { SupplyPosting } from './entities/supply-posting.entity';
import { DemandPostingsController } from './http/demand-postings.controller';
import { SupplyPostingsController } from './http/supply-postings.controller';
import { TalentController } from './http/talent.controller';
import { TalentExpirePostingsHandler, TalentExpiryTickHandler } from './jobs/expiry.handlers';
import { SeedDemoTalentHandler } from './jobs/seed-demo-talent.handler';
import { BulletinService } from './services/bulletin.service';
import { DemandPostingsService } from './services/demand-postings.service';
import { TalentIndicatorSources } from './services/indicator-sources.service';
import { OfferingLookup } from './services/offering-lookup';
import { PostingLifecycleService } from './services/posting-lifecycle.service';
import { SkillSynonymsService } from './services/skill-synonyms.service';
import { SupplyPostingsService } from './services/supply-postings.service';
import { TalentDemoService } from './services/talent-demo.service';
import { TalentStatsService } from './services/talent-stats.service';
import './entities/talent-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const TALENT_ENTITIES = [DemandPosting, SupplyPosting, SkillSynonym];

/** The talent context's services, for its HTTP and job modules and for other contexts (matching). */
@Module({
  imports: [TypeOrmModule.forFeature(TALENT_ENTITIES), ConsortiaCoreModule, ProgrammesCoreModule],
  providers: [
    SkillSynonymsService,
    OfferingLookup,
    PostingLifecycleService,
    DemandPostingsService,
    SupplyPostingsService,
    BulletinService,
    TalentStatsService,
    TalentIndicatorSources,
    TalentDemoService,
  ],
  exports: [
    SkillSynonymsService,
    DemandPostingsService,
    SupplyPostingsService,
    BulletinService,
    TalentStatsService,
    TalentDemoService,
  ],
})
export class TalentCoreModule {}

/** HTTP side of the talent context (composed by the API app). */
@Module({
  imports: [TalentCoreModule],
  controllers: [DemandPostingsController, SupplyPostingsController, TalentController],
})
export class TalentHttpModule {}

/** Job side of the talent context (composed by the worker app). */
@Module({
  imports: [TalentCoreModule],
  providers: [TalentExpiryTickHandler, TalentExpirePostingsHandler, SeedDemoTalentHandler],
})
export class TalentJobsModule {}
