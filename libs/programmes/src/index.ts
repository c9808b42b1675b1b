export {
  PROGRAMMES_ENTITIES,
  ProgrammesCoreModule,
  ProgrammesHttpModule,
  ProgrammesJobsModule,
} from './programmes.module';
export { CatalogueService } from './services/catalogue.service';
export type { ProgrammeClass } from './services/catalogue.service';
export { CatalogueImportService } from './services/catalogue-import.service';
export { OfferingsService } from './services/offerings.service';
export type { OfferingView } from './services/offerings.service';
export {
  CatalogueList,
  OccupationLevel,
  OfferingStatus,
  ProgrammeLevel,
  TrainingMode,
} from './entities/programme-enums';
export type { ExpectedGraduates } from './entities/programme-offering.entity';
export {
  levelFitsSchool,
  normalizeOccupationCode,
  normalizeProgrammeCode,
  programmeClassOf,
  SCHOOL_PROGRAMME_LEVELS,
} from './domain/catalogue-codes';
