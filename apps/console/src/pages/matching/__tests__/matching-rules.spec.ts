import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { CooperationTransitionDto, ProposeCooperationDto } from '@chanjiao/talent/cooperations/dto/cooperation.dto';
import { recommend, DEFAULT_GAP_THRESHOLDS } from '@chanjiao/talent/gaps/domain/talent-gap';
import { TalentGapQueryDto } from '@chanjiao/talent/gaps/dto/talent-gap.dto';
import { FACTORS as API_FACTORS, PROGRAMME_CREDIT } from '@chanjiao/talent/matching/domain/scoring-model';
import { MatchDecisionDto } from '@chanjiao/talent/matching/dto/matching.dto';
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
  sideOf,
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
