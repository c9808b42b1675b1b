import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { allowedTransitions } from '@chanjiao/consortia/domain/lifecycles';
import { MembershipStatus } from '@chanjiao/consortia/entities/membership-status';
import { ContactDto, CreateOrganizationDto } from '@chanjiao/consortia/dto/organization.dto';
import { MEMBERSHIP_TRANSITIONS, ORGANIZATION_LIMITS, toOrganizationInput } from '../organization-rules';

/** min/max length of a DTO property as its class-validator decorators declare them. */
function lengthOf(dto: new () => object, property: string): { min: number; max: number } {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property);
  let min = 0;
  let max = Infinity;
  for (const rule of rules) {
    if (rule.name === 'isLength') [min, max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength') max = rule.constraints[0] as number;
    if (rule.name === 'minLength') min = rule.constraints[0] as number;
    if (rule.name === 'arrayMaxSize') max = rule.constraints[0] as number;
  }
  return { min, max };
}

describe('organization form rules', () => {
  it.each([
    ['name', CreateOrganizationDto, 'name'],
    ['nameEn', CreateOrganizationDto, 'nameEn'],
    ['district', CreateOrganizationDto, 'district'],
    ['address', CreateOrganizationDto, 'address'],
    ['industryName', CreateOrganizationDto, 'industryName'],
    ['contactName', ContactDto, 'name'],
    ['contactTitle', ContactDto, 'title'],
  ] as const)('%s has the DTO’s length limits', (limit, dto, property) => {
    expect(ORGANIZATION_LIMITS[limit]).toEqual(lengthOf(dto, property));
  });

  it('allows as many contacts as the DTO', () => {
    expect(ORGANIZATION_LIMITS.contacts.max).toBe(lengthOf(CreateOrganizationDto, 'contacts').max);
  });

  it.each(Object.values(MembershipStatus))('offers the API’s moves from %s', (from) => {
    expect([...MEMBERSHIP_TRANSITIONS[from]].sort()).toEqual(allowedTransitions('membership', from).sort());
  });

  it('leaves out blank optional fields and empty contacts', () => {
    expect(
      toOrganizationInput({
        type: 'enterprise',
        name: '苏州示例科技有限公司',
        nameEn: '  ',
        district: undefined,
        contacts: [{ name: '张伟', phone: '', email: 'hr@example.cn' }, { name: '' }],
      }),
    ).toEqual({
      type: 'enterprise',
      name: '苏州示例科技有限公司',
      contacts: [{ name: '张伟', email: 'hr@example.cn' }],
    });
  });
});
