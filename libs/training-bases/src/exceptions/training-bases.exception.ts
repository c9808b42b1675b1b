import { DomainException, ErrorStatus } from '@chanjiao/core';
import { RuleViolation } from '../domain/booking-rules';

export enum TrainingBasesErrorCode {
  BaseNotFound = 'training_base_not_found',
  BookingNotFound = 'booking_not_found',
  AreaNotFound = 'training_base_area_not_found',
  NotHost = 'not_base_host',
  NotOwnOrganization = 'not_own_organization',
  OrganizationNotFound = 'organization_not_found',
  InvalidBase = 'invalid_training_base',
  CapacityReduced = 'capacity_below_bookings',
  BookingRuleViolated = 'booking_rule_violated',
  BookingConflict = 'booking_conflict',
  InvalidTransition = 'invalid_transition',
  InvalidQuery = 'invalid_query',
  NullNotAllowed = 'validation_failed',
}

const STATUS: Record<TrainingBasesErrorCode, ErrorStatus> = {
  [TrainingBasesErrorCode.BaseNotFound]: 404,
  [TrainingBasesErrorCode.BookingNotFound]: 404,
  [TrainingBasesErrorCode.AreaNotFound]: 422,
  [TrainingBasesErrorCode.NotHost]: 403,
  [TrainingBasesErrorCode.NotOwnOrganization]: 403,
  [TrainingBasesErrorCode.OrganizationNotFound]: 422,
  [TrainingBasesErrorCode.InvalidBase]: 422,
  [TrainingBasesErrorCode.CapacityReduced]: 409,
  [TrainingBasesErrorCode.BookingRuleViolated]: 422,
  [TrainingBasesErrorCode.BookingConflict]: 409,
  [TrainingBasesErrorCode.InvalidTransition]: 409,
  [TrainingBasesErrorCode.InvalidQuery]: 400,
  [TrainingBasesErrorCode.NullNotAllowed]: 400,
};

export class TrainingBasesException extends DomainException<TrainingBasesErrorCode> {
  readonly statusByCode = STATUS;
}

export interface ClashRange {
  startsAt: string;
  endsAt: string;
  /** Workstations already held at the busiest instant of the range, and the capacity. */
  peak: number;
  capacity: number;
}

export interface OccurrenceClash {
  /** The China-time day of the occurrence. */
  date: string;
  startsAt: string;
  endsAt: string;
  /** Live bookings overlapping the occurrence. */
  clashes: Array<{ bookingId: string; startsAt: string; endsAt: string; workstations: number }>;
  freeWorkstations: number;
}

export function baseNotFound(id: string): TrainingBasesException {
  return new TrainingBasesException(TrainingBasesErrorCode.BaseNotFound, `Training base ${id} not found`);
}

export function bookingNotFound(id: string): TrainingBasesException {
  return new TrainingBasesException(TrainingBasesErrorCode.BookingNotFound, `Booking ${id} not found`);
}

export function invalidBase(field: string, problem: string): TrainingBasesException {
  return new TrainingBasesException(TrainingBasesErrorCode.InvalidBase, problem, {
    field,
    fields: [{ field, problems: [problem] }],
  });
}

/** 422 naming the rule(s): `details.rule` is the first, `details.violations` every one (per date for a series). */
export function bookingRuleViolated(violations: Array<RuleViolation & { date?: string }>): TrainingBasesException {
  const first = violations[0];
  const dates = [...new Set(violations.map((v) => v.date).filter((d): d is string => !!d))];
  return new TrainingBasesException(
    TrainingBasesErrorCode.BookingRuleViolated,
    `Booking rule ${first.rule} violated: ${first.message}${dates.length > 1 ? ` (dates: ${dates.join(', ')})` : ''}`,
    { rule: first.rule, rules: [...new Set(violations.map((v) => v.rule))], violations, dates },
  );
}

/** 409 with the clashing occurrences and the live bookings each clashes with. */
export function bookingConflict(clashes: OccurrenceClash[]): TrainingBasesException {
  const dates = clashes.map((c) => c.date);
  return new TrainingBasesException(
    TrainingBasesErrorCode.BookingConflict,
    `Not enough free workstations on ${dates.join(', ')}`,
    { dates, clashes },
  );
}

/** PATCH bodies may omit a required field but not blank it with null. */
export function rejectNulls(changes: object, required: readonly string[]): void {
  for (const field of required) {
    if ((changes as Record<string, unknown>)[field] === null) {
      throw new TrainingBasesException(TrainingBasesErrorCode.NullNotAllowed, `${field} cannot be null`, {
        field,
        fields: [{ field, problems: [`${field} cannot be null`] }],
      });
    }
  }
}
