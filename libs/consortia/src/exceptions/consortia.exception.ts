import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum ConsortiaErrorCode {
  ConsortiumNotFound = 'consortium_not_found',
  DemoDisabled = 'demo_disabled',
  OrganizationNotFound = 'organization_not_found',
  DuplicateOrganization = 'duplicate_organization',
  InvalidTransition = 'invalid_transition',
  EffectiveDateBeforeLastChange = 'effective_date_before_last_change',
  EffectiveDateInFuture = 'effective_date_in_future',
  CreditCodeRequired = 'credit_code_required',
  InvalidLeadUnit = 'invalid_lead_unit',
  DuplicateConsortiumCode = 'duplicate_consortium_code',
  LeadUnitInUse = 'lead_unit_in_use',
  HoldsCouncilSeat = 'holds_council_seat',
  OrganizationNotMember = 'organization_not_member',
  SeatNotFound = 'seat_not_found',
  MeetingNotFound = 'meeting_not_found',
  ResolutionNotFound = 'resolution_not_found',
  TaskNotFound = 'task_not_found',
  MeetingNotHeld = 'meeting_not_held',
  NotEntitledToVote = 'not_entitled_to_vote',
  InvalidAttendance = 'invalid_attendance',
  InvalidCharter = 'invalid_charter',
  NullNotAllowed = 'validation_failed',
}

const STATUS: Record<ConsortiaErrorCode, ErrorStatus> = {
  [ConsortiaErrorCode.ConsortiumNotFound]: 404,
  [ConsortiaErrorCode.DemoDisabled]: 404,
  [ConsortiaErrorCode.OrganizationNotFound]: 404,
  [ConsortiaErrorCode.DuplicateOrganization]: 409,
  [ConsortiaErrorCode.InvalidTransition]: 409,
  [ConsortiaErrorCode.EffectiveDateBeforeLastChange]: 422,
  [ConsortiaErrorCode.EffectiveDateInFuture]: 422,
  [ConsortiaErrorCode.CreditCodeRequired]: 422,
  [ConsortiaErrorCode.InvalidLeadUnit]: 422,
  [ConsortiaErrorCode.DuplicateConsortiumCode]: 409,
  [ConsortiaErrorCode.LeadUnitInUse]: 409,
  [ConsortiaErrorCode.HoldsCouncilSeat]: 409,
  [ConsortiaErrorCode.OrganizationNotMember]: 422,
  [ConsortiaErrorCode.SeatNotFound]: 404,
  [ConsortiaErrorCode.MeetingNotFound]: 404,
  [ConsortiaErrorCode.ResolutionNotFound]: 404,
  [ConsortiaErrorCode.TaskNotFound]: 404,
  [ConsortiaErrorCode.MeetingNotHeld]: 409,
  [ConsortiaErrorCode.NotEntitledToVote]: 409,
  [ConsortiaErrorCode.InvalidAttendance]: 422,
  [ConsortiaErrorCode.InvalidCharter]: 422,
  [ConsortiaErrorCode.NullNotAllowed]: 400,
};

export class ConsortiaException extends DomainException<ConsortiaErrorCode> {
  readonly statusByCode = STATUS;
}

/** PATCH bodies may omit a required field but not blank it with null. */
export function rejectNulls(changes: object, required: readonly string[]): void {
  for (const field of required) {
    if ((changes as Record<string, unknown>)[field] === null) {
      // Same detail shape as the validation pipe's, so clients handle one format.
      throw new ConsortiaException(ConsortiaErrorCode.NullNotAllowed, `${field} cannot be null`, {
        field,
        fields: [{ field, problems: [`${field} cannot be null`] }],
      });
    }
  }
}

/** 422 naming effectiveOn: the change would predate the last one in the history. */
export function effectiveDateBeforeLastChange(effectiveOn: string, lastChangeOn: string): ConsortiaException {
  return new ConsortiaException(
    ConsortiaErrorCode.EffectiveDateBeforeLastChange,
    `effectiveOn ${effectiveOn} is before the last change (${lastChangeOn}); changes are recorded in date order`,
    { field: 'effectiveOn', lastChangeOn },
  );
}

export function organizationNotFound(organizationId: string): ConsortiaException {
  return new ConsortiaException(ConsortiaErrorCode.OrganizationNotFound, `Organization ${organizationId} not found`);
}

export function consortiumNotFound(consortiumId: string): ConsortiaException {
  return new ConsortiaException(ConsortiaErrorCode.ConsortiumNotFound, `Consortium ${consortiumId} not found`);
}
