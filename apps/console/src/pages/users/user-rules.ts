import type { components } from '../../api/schema';

export type ConsortiumUser = components['schemas']['ConsortiumUserDto'];
export type ConsortiumUserInput = components['schemas']['CreateConsortiumUserDto'];
export type PlatformUser = components['schemas']['UserDto'];
export type UserInput = components['schemas']['CreateUserDto'];
export type ConsortiumRole = ConsortiumUser['role'];

/** CreateUserDto's limits (user-rules.spec.ts compares them with its class-validator rules). */
export const USER_LIMITS = {
  email: { max: 254 },
  displayName: { min: 1, max: 60 },
  search: { max: 100 },
} as const;

/** CreateUserDto.phone (narrower than an organization contact's phone: no parentheses). */
export const USER_PHONE_PATTERN = /^\+?[0-9 -]{5,20}$/;

/** Roles that must name the member organization the person belongs to. */
export const ROLES_WITH_ORGANIZATION: readonly ConsortiumRole[] = ['member'];

/** Form values → request body: a blank phone is left out, the organization only for members. */
export function toUserInput<T extends { phone?: string; role?: ConsortiumRole; organizationId?: string }>(
  values: T,
): T {
  const body = { ...values, phone: values.phone?.trim() || undefined };
  if (values.role !== undefined && !ROLES_WITH_ORGANIZATION.includes(values.role)) body.organizationId = undefined;
  return body;
}
