import type { components } from '../../api/schema';

export type Need = components['schemas']['NeedDto'];
export type Plan = components['schemas']['PlanDto'];
export type Version = components['schemas']['VersionDto'];
export type Item = components['schemas']['ItemDto'];
export type ItemInput = components['schemas']['CreateItemDto'];
export type Delivery = components['schemas']['DeliveryDto'];
export type Progress = components['schemas']['PlanProgressDto'];
export type ProgressRow = components['schemas']['ProgressRowDto'];
export type Diff = components['schemas']['VersionDiffDto'];
export type RosterResult = components['schemas']['RosterImportResultDto'];

/**
 * Bounds of the API's DTOs (CreateNeedDto, CreateItemDto, CreateDeliveryDto), checked before
 * sending; __tests__/training-rules.spec.ts compares them with the class-validator metadata.
 */
export const TRAINING_LIMITS = {
  topic: { min: 1, max: 200 },
  title: { min: 1, max: 200 },
  trainees: { min: 1, max: 100000 },
  plannedSessions: { min: 1, max: 10000 },
  plannedParticipantTimes: { min: 1, max: 10000000 },
  sessionHours: { max: 24 },
  participantCount: { min: 1, max: 100000 },
} as const;

/** Yuan as the API takes it: digits with at most two decimals. */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

export const VERSION_STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  superseded: 'warning',
  closed: 'default',
};

export const NEED_STATUS_COLORS: Record<string, string> = {
  submitted: 'processing',
  accepted: 'success',
  declined: 'default',
};

export { percent } from '../../format/numbers';
