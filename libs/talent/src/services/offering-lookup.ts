import { Injectable } from '@nestjs/common';
import { DomainException, RequestContext } from '@chanjiao/core';
import { OfferingsService } from '@chanjiao/programmes';
import { EducationLevel } from '../entities/talent-enums';

/** What a supply posting copies from the school's programme offering. */
export interface SchoolOffering {
  id: string;
  organizationId: string;
  programmeCode: string;
  programmeClassCode: string;
  programmeName: string;
  level: EducationLevel;
  skills: string[];
}

/** Reads offerings through the programmes context's service. */
@Injectable()
export class OfferingLookup {
  constructor(private readonly offerings: OfferingsService) {}

  /** The offering, or null when the consortium has none with this id. */
  async find(ctx: RequestContext, offeringId: string): Promise<SchoolOffering | null> {
    try {
      const { offering, programme } = await this.offerings.get(ctx, offeringId);
      return {
        id: offering.id,
        organizationId: offering.organizationId,
        programmeCode: offering.programmeCode,
        programmeClassCode: programme.classCode,
        programmeName: programme.name,
        level: offering.level as string as EducationLevel,
        skills: offering.skills,
      };
    } catch (error) {
      if (error instanceof DomainException && error.httpStatus === 404) return null;
      throw error;
    }
  }
}
