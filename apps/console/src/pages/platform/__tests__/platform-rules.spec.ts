import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { LEAD_UNIT_RULES } from '@chanjiao/consortia/domain/lead-units';
import { CreateConsortiumDto } from '@chanjiao/consortia/dto/create-consortium.dto';
import { CONSORTIUM_CODE_PATTERN, LEAD_UNIT_SLOTS, LEAD_UNIT_TYPES, toOnboardInput } from '../platform-rules';

describe('consortium onboarding form rules', () => {
  it('checks the code with CreateConsortiumDto’s pattern', () => {
    const rule = getMetadataStorage()
      .getTargetValidationMetadatas(CreateConsortiumDto, '', false, false)
      .find((m) => m.propertyName === 'code' && m.name === 'matches');
    expect(String(rule?.constraints[0])).toBe(String(CONSORTIUM_CODE_PATTERN));
  });

  it('offers each lead unit the types the API accepts for it', () => {
    expect(LEAD_UNIT_SLOTS.sort()).toEqual(Object.keys(LEAD_UNIT_RULES).sort());
    for (const slot of LEAD_UNIT_SLOTS) {
      expect([...LEAD_UNIT_TYPES[slot]].sort()).toEqual([...LEAD_UNIT_RULES[slot].types].sort());
    }
  });

  it('sends named lead units only, with their slot’s type by default, and the code upper-cased', () => {
    expect(
      toOnboardInput({
        code: ' sz-iec-09 ',
        name: '测试联合体',
        nameEn: '',
        province: '江苏省',
        city: '苏州市',
        leadUnits: {
          government: { name: '测试管委会' },
          school: { name: ' ' },
          enterprise: { name: '测试企业', creditCode: '' },
        },
        secretariat: { email: 'a@b.cn', displayName: '王芳', phone: '' },
      }),
    ).toEqual({
      code: 'SZ-IEC-09',
      name: '测试联合体',
      province: '江苏省',
      city: '苏州市',
      leadUnits: {
        government: { name: '测试管委会', type: 'government' },
        enterprise: { name: '测试企业', type: 'enterprise' },
      },
      secretariat: { email: 'a@b.cn', displayName: '王芳' },
    });
  });
});
