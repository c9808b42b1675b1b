import { addDays, chinaDateOf } from '@chanjiao/core';
import { ClosureDays, daysSpanned, firstClosedDay, HOUR_MS, MINUTE_MS, OpeningWindow, windowHolding } from './opening-hours';

/** The booking rules a request is checked against; each refusal names one (422 `booking_rule_violated`). */
export enum BookingRule {
  BaseNotActive = 'base_not_active',
  MinDuration = 'min_duration',
  MaxDuration = 'max_duration',
  LeadTime = 'lead_time',
  Horizon = 'horizon',
  OpeningHours = 'opening_hours',
  Closure = 'closure',
  OrganizationType = 'organization_type',
  Workstations = 'workstations',
  AreaWorkstations = 'area_workstations',
  MonthlyQuota = 'monthly_quota',
}

export interface BaseRules {
  active: boolean;
  workstations: number;
  openingHours: readonly OpeningWindow[];
  closures: readonly ClosureDays[];
  minDurationMinutes: number;
  maxDurationMinutes: number;
  leadTimeHours: number;
  horizonDays: number;
  allowedOrganizationTypes: readonly string[];
  monthlyQuotaHours: number | null;
}

export interface BookingCandidate {
  startsAt: Date;
  endsAt: Date;
  workstations: number;
  /** The chosen area's workstations, when the booking names an area. */
  areaWorkstations?: number;
  organizationType: string;
}

export interface RuleViolation {
  rule: BookingRule;
  message: string;
}

/** Workstation-hours of a booking (its own length, not the buffer). */
export function workstationHours(startsAt: Date, endsAt: Date, workstations: number): number {
  return ((endsAt.getTime() - startsAt.getTime()) / HOUR_MS) * workstations;
}

/** The China-time month (`YYYY-MM`) a booking counts toward (the month it starts in). */
export function quotaMonth(startsAt: Date): string {
  return chinaDateOf(startsAt).slice(0, 7);
}

/**
 * Every rule of one booking (or one occurrence of a series), in a fixed order. `quotaUsed`
 * is the organization's workstation-hours already counted in the booking's month (other
 * bookings plus earlier occurrences of the same series).
 */
export function bookingRuleViolations(
  rules: BaseRules,
  candidate: BookingCandidate,
  now: Date,
  quotaUsed: number,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const add = (rule: BookingRule, message: string) => violations.push({ rule, message });
  const minutes = (candidate.endsAt.getTime() - candidate.startsAt.getTime()) / MINUTE_MS;
  const day = chinaDateOf(candidate.startsAt);
  if (!rules.active) add(BookingRule.BaseNotActive, 'the base takes no bookings (suspended or closed)');
  if (minutes < rules.minDurationMinutes) {
    add(BookingRule.MinDuration, `a booking lasts at least ${rules.minDurationMinutes} minutes (this: ${minutes})`);
  }
  if (minutes > rules.maxDurationMinutes) {
    add(BookingRule.MaxDuration, `a booking lasts at most ${rules.maxDurationMinutes} minutes (this: ${minutes})`);
  }
  if (candidate.startsAt.getTime() < now.getTime() + rules.leadTimeHours * HOUR_MS) {
    add(BookingRule.LeadTime, `a booking must start at least ${rules.leadTimeHours} hours from now`);
  }
  if (day > addDays(chinaDateOf(now), rules.horizonDays)) {
    add(BookingRule.Horizon, `a booking may start at most ${rules.horizonDays} days ahead`);
  }
  const span = daysSpanned(candidate.startsAt, candidate.endsAt);
  const closed = firstClosedDay(rules.closures, span.first, span.last);
  if (closed) {
    const { date, closure } = closed;
    add(BookingRule.Closure, `the base is closed on ${date}${closure.reason ? ` (${closure.reason})` : ''}`);
  } else if (!windowHolding(rules.openingHours, rules.closures, candidate.startsAt, candidate.endsAt)) {
    add(BookingRule.OpeningHours, `the booking must lie within the opening hours of ${day}`);
  }
  if (
    rules.allowedOrganizationTypes.length > 0 &&
    !rules.allowedOrganizationTypes.includes(candidate.organizationType)
  ) {
    add(
      BookingRule.OrganizationType,
      `organizations of type ${candidate.organizationType} may not book this base (allowed: ${rules.allowedOrganizationTypes.join(', ')})`,
    );
  }
  if (candidate.workstations > rules.workstations) {
    add(BookingRule.Workstations, `the base has ${rules.workstations} workstations`);
  }
  if (candidate.areaWorkstations !== undefined && candidate.workstations > candidate.areaWorkstations) {
    add(BookingRule.AreaWorkstations, `the area has ${candidate.areaWorkstations} workstations`);
  }
  if (rules.monthlyQuotaHours !== null) {
    const hours = workstationHours(candidate.startsAt, candidate.endsAt, candidate.workstations);
    if (quotaUsed + hours > rules.monthlyQuotaHours) {
      add(
        BookingRule.MonthlyQuota,
        `the organization's quota is ${rules.monthlyQuotaHours} workstation-hours in ${quotaMonth(candidate.startsAt)} ` +
          `(${round2(quotaUsed)} used, this booking ${round2(hours)})`,
      );
    }
  }
  return violations;
}

/**
 * Occurrences of a weekly series: the first booking and every 7 days after it whose
 * China-time day is on or before `until`, at most `max`.
 */
export function weeklyOccurrences(
  startsAt: Date,
  endsAt: Date,
  until: string,
  max: number,
): Array<{ startsAt: Date; endsAt: Date }> {
  const week = 7 * 24 * HOUR_MS;
  const result: Array<{ startsAt: Date; endsAt: Date }> = [];
  for (let k = 0; ; k += 1) {
    const start = new Date(startsAt.getTime() + k * week);
    if (chinaDateOf(start) > until) break;
    if (result.length >= max) throw new RangeError(`a series has at most ${max} occurrences`);
    result.push({ startsAt: start, endsAt: new Date(endsAt.getTime() + k * week) });
  }
  return result;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
