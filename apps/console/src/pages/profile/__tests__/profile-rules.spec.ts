import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { allowedTransitions } from '@chanjiao/consortia/domain/lifecycles';
import { ConsortiumStatus } from '@chanjiao/consortia/entities/consortium-status';
import { StatusTransitionDto } from '@chanjiao/consortia/dto/status-transition.dto';
import { UpdateConsortiumDto } from '@chanjiao/consortia/dto/update-consortium.dto';
import { CONSORTIUM_TRANSITIONS, PARK_OUTPUT_PATTERN, PROFILE_LIMITS, toProfileInput } from '../profile-rules';

function rulesOf(dto: new () => object, property: string) {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property);
}

function lengthOf(dto: new () => object, property: string): { min: number; max: number } {
  let min = 0;
  let max = Infinity;
  for (const rule of rulesOf(dto, property)) {
    if (rule.name === 'isLength') [min, max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength' || rule.name === 'arrayMaxSize') max = rule.constraints[0] as number;
  }
  return { min, max };
}

describe('consortium profile form rules', () => {
  it.each(['name', 'nameEn', 'province', 'city', 'parkName'] as const)('%s has the DTO’s length limits', (field) => {
    expect(PROFILE_LIMITS[field]).toEqual(lengthOf(UpdateConsortiumDto, field));
  });

  it('allows as many leading industries as the DTO, and a note as long', () => {
    expect(PROFILE_LIMITS.leadingIndustries.max).toBe(lengthOf(UpdateConsortiumDto, 'leadingIndustries').max);
    expect(PROFILE_LIMITS.note).toEqual(lengthOf(StatusTransitionDto, 'note'));
  });

  it('checks the park output value with the DTO’s pattern', () => {
    const matches = rulesOf(UpdateConsortiumDto, 'parkOutputValue').find((r) => r.name === 'matches');
    expect(String(matches?.constraints[0])).toBe(String(PARK_OUTPUT_PATTERN));
  });

  it.each(Object.values(ConsortiumStatus))('offers the API’s moves from %s', (from) => {
    expect([...CONSORTIUM_TRANSITIONS[from]].sort()).toEqual(allowedTransitions('consortium', from).sort());
  });

  it('leaves out blank fields and sends industries by code', () => {
    expect(toProfileInput({ name: ' 联合体 ', nameEn: '', parkProvinceRank: 2, leadingIndustries: ['C34'] })).toEqual({
      name: '联合体',
      parkProvinceRank: 2,
      leadingIndustries: [{ code: 'C34' }],
    });
  });
});
