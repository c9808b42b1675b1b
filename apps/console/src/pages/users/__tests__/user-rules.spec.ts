import 'reflect-metadata';
import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import { ConsortiumRole } from '@chanjiao/core/context/request-context';
import { CreateConsortiumUserDto, CreateUserDto, UserListQueryDto } from '@chanjiao/identity/dto/user.dto';
import { ROLES_WITH_ORGANIZATION, toUserInput, USER_LIMITS, USER_PHONE_PATTERN } from '../user-rules';

function rulesOf(dto: new () => object, property: string) {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property);
}

describe('user form rules', () => {
  it('has CreateUserDto’s lengths and phone pattern', () => {
    const email = rulesOf(CreateUserDto, 'email').find((r) => r.name === 'maxLength');
    expect(USER_LIMITS.email.max).toBe(email?.constraints[0]);
    const name = rulesOf(CreateUserDto, 'displayName').find((r) => r.name === 'isLength');
    expect([USER_LIMITS.displayName.min, USER_LIMITS.displayName.max]).toEqual(name?.constraints);
    const phone = rulesOf(CreateUserDto, 'phone').find((r) => r.name === 'matches');
    expect(String(phone?.constraints[0])).toBe(String(USER_PHONE_PATTERN));
    const q = rulesOf(UserListQueryDto, 'q').find((r) => r.name === 'maxLength');
    expect(USER_LIMITS.search.max).toBe(q?.constraints[0]);
  });

  it.each(Object.values(ConsortiumRole))('asks for an organization exactly when the API requires one (%s)', (role) => {
    const condition = rulesOf(CreateConsortiumUserDto, 'organizationId').find(
      (r) => r.type === 'conditionalValidation',
    );
    const requires = (condition?.constraints[0] as (dto: object, args?: ValidationArguments) => boolean)({ role });
    expect(ROLES_WITH_ORGANIZATION.includes(role)).toBe(requires);
  });

  it('drops a blank phone and the organization of a non-member', () => {
    expect(toUserInput({ phone: ' ', role: 'observer' as const, organizationId: 'x' })).toEqual({
      phone: undefined,
      role: 'observer',
      organizationId: undefined,
    });
    expect(toUserInput({ role: 'member' as const, organizationId: 'x' })).toEqual({
      phone: undefined,
      role: 'member',
      organizationId: 'x',
    });
  });
});
