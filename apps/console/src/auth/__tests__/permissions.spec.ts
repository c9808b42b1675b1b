import { Permission, ROLE_PERMISSIONS } from '@chanjiao/core/auth/permissions';
import { ConsortiumRole } from '@chanjiao/core/context/request-context';
import { PERMISSIONS, permissionsOf, ROLE_PERMISSIONS as CONSOLE_ROLE_PERMISSIONS } from '../permissions';

describe('the console’s permission matrix', () => {
  it('lists the API’s permissions', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.values(Permission).sort());
  });

  it.each(Object.values(ConsortiumRole))('gives %s what the API gives it', (role) => {
    expect([...CONSOLE_ROLE_PERMISSIONS[role]].sort()).toEqual([...ROLE_PERMISSIONS[role]].sort());
  });

  it('has the API’s roles, no more', () => {
    expect(Object.keys(CONSOLE_ROLE_PERMISSIONS).sort()).toEqual(Object.values(ConsortiumRole).sort());
  });

  it('gives platform admins everything and a signed-in user without a role nothing', () => {
    expect(permissionsOf(undefined, true).size).toBe(PERMISSIONS.length);
    expect(permissionsOf(undefined, false).size).toBe(0);
    expect(permissionsOf('member', false).has('organizations:write')).toBe(false);
  });
});
