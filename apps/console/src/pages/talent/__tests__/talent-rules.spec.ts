import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import {
  EDITABLE_STATUSES as API_EDITABLE,
  nextStatus,
  PostingAction,
  salaryProblem,
  validUntilProblem,
} from '@chanjiao/talent/domain/posting-lifecycle';
import { CreateDemandPostingDto, PostingListQueryBase } from '@chanjiao/talent/dto/demand-posting.dto';
import { MONEY, PostingTransitionDto, WeightedSkillDto } from '@chanjiao/talent/dto/posting-common.dto';
import { CreateSkillSynonymDto } from '@chanjiao/talent/dto/skill-synonym.dto';
import { CreateSupplyPostingDto } from '@chanjiao/talent/dto/supply-posting.dto';
import { PostingStatus } from '@chanjiao/talent/entities/talent-enums';
import { checkNotBefore } from '../../../forms/validators';
import {
  EDITABLE_STATUSES,
  POSTING_ACTIONS,
  postingPermissions,
  SALARY_PATTERN,
  salaryOrdered,
  salaryRange,
  TALENT_LIMITS,
  toPostingBody,
  toSkills,
  type DemandPosting,
} from '../talent-rules';

/** The bounds a DTO property's class-validator decorators declare (length, min/max, array size). */
function boundsOf(dto: new () => object, property: string): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  for (const rule of getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property && !m.each)) {
    if (rule.name === 'isLength') [bounds.min, bounds.max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength') [bounds.min, bounds.max] = [0, rule.constraints[0] as number];
    if (rule.name === 'min') bounds.min = rule.constraints[0] as number;
    if (rule.name === 'max') bounds.max = rule.constraints[0] as number;
    if (rule.name === 'arrayMaxSize') bounds.max = rule.constraints[0] as number;
  }
  return bounds;
}

describe('talent form rules', () => {
  it.each([
    ['title', CreateDemandPostingDto, 'title'],
    ['description', CreateDemandPostingDto, 'description'],
    ['headcount', CreateDemandPostingDto, 'headcount'],
    ['district', CreateDemandPostingDto, 'district'],
    ['certificates', CreateDemandPostingDto, 'certificates'],
    ['programmeCodes', CreateDemandPostingDto, 'programmeCodes'],
    ['skills', CreateDemandPostingDto, 'requiredSkills'],
    ['skills', CreateDemandPostingDto, 'preferredSkills'],
    ['skills', CreateSupplyPostingDto, 'skills'],
    ['skill', WeightedSkillDto, 'skill'],
    ['weight', WeightedSkillDto, 'weight'],
    ['title', CreateSupplyPostingDto, 'title'],
    ['headcount', CreateSupplyPostingDto, 'headcount'],
    ['cohortYear', CreateSupplyPostingDto, 'cohortYear'],
    ['note', CreateSupplyPostingDto, 'note'],
    ['reason', PostingTransitionDto, 'reason'],
    ['synonym', CreateSkillSynonymDto, 'variant'],
    ['synonym', CreateSkillSynonymDto, 'skill'],
    ['q', PostingListQueryBase, 'q'],
  ] as const)('%s has the bounds of %p.%s', (limit, dto, property) => {
    expect(TALENT_LIMITS[limit]).toEqual(boundsOf(dto, property));
  });

  it('caps each certificate as the DTO does', () => {
    const each = getMetadataStorage()
      .getTargetValidationMetadatas(CreateDemandPostingDto, '', false, false)
      .find((m) => m.propertyName === 'certificates' && m.name === 'isLength');
    expect(each?.constraints).toEqual([TALENT_LIMITS.certificate.min, TALENT_LIMITS.certificate.max]);
  });

  it('checks salaries as the API does', () => {
    expect(SALARY_PATTERN.source).toBe(MONEY.source);
    for (const [min, max] of [
      ['7000', '10000'],
      ['8000', '8000.00'],
      [undefined, '5000'],
      ['12000.5', '12000.49'],
      ['9000', '800'],
    ] as const)
      expect(salaryOrdered(min, max)).toBe(salaryProblem(min, max) === null);
  });

  it('refuses the days the API refuses for validUntil (today in China is still allowed)', () => {
    for (const day of ['2027-02-28', '2027-03-01', '2027-03-02'])
      expect(checkNotBefore(day, '2027-03-01') === undefined).toBe(validUntilProblem(day, '2027-03-01') === null);
  });

  it.each(Object.values(PostingStatus))('offers the API’s lifecycle actions from %s', (status) => {
    const api = Object.values(PostingAction).filter((action) => nextStatus(status, action) !== null);
    expect([...POSTING_ACTIONS[status]].sort()).toEqual(api.sort());
    expect(EDITABLE_STATUSES.includes(status)).toBe(API_EDITABLE.includes(status));
  });

  it.each([
    ['the owner', { organizationId: 'org-a', canPost: true, moderator: false }, ['publish', 'close'], true, false],
    ['another member', { organizationId: 'org-b', canPost: true, moderator: false }, [], false, false],
    ['an observer', { organizationId: null, canPost: false, moderator: false }, [], false, false],
    ['the secretariat', { organizationId: null, canPost: true, moderator: true }, ['publish', 'close'], true, true],
  ] as const)('lets %s act on a draft as the API does', (_who, viewer, actions, editable, reasonRequired) => {
    expect(postingPermissions({ organizationId: 'org-a', status: 'draft' }, viewer)).toEqual({
      actions,
      editable,
      reasonRequired,
    });
  });

  it('drops blank skill rows and defaults the weight', () => {
    expect(toSkills([{ skill: ' PLC ', weight: 5 }, { skill: '' }, undefined, { skill: '焊接' }])).toEqual([
      { skill: 'PLC', weight: 5 },
      { skill: '焊接', weight: 3 },
    ]);
  });

  it('leaves blank fields out of a new posting', () => {
    expect(
      toPostingBody({ title: ' 运维工程师 ', description: '', district: undefined, certificates: [], headcount: 2 }),
    ).toEqual({ title: '运维工程师', headcount: 2 });
  });

  it('sends only what changed when editing, a cleared field as null', () => {
    const posting = {
      title: '运维工程师',
      description: '负责点检',
      headcount: 2,
      salaryMin: '7000.00',
      salaryMax: '9000.00',
      district: '吴中区',
      validUntil: '2020-01-01',
      certificates: ['电工证'],
    } as Partial<DemandPosting>;
    expect(
      toPostingBody(
        {
          title: '运维工程师',
          description: '',
          headcount: 3,
          salaryMin: '7000',
          salaryMax: '9000',
          district: '',
          validUntil: '2020-01-01',
          certificates: ['电工证'],
        },
        posting,
      ),
    ).toEqual({ description: '', headcount: 3, district: null });
  });

  it.each([
    ['7000.00', '10000.00', '7000–10000'],
    ['7000.50', null, '≥ 7000.5'],
    [null, '9000.00', '≤ 9000'],
    [null, null, '—'],
  ])('shows the salary range %s–%s as %s', (min, max, text) => expect(salaryRange(min, max)).toBe(text));
});
