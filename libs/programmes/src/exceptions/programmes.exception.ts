import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum ProgrammesErrorCode {
  ProgrammeNotFound = 'programme_not_found',
  OccupationNotFound = 'occupation_not_found',
  EditionNotFound = 'edition_not_found',
  OfferingNotFound = 'offering_not_found',
  UnknownProgramme = 'unknown_programme',
  NotASchool = 'not_a_school',
  LevelDoesNotFitSchool = 'level_does_not_fit_school',
  NotOwnOrganization = 'not_own_organization',
  InvalidPartner = 'invalid_partner',
  InvalidExpectedGraduates = 'invalid_expected_graduates',
  DuplicateOffering = 'duplicate_offering',
  NullNotAllowed = 'validation_failed',
}

const STATUS: Record<ProgrammesErrorCode, ErrorStatus> = {
  [ProgrammesErrorCode.ProgrammeNotFound]: 404,
  [ProgrammesErrorCode.OccupationNotFound]: 404,
  [ProgrammesErrorCode.EditionNotFound]: 404,
  [ProgrammesErrorCode.OfferingNotFound]: 404,
  [ProgrammesErrorCode.UnknownProgramme]: 422,
  [ProgrammesErrorCode.NotASchool]: 422,
  [ProgrammesErrorCode.LevelDoesNotFitSchool]: 422,
  [ProgrammesErrorCode.NotOwnOrganization]: 403,
  [ProgrammesErrorCode.InvalidPartner]: 422,
  [ProgrammesErrorCode.InvalidExpectedGraduates]: 422,
  [ProgrammesErrorCode.DuplicateOffering]: 409,
  [ProgrammesErrorCode.NullNotAllowed]: 400,
};

export class ProgrammesException extends DomainException<ProgrammesErrorCode> {
  readonly statusByCode = STATUS;
}

export function programmeNotFound(code: string, edition: string): ProgrammesException {
  return new ProgrammesException(
    ProgrammesErrorCode.ProgrammeNotFound,
    `Programme ${code} not found in catalogue edition ${edition}`,
  );
}

export function occupationNotFound(code: string, edition: string): ProgrammesException {
  return new ProgrammesException(
    ProgrammesErrorCode.OccupationNotFound,
    `Occupation ${code} not found in edition ${edition}`,
  );
}

export function editionNotFound(list: string, edition: string): ProgrammesException {
  return new ProgrammesException(ProgrammesErrorCode.EditionNotFound, `No ${list} edition ${edition}`, {
    field: 'edition',
  });
}

export function offeringNotFound(id: string): ProgrammesException {
  return new ProgrammesException(ProgrammesErrorCode.OfferingNotFound, `Programme offering ${id} not found`);
}

/** PATCH bodies may omit a required field but not blank it with null. */
export function rejectNulls(changes: object, required: readonly string[]): void {
  for (const field of required) {
    if ((changes as Record<string, unknown>)[field] === null) {
      throw new ProgrammesException(ProgrammesErrorCode.NullNotAllowed, `${field} cannot be null`, {
        field,
        fields: [{ field, problems: [`${field} cannot be null`] }],
      });
    }
  }
}

/** 422 naming the field, for checks a DTO cannot make (an unknown code, a level the school cannot run). */
export function invalidField(code: ProgrammesErrorCode, field: string, message: string): ProgrammesException {
  return new ProgrammesException(code, message, { field, fields: [{ field, problems: [message] }] });
}
