import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum ConsortiaErrorCode {
  ConsortiumNotFound = 'consortium_not_found',
  DemoDisabled = 'demo_disabled',
  OrganizationNotFound = 'organization_not_found',
  DuplicateOrganization = 'duplicate_organization',
  InvalidTransition = 'invalid_transition',
  CreditCodeRequired = 'credit_code_required',
  InvalidCursor = 'invalid_cursor',
  InvalidLeadUnit = 'invalid_lead_unit',
}

const STATUS: Record<ConsortiaErrorCode, ErrorStatus> = {
  [ConsortiaErrorCode.ConsortiumNotFound]: 404,
  [ConsortiaErrorCode.DemoDisabled]: 404,
  [ConsortiaErrorCode.OrganizationNotFound]: 404,
  [ConsortiaErrorCode.DuplicateOrganization]: 409,
  [ConsortiaErrorCode.InvalidTransition]: 409,
  [ConsortiaErrorCode.CreditCodeRequired]: 422,
  [ConsortiaErrorCode.InvalidCursor]: 400,
  [ConsortiaErrorCode.InvalidLeadUnit]: 422,
};

export class ConsortiaException extends DomainException<ConsortiaErrorCode> {
  readonly statusByCode = STATUS;
}
