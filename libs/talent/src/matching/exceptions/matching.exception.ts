import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum MatchingErrorCode {
  PostingNotFound = 'posting_not_found',
  OfferingNotFound = 'offering_not_found',
  RunNotFound = 'run_not_found',
  MatchNotFound = 'match_not_found',
  CooperationNotFound = 'cooperation_not_found',
  OwnOrganizationOnly = 'own_organization_only',
  InvalidTransition = 'invalid_transition',
  CapacityExceeded = 'capacity_exceeded',
  InvalidSettings = 'invalid_settings',
  InvalidCooperation = 'invalid_cooperation',
}

const STATUS: Record<MatchingErrorCode, ErrorStatus> = {
  [MatchingErrorCode.PostingNotFound]: 404,
  [MatchingErrorCode.OfferingNotFound]: 404,
  [MatchingErrorCode.RunNotFound]: 404,
  [MatchingErrorCode.MatchNotFound]: 404,
  [MatchingErrorCode.CooperationNotFound]: 404,
  [MatchingErrorCode.OwnOrganizationOnly]: 403,
  [MatchingErrorCode.InvalidTransition]: 409,
  [MatchingErrorCode.CapacityExceeded]: 409,
  [MatchingErrorCode.InvalidSettings]: 422,
  [MatchingErrorCode.InvalidCooperation]: 422,
};

export class MatchingException extends DomainException<MatchingErrorCode> {
  readonly statusByCode = STATUS;
}

export const postingNotFound = (id: string) =>
  new MatchingException(MatchingErrorCode.PostingNotFound, `Demand posting ${id} not found`);
export const offeringNotFound = (id: string) =>
  new MatchingException(MatchingErrorCode.OfferingNotFound, `Programme offering ${id} not found`);
export const runNotFound = (id: string) =>
  new MatchingException(MatchingErrorCode.RunNotFound, `Matching run ${id} not found`);
export const cooperationNotFound = (id: string) =>
  new MatchingException(MatchingErrorCode.CooperationNotFound, `Cooperation ${id} not found`);
