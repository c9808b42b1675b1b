import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueEdition } from './entities/catalogue-edition.entity';
import { CatalogueOccupation } from './entities/catalogue-occupation.entity';
import { CatalogueProgrammeOccupation } from './entities/catalogue-programme-occupation.entity';
import { CatalogueProgramme } from './entities/catalogue-programme.entity';
import { ProgrammeOffering } from './entities/programme-offering.entity';
import { CatalogueService } from './services/catalogue.service';
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
  imports: [TypeOrmModule.forFeature(PROGRAMMES_ENTITIES)],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class ProgrammesCoreModule {}
