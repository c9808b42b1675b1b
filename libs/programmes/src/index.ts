export { PROGRAMMES_ENTITIES, ProgrammesCoreModule } from './programmes.module';
export { CatalogueService } from './services/catalogue.service';
export type { ProgrammeClass } from './services/catalogue.service';
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
