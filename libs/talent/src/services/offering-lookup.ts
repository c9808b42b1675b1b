import { Injectable } from '@nestjs/common';
import { RequestContext } from '@chanjiao/core';
import { CatalogueService, OfferingsService } from '@chanjiao/programmes';
import { EducationLevel } from '../entities/talent-enums';

/** What a supply posting copies from the school's programme offering. */
export interface SchoolOffering {
  id: string;
  organizationId: string;
  programmeCode: string;
  programmeName: string;
  level: EducationLevel;
  skills: string[];
}

/** Reads offerings through the programmes context's services. */
@Injectable()
export class OfferingLookup {
  constructor(
    private readonly offerings: OfferingsService,
    private readonly catalogue: CatalogueService,
  ) {}

  async find(ctx: RequestContext, offeringId: string): Promise<SchoolOffering | null> {
    const offering = await this.offerings.find(ctx, offeringId);
    if (!offering) return null;
    const programme = await this.catalogue.findProgramme(ctx, offering.programmeCode, offering.catalogueEdition);
    return {
      id: offering.id,
      organizationId: offering.organizationId,
      programmeCode: offering.programmeCode,
      programmeName: programme?.name ?? offering.programmeCode,
      level: offering.level as unknown as EducationLevel,
      skills: offering.skills,
    };
  }
}
