import { describeError } from '../../api/describe-error';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import type { MessageKey, Params } from '../../i18n/translate';

export type Match = components['schemas']['MatchDto'];
export type Factor = components['schemas']['FactorDto'];
export type PostingMatches = components['schemas']['PostingMatchesDto'];
export type Posting = components['schemas']['DemandPostingDto'];
export type Offering = components['schemas']['OfferingDto'];
export type Cooperation = components['schemas']['CooperationDto'];
export type CooperationKind = components['schemas']['ProposeCooperationDto']['kind'];
export type CooperationAction = components['schemas']['CooperationTransitionDto']['action'];
export type MatchDecision = components['schemas']['MatchDecisionDto']['decision'];
export type Gap = components['schemas']['TalentGapDto'];
export type GapRow = components['schemas']['GapRowDto'];

/**
 * The factors of the score in the API's order (libs/talent/src/matching/domain/scoring-model.ts
 * `FACTORS`; __tests__/matching-rules.spec.ts compares them).
 */
export const FACTORS = ['programme', 'text', 'skills', 'capacity', 'mode', 'locality'] as const;
export type FactorName = (typeof FACTORS)[number];

export const FACTOR_LABELS: Record<FactorName, MessageKey> = {
  programme: 'match.factor.programme',
  text: 'match.factor.text',
  skills: 'match.factor.skills',
  capacity: 'match.factor.capacity',
  mode: 'match.factor.mode',
  locality: 'match.factor.locality',
};

/** How a programme fit was found (ProgrammeBasis). */
export const BASIS_LABELS: Record<string, MessageKey> = {
  exact_programme: 'match.basis.exactProgramme',
  mapping_exact: 'match.basis.mappingExact',
  same_class: 'match.basis.sameClass',
  mapping_xiaolei: 'match.basis.mappingXiaolei',
  mapping_zhonglei: 'match.basis.mappingZhonglei',
  same_category: 'match.basis.sameCategory',
};

/** Why a pair is not a match (ExclusionReason): the filters a pinned pair fails, a "no match" posting's nearest. */
export const EXCLUSION_LABELS: Record<string, MessageKey> = {
  offering_not_active: 'match.excluded.offeringNotActive',
  level_below_minimum: 'match.excluded.levelBelowMinimum',
  no_programme_text_or_skill_fit: 'match.excluded.noFit',
  below_min_score: 'match.excluded.belowMinScore',
};

/** The stored explanation of a match (MatchExplanation in libs/talent/src/matching/domain/pair-score.ts). */
export interface MatchExplanation {
  programme?: { basis: string; via: string | null } | null;
  text?: {
    source: { kind: 'programme_name'; name: string } | { kind: 'occupation'; code: string; name: string };
    words: string[];
  } | null;
  skills?: { matched: string[]; missing: string[]; offeringHasNoSkills: boolean } | null;
  capacity?: { year: number; expected: number; committed: number; available: number; headcount: number } | null;
  mode?: { employmentType: string; offered: string[] } | null;
  locality?: {
    basis: 'district' | 'park' | null;
    postingDistrict: string | null;
    offeringDistrict: string | null;
  } | null;
}

export function explanationOf(match: Match): MatchExplanation {
  return match.explanation as MatchExplanation;
}

/**
 * Bounds of ProposeCooperationDto, CooperationTransitionDto and MatchDecisionDto, checked
 * before sending (the spec compares them with the class-validator metadata).
 */
export const COOPERATION_LIMITS = {
  headcount: { min: 1, max: 100000 },
  note: { max: 2000 },
  reason: { max: 500 },
} as const;

export const DECISION_REASON_MAX = 500;

/** TalentGapQueryDto's year bounds. */
export const GAP_YEARS = { min: 2000, max: 2100 } as const;

export const COOPERATION_STATUS_COLORS: Record<Cooperation['status'], string> = {
  proposed: 'processing',
  active: 'success',
  completed: 'default',
  declined: 'error',
  cancelled: 'warning',
};

export const RECOMMENDATIONS = ['expand', 'new_programme_needed', 'shrink', 'maintain'] as const;

export const RECOMMENDATION_LABELS: Record<string, MessageKey> = {
  expand: 'gap.rec.expand',
  new_programme_needed: 'gap.rec.newProgrammeNeeded',
  shrink: 'gap.rec.shrink',
  maintain: 'gap.rec.maintain',
};

export const RECOMMENDATION_COLORS: Record<string, string> = {
  expand: 'volcano',
  new_programme_needed: 'magenta',
  shrink: 'geekblue',
  maintain: 'green',
};

/** Who the signed-in user is for a cooperation or a match: one of its two sides, the secretariat, or neither. */
export type Side = 'enterprise' | 'school' | 'secretariat' | null;

export function sideOf(
  parties: { enterpriseId: string; schoolId: string },
  me: { organizationId: string | null; secretariat: boolean },
): Side {
  if (me.secretariat) return 'secretariat';
  if (me.organizationId && me.organizationId === parties.enterpriseId) return 'enterprise';
  if (me.organizationId && me.organizationId === parties.schoolId) return 'school';
  return null;
}

/**
 * The moves a side may make on a cooperation, as CooperationsService.transition allows them:
 * the other side accepts or declines a proposal, its proposer (or the secretariat) withdraws it;
 * an active one is completed or cancelled by either side or the secretariat.
 */
export function cooperationActions(c: Pick<Cooperation, 'status' | 'proposedBySide'>, side: Side): CooperationAction[] {
  if (!side) return [];
  if (c.status === 'proposed') {
    if (side === 'secretariat' || side === c.proposedBySide) return ['cancel'];
    return ['accept', 'decline'];
  }
  if (c.status === 'active') return ['complete', 'cancel'];
  return [];
}

/** A ratio as the gap table shows it (two decimals), or — without supply. */
export function ratioText(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : ratio.toFixed(2);
}

type Translate = (key: MessageKey, params?: Params) => string;

/**
 * One readable sentence for a refused cooperation move: "capacity exceeded" (409) spelled out
 * from the API's arithmetic in the user's language; anything else as describeError says it.
 */
export function refusalMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.code === 'capacity_exceeded') {
    const details = error.body?.details ?? {};
    const [year, expected, committed, requested] = ['year', 'expected', 'committed', 'requested'].map((k) =>
      typeof details[k] === 'number' ? (details[k] as number) : undefined,
    );
    if (year !== undefined && expected !== undefined && committed !== undefined && requested !== undefined)
      return t('coop.capacityExceeded', { year, expected, committed, requested, total: committed + requested });
  }
  return describeError(error, t);
}

// ------------------------------------------------------------------ weights and runs

export type MatchingWeights = components['schemas']['MatchingWeightsDto'];
export type MatchingWeightsBody = components['schemas']['PutMatchingWeightsDto'];
export type MatchingRun = components['schemas']['MatchingRunDto'];
export type SettingsBounds = MatchingWeights['bounds'];

/** A weights form field as the API names it in a refusal (`weights.programme`, `textMin`, `minScore`). */
export type SettingsField = `weights.${FactorName}` | 'textMin' | 'minScore';

export const SETTINGS_FIELDS: readonly SettingsField[] = [
  ...FACTORS.map((f) => `weights.${f}` as const),
  'textMin',
  'minScore',
];

/** What each factor weighs, one sentence per factor under its field. */
export const FACTOR_HELP: Record<FactorName, MessageKey> = {
  programme: 'weights.help.programme',
  text: 'weights.help.text',
  skills: 'weights.help.skills',
  capacity: 'weights.help.capacity',
  mode: 'weights.help.mode',
  locality: 'weights.help.locality',
};

/** Decimal places textMin may have (the column's numeric(4, 3); matching-settings.service.ts `DECIMALS`). */
export const TEXT_MIN_DECIMALS = 3;

export interface SettingsProblem {
  key: MessageKey;
  params?: Params;
}

function boundsOfField(field: SettingsField, bounds: SettingsBounds): { min: number; max: number } {
  if (field === 'textMin' || field === 'minScore') return bounds[field];
  return bounds.weights[field.slice('weights.'.length) as FactorName];
}

/**
 * The API's rules for one field of PUT …/matching-weights, checked before sending: weights and
 * minScore whole numbers (PutMatchingWeightsDto's IsInt32), textMin at most 3 decimals, each
 * within its bounds (`checkSettings`); `__tests__/matching-rules.spec.ts` compares them with
 * the API's own checks.
 */
export function settingsProblem(
  field: SettingsField,
  value: number | null | undefined,
  bounds: SettingsBounds,
): SettingsProblem | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return { key: 'form.required' };
  const { min, max } = boundsOfField(field, bounds);
  if (field === 'textMin') {
    if (value < min || value > max) return { key: 'weights.between', params: { min, max } };
    const scaled = value * 10 ** TEXT_MIN_DECIMALS;
    if (Math.abs(Math.round(scaled) - scaled) > 1e-6)
      return { key: 'weights.decimals', params: { places: TEXT_MIN_DECIMALS } };
    return undefined;
  }
  if (!Number.isInteger(value) || value < min || value > max) return { key: 'form.integer', params: { min, max } };
  return undefined;
}

/** The problems of a whole body, by field (empty when the API would take it). */
export function settingsProblems(
  body: MatchingWeightsBody,
  bounds: SettingsBounds,
): Array<{ field: SettingsField; problem: SettingsProblem }> {
  const valueOf = (field: SettingsField) =>
    field === 'textMin' || field === 'minScore'
      ? body[field]
      : body.weights[field.slice('weights.'.length) as FactorName];
  return SETTINGS_FIELDS.flatMap((field) => {
    const problem = settingsProblem(field, valueOf(field), bounds);
    return problem ? [{ field, problem }] : [];
  });
}

/** Each weight's share of the total, in percent (weights are relative; the form shows what they add up to). */
export function weightShares(weights: Partial<Record<FactorName, number | null>>): Record<FactorName, number> {
  const total = FACTORS.reduce((s, f) => s + (Number(weights[f]) || 0), 0);
  return Object.fromEntries(
    FACTORS.map((f) => [f, total > 0 ? Math.round((100 * (Number(weights[f]) || 0)) / total) : 0]),
  ) as Record<FactorName, number>;
}

export const RUN_TRIGGER_LABELS: Record<MatchingRun['trigger'], MessageKey> = {
  nightly: 'runs.trigger.nightly',
  weights: 'runs.trigger.weights',
  manual: 'runs.trigger.manual',
};

export const RUN_TRIGGER_COLORS: Record<MatchingRun['trigger'], string> = {
  nightly: 'purple',
  weights: 'gold',
  manual: 'blue',
};

export const RUN_STATUS_LABELS: Record<MatchingRun['status'], MessageKey> = {
  running: 'runs.status.running',
  completed: 'runs.status.completed',
  failed: 'runs.status.failed',
};

export const RUN_STATUS_COLORS: Record<MatchingRun['status'], string> = {
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

/** MatchingRunListQueryDto's largest `limit`: the runs page shows that many. */
export const RUNS_LIMIT = 50;

/** A run's duration as "1 分 5 秒" / "1 min 5 s" (the whole seconds), or undefined while it runs. */
export function runDuration(
  run: Pick<MatchingRun, 'startedAt' | 'finishedAt'>,
  t: (key: MessageKey, params?: Params) => string,
): string | undefined {
  if (!run.finishedAt) return undefined;
  const seconds = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return t('runs.duration.hours', { hours, minutes });
  if (minutes > 0) return t('runs.duration.minutes', { minutes, seconds: rest });
  return t('runs.duration.seconds', { seconds: rest });
}
