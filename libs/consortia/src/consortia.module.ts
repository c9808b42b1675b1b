import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoContributors, SpreadsheetUploads } from '@chanjiao/core';
import { CouncilController } from './http/council.controller';
import { CouncilService } from './services/council.service';
import { MeetingsService } from './services/meetings.service';
import { MinutesService } from './services/minutes.service';
import { Consortium } from './entities/consortium.entity';
import { Council } from './entities/council.entity';
import { CouncilMeeting } from './entities/council-meeting.entity';
import { CouncilResolution } from './entities/council-resolution.entity';
import { CouncilSeat } from './entities/council-seat.entity';
import { CouncilTask } from './entities/council-task.entity';
import { Organization } from './entities/organization.entity';
import { OrganizationsController } from './http/organizations.controller';
import { OrganizationImportController } from './http/organization-import.controller';
import { ImportOrganizationsHandler } from './jobs/import-organizations.handler';
import { OrganizationImportService } from './services/organization-import.service';
import { OrganizationsService } from './services/organizations.service';
import { ConsortiaController } from './http/consortia.controller';
import { SeedDemoConsortiumHandler } from './jobs/seed-demo-consortium.handler';
import { ConsortiaService } from './services/consortia.service';
import { ConsortiaIndicatorSources } from './services/indicator-sources.service';
import { DemoSeedService } from './services/demo-seed.service';
import './entities/consortium-status';
import './entities/organization-type';
import './entities/council-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const CONSORTIA_ENTITIES = [
  Consortium,
  Organization,
  Council,
  CouncilSeat,
  CouncilMeeting,
  CouncilResolution,
  CouncilTask,
];

/** The context's services, for its own HTTP and job modules and for other contexts. */
@Module({
  imports: [TypeOrmModule.forFeature(CONSORTIA_ENTITIES), DiscoveryModule],
  providers: [
    ConsortiaService,
    DemoContributors,
    DemoSeedService,
    OrganizationsService,
    CouncilService,
    MeetingsService,
    ConsortiaIndicatorSources,
  ],
  exports: [ConsortiaService, DemoSeedService, OrganizationsService, CouncilService, MeetingsService],
})
export class ConsortiaCoreModule {}

/** HTTP side of the consortia context (composed by the API app). */
@Module({
  imports: [ConsortiaCoreModule],
  controllers: [ConsortiaController, OrganizationsController, CouncilController, OrganizationImportController],
  providers: [OrganizationImportService, SpreadsheetUploads, MinutesService],
})
export class ConsortiaHttpModule {}

/** Job side of the consortia context (composed by the worker app). */
@Module({
  imports: [ConsortiaCoreModule],
  providers: [SeedDemoConsortiumHandler, OrganizationImportService, ImportOrganizationsHandler],
})
export class ConsortiaJobsModule {}
