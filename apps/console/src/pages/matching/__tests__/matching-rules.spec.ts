import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { CooperationTransitionDto, ProposeCooperationDto } from '@chanjiao/talent/cooperations/dto/cooperation.dto';
import { recommend, DEFAULT_GAP_THRESHOLDS } from '@chanjiao/talent/gaps/domain/talent-gap';
import { TalentGapQueryDto } from '@chanjiao/talent/gaps/dto/talent-gap.dto';
import {
  FACTORS as API_FACTORS,
  DEFAULT_SETTINGS,
  PROGRAMME_CREDIT,
} from '@chanjiao/talent/matching/domain/scoring-model';
import { MatchDecisionDto, PutMatchingWeightsDto } from '@chanjiao/talent/matching/dto/matching.dto';
import {
  SETTINGS_BOUNDS,
  settingsProblems as apiSettingsProblems,
} from '@chanjiao/talent/matching/services/matching-settings.service';
import { ApiError } from '../../../api/errors';
import { translate, type MessageKey, type Params } from '../../../i18n/translate';
import {
  BASIS_LABELS,
  COOPERATION_LIMITS,
  cooperationActions,
  DECISION_REASON_MAX,
  FACTOR_LABELS,
  FACTORS,
  GAP_YEARS,
  RECOMMENDATION_COLORS,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  ratioText,
  refusalMessage,
  runDuration,
  settingsProblems,
  sideOf,
  weightShares,
  type MatchingWeightsBody,
  type Side,
} from '../matching-rules';

/** The bounds a DTO property's class-validator decorators declare (length, min/max). */
function boundsOf(dto: new () => object, property: string): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  for (const rule of getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property)) {
    if (rule.name === 'isLength') [bounds.min, bounds.max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength') bounds.max = rule.constraints[0] as number;
    if (rule.name === 'min') bounds.min = rule.constraints[0] as number;
    if (rule.name === 'max') bounds.max = rule.constraints[0] as number;
  }
  return bounds;
}

const t = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);

describe('matching form rules', () => {
  it.each([
    ['headcount', ProposeCooperationDto, 'headcount'],
    ['note', ProposeCooperationDto, 'note'],
    ['reason', CooperationTransitionDto, 'reason'],
  ] as const)('cooperation %s has the DTO’s bounds', (limit, dto, property) => {
    expect(COOPERATION_LIMITS[limit]).toEqual(boundsOf(dto, property));
  });

  it('bounds a hiding reason and the gap year as the DTOs do', () => {
    expect(boundsOf(MatchDecisionDto, 'reason')).toEqual({ max: DECISION_REASON_MAX });
    expect(boundsOf(TalentGapQueryDto, 'year')).toEqual(GAP_YEARS);
  });

  it('draws the API’s factors in its order, each with a label', () => {
    expect(FACTORS).toEqual(API_FACTORS);
    expect(Object.keys(FACTOR_LABELS).sort()).toEqual([...API_FACTORS].sort());
  });

  it('names every programme-fit basis', () => {
    expect(Object.keys(BASIS_LABELS).sort()).toEqual(Object.keys(PROGRAMME_CREDIT).sort());
  });

  it('labels and colours every recommendation the gap table gives', () => {
    const given = new Set<string>();
    for (const [demand, supply, offerings] of [
      [10, 0, 0],
      [10, 2, 1],
      [1, 10, 1],
      [5, 5, 1],
      [0, 0, 0],
    ])
      given.add(recommend(demand, supply, offerings, DEFAULT_GAP_THRESHOLDS));
    expect([...given].sort()).toEqual([...RECOMMENDATIONS].sort());
    for (const rec of RECOMMENDATIONS) {
      expect(RECOMMENDATION_LABELS[rec]).toBeDefined();
      expect(RECOMMENDATION_COLORS[rec]).toBeDefined();
    }
  });

  it.each<[string, 'enterprise' | 'school', Side, string[]]>([
    ['proposed', 'enterprise', 'school', ['accept', 'decline']],
    ['proposed', 'enterprise', 'enterprise', ['cancel']],
    ['proposed', 'school', 'enterprise', ['accept', 'decline']],
    ['proposed', 'school', 'secretariat', ['cancel']],
    ['proposed', 'school', null, []],
    ['active', 'enterprise', 'school', ['complete', 'cancel']],
    ['active', 'enterprise', 'secretariat', ['complete', 'cancel']],
    ['completed', 'enterprise', 'school', []],
    ['declined', 'school', 'school', []],
    ['cancelled', 'school', 'secretariat', []],
  ])('a %s cooperation proposed by the %s: the %s may %j', (status, proposedBySide, side, actions) => {
    expect(cooperationActions({ status: status as 'proposed', proposedBySide }, side)).toEqual(actions);
  });

  it('tells the sides apart by the user’s organization', () => {
    const parties = { enterpriseId: 'e', schoolId: 's' };
    expect(sideOf(parties, { organizationId: 'e', secretariat: false })).toBe('enterprise');
    expect(sideOf(parties, { organizationId: 's', secretariat: false })).toBe('school');
    expect(sideOf(parties, { organizationId: 'x', secretariat: false })).toBeNull();
    expect(sideOf(parties, { organizationId: null, secretariat: true })).toBe('secretariat');
  });

  it('spells out "capacity exceeded" from the API’s arithmetic', () => {
    const error = new ApiError(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'Accepting would commit 12 graduates of 2031; the offering expects 10 (6 already committed)',
      details: { code: 'capacity_exceeded', field: 'headcount', year: 2031, expected: 10, committed: 6, requested: 6 },
    });
    expect(refusalMessage(error, t)).toBe(
      '容量不足：接受后 2031 届将承诺 12 名毕业生，超过该专业预计的 10 名（已承诺 6 名，本次 6 名）。',
    );
  });

  it('says any other refusal as describeError does', () => {
    const error = new ApiError(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'Cannot accept a active cooperation: only a proposed cooperation is answered',
      details: { code: 'invalid_transition', field: 'action' },
    });
    expect(refusalMessage(error, t)).toBe(
      '与现有数据冲突：Cannot accept a active cooperation: only a proposed cooperation is answered',
    );
  });

  it.each([
    [2.5, '2.50'],
    [null, '—'],
  ])('shows ratio %p as %s', (ratio, text) => expect(ratioText(ratio)).toBe(text));
});

/** The fields the API refuses in a PUT …/matching-weights body: 400 (class-validator) or 422 (the bounds). */
function apiRefuses(body: MatchingWeightsBody): string[] {
  const invalid = (errors: ValidationError[], prefix = ''): string[] =>
    errors.flatMap((e) =>
      e.children?.length ? invalid(e.children, `${prefix}${e.property}.`) : [`${prefix}${e.property}`],
    );
  const dto = plainToInstance(PutMatchingWeightsDto, body);
  const validation = invalid(validateSync(dto));
  if (validation.length > 0) return validation.sort();
  return [...new Set(apiSettingsProblems(body).map((p) => p.field))].sort();
}

describe('matching weights form rules', () => {
  const valid: MatchingWeightsBody = { ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights } };
  const withWeight = (factor: keyof MatchingWeightsBody['weights'], value: number) => ({
    ...valid,
    weights: { ...valid.weights, [factor]: value },
  });

  it.each<[string, MatchingWeightsBody]>([
    ['the defaults', valid],
    [
      'every weight at its bounds',
      { ...valid, weights: { programme: 10, text: 40, skills: 0, capacity: 30, mode: 0, locality: 20 } },
    ],
    ['programme above its bound', withWeight('programme', 61)],
    ['programme below its bound', withWeight('programme', 9)],
    ['text below its bound', withWeight('text', 4)],
    ['skills negative', withWeight('skills', -1)],
    ['capacity above its bound', withWeight('capacity', 31)],
    ['mode not whole', withWeight('mode', 2.5)],
    ['locality above its bound', withWeight('locality', 21)],
    ['textMin at its bounds', { ...valid, textMin: 0.8 }],
    ['textMin below its bound', { ...valid, textMin: 0.05 }],
    ['textMin with 3 decimals', { ...valid, textMin: 0.125 }],
    ['textMin with 4 decimals', { ...valid, textMin: 0.3333 }],
    ['minScore above its bound', { ...valid, minScore: 61 }],
    ['minScore negative', { ...valid, minScore: -1 }],
    ['minScore not whole', { ...valid, minScore: 25.5 }],
    ['two fields wrong', { ...withWeight('text', 41), minScore: 70 }],
  ])('refuses the fields the API refuses: %s', (_name, body) => {
    expect(
      settingsProblems(body, SETTINGS_BOUNDS)
        .map((p) => p.field)
        .sort(),
    ).toEqual(apiRefuses(body));
  });

  it('says what is wrong in the user’s language', () => {
    const problems = settingsProblems({ ...withWeight('programme', 61), textMin: 0.3333 }, SETTINGS_BOUNDS);
    expect(problems.map((p) => [p.field, t(p.problem.key, p.problem.params)])).toEqual([
      ['weights.programme', '应为 10–60 之间的整数'],
      ['textMin', '最多 3 位小数'],
    ]);
  });

  it('shows each weight’s share of the total', () => {
    // The defaults add up to 100.
    expect(weightShares(valid.weights)).toEqual(valid.weights);
    expect(weightShares({ programme: 10, text: 10 })).toMatchObject({ programme: 50, text: 50, skills: 0 });
    expect(weightShares({})).toMatchObject({ programme: 0 });
  });

  it.each([
    ['2026-12-01T02:30:00.000Z', '2026-12-01T02:30:07.400Z', '7 秒'],
    ['2026-12-01T02:30:00.000Z', '2026-12-01T02:31:05.000Z', '1 分 5 秒'],
    ['2026-12-01T02:30:00.000Z', '2026-12-01T04:00:00.000Z', '1 小时 30 分'],
    ['2026-12-01T02:30:00.000Z', null, undefined],
  ])('gives a run from %s to %s the duration %p', (startedAt, finishedAt, text) => {
    expect(runDuration({ startedAt, finishedAt }, t)).toBe(text);
  });
});
