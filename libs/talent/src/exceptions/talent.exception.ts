import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum TalentErrorCode {
  PostingNotFound = 'posting_not_found',
  SynonymNotFound = 'synonym_not_found',
  InvalidField = 'validation_failed',
  UnknownCode = 'unknown_code',
  WrongOrganizationType = 'wrong_organization_type',
  NotOwnOrganization = 'not_own_organization',
  ReadOnlyPosting = 'read_only_posting',
  InvalidTransition = 'invalid_transition',
  DuplicateSynonym = 'duplicate_synonym',
}

const STATUS: Record<TalentErrorCode, ErrorStatus> = {
  [TalentErrorCode.PostingNotFound]: 404,
  [TalentErrorCode.SynonymNotFound]: 404,
  [TalentErrorCode.InvalidField]: 400,
  [TalentErrorCode.UnknownCode]: 422,
  [TalentErrorCode.WrongOrganizationType]: 422,
  [TalentErrorCode.NotOwnOrganization]: 403,
  [TalentErrorCode.ReadOnlyPosting]: 403,
  [TalentErrorCode.InvalidTransition]: 409,
  [TalentErrorCode.DuplicateSynonym]: 409,
};

export class TalentException extends DomainException<TalentErrorCode> {
  readonly statusByCode = STATUS;
}

/** Same detail shape as the validation pipe's (`fields: [{ field, problems }]`), so clients handle one format. */
function fieldError(code: TalentErrorCode, field: string, problem: string, extra: Record<string, unknown> = {}) {
  return new TalentException(code, problem, { field, fields: [{ field, problems: [problem] }], ...extra });
}

export function invalidField(field: string, problem: string): TalentException {
  return fieldError(TalentErrorCode.InvalidField, field, problem);
}

export function unknownCodes(field: string, codes: readonly string[]): TalentException {
  return fieldError(TalentErrorCode.UnknownCode, field, `${field}: unknown code(s) ${codes.join(', ')}`, { codes });
}

export function postingNotFound(kind: 'demand' | 'supply', id: string): TalentException {
  return new TalentException(TalentErrorCode.PostingNotFound, `${kind === 'demand' ? 'Demand' : 'Supply'} posting ${id} not found`);
}

export function synonymNotFound(id: string): TalentException {
  return new TalentException(TalentErrorCode.SynonymNotFound, `Skill synonym ${id} not found`);
}

export function wrongOrganizationType(field: string, expected: string): TalentException {
  return fieldError(TalentErrorCode.WrongOrganizationType, field, `${field} must be ${expected}`);
}

export function notOwnOrganization(field: string): TalentException {
  return fieldError(
    TalentErrorCode.NotOwnOrganization,
    field,
    `${field} must be your own organization: a member posts for its own organization only`,
  );
}

export function readOnlyPosting(id: string): TalentException {
  return fieldError(
    TalentErrorCode.ReadOnlyPosting,
    'organizationId',
    `Posting ${id} belongs to another organization: it can be read, not changed`,
  );
}

export function invalidTransition(id: string, from: string, action: string): TalentException {
  return new TalentException(TalentErrorCode.InvalidTransition, `Posting ${id} is ${from}: it cannot ${action}`, {
    field: 'action',
    status: from,
  });
}
