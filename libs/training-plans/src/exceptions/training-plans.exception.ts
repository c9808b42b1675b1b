import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum TrainingPlansErrorCode {
  PlanNotFound = 'plan_not_found',
  DuplicatePlan = 'duplicate_plan',
  VersionNotFound = 'version_not_found',
  ItemNotFound = 'item_not_found',
  NeedNotFound = 'need_not_found',
  DeliveryNotFound = 'delivery_not_found',
  VersionFrozen = 'version_frozen',
  InvalidTransition = 'invalid_transition',
  OpenVersionExists = 'open_version_exists',
  NoApprovedVersion = 'no_approved_version',
  EmptyVersion = 'empty_version',
  NeedDecided = 'need_decided',
  UnknownOrganization = 'unknown_organization',
  OwnOrganizationOnly = 'own_organization_only',
  OwnItemsOnly = 'own_items_only',
  InvalidValue = 'invalid_value',
  OutsidePlanYear = 'outside_plan_year',
  InvalidRoster = 'invalid_roster',
  NullNotAllowed = 'null_not_allowed',
}

const STATUS: Record<TrainingPlansErrorCode, ErrorStatus> = {
  [TrainingPlansErrorCode.PlanNotFound]: 404,
  [TrainingPlansErrorCode.DuplicatePlan]: 409,
  [TrainingPlansErrorCode.VersionNotFound]: 404,
  [TrainingPlansErrorCode.ItemNotFound]: 404,
  [TrainingPlansErrorCode.NeedNotFound]: 404,
  [TrainingPlansErrorCode.DeliveryNotFound]: 404,
  [TrainingPlansErrorCode.VersionFrozen]: 409,
  [TrainingPlansErrorCode.InvalidTransition]: 409,
  [TrainingPlansErrorCode.OpenVersionExists]: 409,
  [TrainingPlansErrorCode.NoApprovedVersion]: 409,
  [TrainingPlansErrorCode.EmptyVersion]: 422,
  [TrainingPlansErrorCode.NeedDecided]: 409,
  [TrainingPlansErrorCode.UnknownOrganization]: 422,
  [TrainingPlansErrorCode.OwnOrganizationOnly]: 403,
  [TrainingPlansErrorCode.OwnItemsOnly]: 403,
  [TrainingPlansErrorCode.InvalidValue]: 422,
  [TrainingPlansErrorCode.OutsidePlanYear]: 422,
  [TrainingPlansErrorCode.InvalidRoster]: 422,
  [TrainingPlansErrorCode.NullNotAllowed]: 400,
};

export class TrainingPlansException extends DomainException<TrainingPlansErrorCode> {
  readonly statusByCode = STATUS;
}

const fieldDetails = (field: string, problem: string) => ({ field, fields: [{ field, problems: [problem] }] });

export const planNotFound = (id: string) =>
  new TrainingPlansException(TrainingPlansErrorCode.PlanNotFound, `Training plan ${id} not found`);
export const versionNotFound = (id: string) =>
  new TrainingPlansException(TrainingPlansErrorCode.VersionNotFound, `Training plan version ${id} not found`);
export const itemNotFound = (id: string, field?: string) =>
  new TrainingPlansException(
    TrainingPlansErrorCode.ItemNotFound,
    `Plan item ${id} not found`,
    field ? fieldDetails(field, `no plan item ${id}`) : undefined,
  );
export const needNotFound = (id: string) =>
  new TrainingPlansException(TrainingPlansErrorCode.NeedNotFound, `Training need ${id} not found`);
export const deliveryNotFound = (id: string) =>
  new TrainingPlansException(TrainingPlansErrorCode.DeliveryNotFound, `Training session ${id} not found`);

export const versionFrozen = (version: number, status: string) =>
  new TrainingPlansException(
    TrainingPlansErrorCode.VersionFrozen,
    `Version ${version} is ${status}: only a draft changes (start a new version from the approved one)`,
    { status },
  );

/** 422 naming the field. */
export function invalidValue(field: string, problem: string, code = TrainingPlansErrorCode.InvalidValue) {
  return new TrainingPlansException(code, `${field} ${problem}`, fieldDetails(field, `${field} ${problem}`));
}

export const unknownOrganization = (field: string, id: string) =>
  invalidValue(
    field,
    `names no member organization of this consortium (${id})`,
    TrainingPlansErrorCode.UnknownOrganization,
  );

/** PATCH bodies may omit a required field but not blank it with null. */
export function rejectNulls(changes: object, required: readonly string[]): void {
  for (const field of required) {
    if ((changes as Record<string, unknown>)[field] === null) {
      throw new TrainingPlansException(
        TrainingPlansErrorCode.NullNotAllowed,
        `${field} cannot be null`,
        fieldDetails(field, `${field} cannot be null`),
      );
    }
  }
}
