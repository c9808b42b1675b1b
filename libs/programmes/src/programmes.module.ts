import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SpreadsheetUploads } from '@chanjiao/core';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { CatalogueEdition } from './entities/catalogue-edition.entity';
import { CatalogueOccupation } from './entities/catalogue-occupation.entity';
import { CatalogueProgrammeOccupation } from './entities/catalogue-programme-occupation.entity';
import { CatalogueProgramme } from './entities/catalogue-programme.entity';
import { ProgrammeOffering } from './entities/programme-offering.entity';
import { CatalogueController } from './http/catalogue.controller';
import { OfferingsController } from './http/offerings.controller';
import { ImportCatalogueHandler } from './jobs/import-catalogue.handler';
import { ImportOfferingsHandler } from './jobs/import-offerings.handler';
import { CatalogueImportService } from './services/catalogue-import.service';
import { CatalogueService } from './services/catalogue.service';
import { OfferingImportService } from './services/offering-import.service';
import { OfferingsService } from './services/offerings.service';
import './entities/programme-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const PROGRAMMES_ENTITIES = [
  CatalogueEdition,
  CatalogueProgramme,
  CatalogueOccupation,
  CatalogueProgrammeOccupation,
  ProgrammeOffering,
];

/** The context's services, for its own HTTP and job modules and for other contexts (talent, matching). */
@Module({
  imports: [TypeOrmModule.forFeature(PROGRAMMES_ENTITIES), ConsortiaCoreModule],
  providers: [CatalogueService, CatalogueImportService, OfferingsService, OfferingImportService],
  exports: [CatalogueService, CatalogueImportService, OfferingsService, OfferingImportService],
})
export class ProgrammesCoreModule {}

/** HTTP side (composed by the API app): the catalogue and the schools' offerings. */
@Module({
  imports: [ProgrammesCoreModule],
  controllers: [CatalogueController, OfferingsController],
  providers: [SpreadsheetUploads],
})
export class ProgrammesHttpModule {}

/** Job side (composed by the worker): the imports. */
@Module({
  imports: [ProgrammesCoreModule],
  providers: [ImportCatalogueHandler, ImportOfferingsHandler],
})
export class ProgrammesJobsModule {}
