/**
 * The console's copy of the API's role → permission matrix (libs/core/src/auth/permissions.ts).
 * The console hides what a role cannot do; the API still decides. A unit test
 * (auth/__tests__/permissions.spec.ts) fails when this copy and ROLE_PERMISSIONS differ.
 */
export type Role = 'secretariat' | 'member' | 'observer';

export const PERMISSIONS = [
  'consortium:read',
  'consortium:write',
  'users:read',
  'users:write',
  'audit:read',
  'organizations:read',
  'organizations:write',
  'council:read',
  'council:write',
  'indicators:read',
  'indicators:report',
  'indicators:manage',
  'matching:read',
  'matching:manage',
  'matching:feedback',
  'cooperations:read',
  'cooperations:write',
  'training_bases:read',
  'training_bases:manage',
  'training_bases:book',
  'training:read',
  'training_needs:write',
  'training:deliver',
  'training_plans:manage',
  'programme_offerings:read',
  'programme_offerings:write',
  'talent:read',
  'talent:post',
  'talent:moderate',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: { readonly [R in Role]: readonly Permission[] } = {
  secretariat: [...PERMISSIONS],
  member: [
    'consortium:read',
    'organizations:read',
    'council:read',
    'indicators:read',
    'indicators:report',
    'matching:read',
    'matching:feedback',
    'cooperations:read',
    'cooperations:write',
    'training_bases:read',
    'training_bases:manage',
    'training_bases:book',
    'training:read',
    'training_needs:write',
    'training:deliver',
    'programme_offerings:read',
    'programme_offerings:write',
    'talent:read',
    'talent:post',
  ],
  observer: [
    'consortium:read',
    'organizations:read',
    'council:read',
    'indicators:read',
    'training_bases:read',
    'training:read',
    'programme_offerings:read',
    'talent:read',
    'matching:read',
    'cooperations:read',
  ],
};

/** What the signed-in user may do in one consortium: platform admins everything, others their role's list. */
export function permissionsOf(role: Role | undefined, platformAdmin: boolean): ReadonlySet<Permission> {
  if (platformAdmin) return new Set(PERMISSIONS);
  return new Set(role ? ROLE_PERMISSIONS[role] : []);
}
