import { ConsortiumRole } from '../../context/request-context';
import { Permission, ROLE_PERMISSIONS, roleHas } from '../permissions';

/**
 * The intended matrix, written out by hand: a change to ROLE_PERMISSIONS (or a
 * new role or permission) fails here until this table says the same.
 */
const INTENDED: Record<ConsortiumRole, Record<Permission, boolean>> = {
  [ConsortiumRole.Secretariat]: {
    [Permission.ConsortiumRead]: true,
    [Permission.ConsortiumWrite]: true,
    [Permission.UsersRead]: true,
    [Permission.UsersWrite]: true,
    [Permission.AuditRead]: true,
    [Permission.OrganizationsRead]: true,
    [Permission.OrganizationsWrite]: true,
    [Permission.CouncilRead]: true,
    [Permission.CouncilWrite]: true,
    [Permission.IndicatorsRead]: true,
    [Permission.IndicatorsReport]: true,
    [Permission.IndicatorsManage]: true,
    [Permission.MatchingRead]: true,
    [Permission.MatchingManage]: true,
    [Permission.MatchingFeedback]: true,
    [Permission.CooperationsRead]: true,
    [Permission.CooperationsWrite]: true,
    [Permission.TrainingBasesRead]: true,
    [Permission.TrainingBasesManage]: true,
    [Permission.TrainingBasesBook]: true,
    [Permission.TrainingRead]: true,
    [Permission.TrainingNeedsWrite]: true,
    [Permission.TrainingDeliver]: true,
    [Permission.TrainingPlansManage]: true,
    [Permission.OfferingsRead]: true,
    [Permission.OfferingsWrite]: true,
    [Permission.TalentRead]: true,
    [Permission.TalentPost]: true,
    [Permission.TalentModerate]: true,
  },
  [ConsortiumRole.Member]: {
    [Permission.ConsortiumRead]: true,
    [Permission.ConsortiumWrite]: false,
    [Permission.UsersRead]: false,
    [Permission.UsersWrite]: false,
    [Permission.AuditRead]: false,
    [Permission.OrganizationsRead]: true,
    [Permission.OrganizationsWrite]: false,
    [Permission.CouncilRead]: true,
    [Permission.CouncilWrite]: false,
    [Permission.IndicatorsRead]: true,
    [Permission.IndicatorsReport]: true,
    [Permission.IndicatorsManage]: false,
    [Permission.MatchingRead]: true,
    [Permission.MatchingManage]: false,
    [Permission.MatchingFeedback]: true,
    [Permission.CooperationsRead]: true,
    [Permission.CooperationsWrite]: true,
    [Permission.TrainingBasesRead]: true,
    [Permission.TrainingBasesManage]: true,
    [Permission.TrainingBasesBook]: true,
    [Permission.TrainingRead]: true,
    [Permission.TrainingNeedsWrite]: true,
    [Permission.TrainingDeliver]: true,
    [Permission.TrainingPlansManage]: false,
    [Permission.OfferingsRead]: true,
    [Permission.OfferingsWrite]: true,
    [Permission.TalentRead]: true,
    [Permission.TalentPost]: true,
    [Permission.TalentModerate]: false,
  },
  [ConsortiumRole.Observer]: {
    [Permission.ConsortiumRead]: true,
    [Permission.ConsortiumWrite]: false,
    [Permission.UsersRead]: false,
    [Permission.UsersWrite]: false,
    [Permission.AuditRead]: false,
    [Permission.OrganizationsRead]: true,
    [Permission.OrganizationsWrite]: false,
    [Permission.CouncilRead]: true,
    [Permission.CouncilWrite]: false,
    [Permission.IndicatorsRead]: true,
    [Permission.IndicatorsReport]: false,
    [Permission.IndicatorsManage]: false,
    [Permission.MatchingRead]: true,
    [Permission.MatchingManage]: false,
    [Permission.MatchingFeedback]: false,
    [Permission.CooperationsRead]: true,
    [Permission.CooperationsWrite]: false,
    [Permission.TrainingBasesRead]: true,
    [Permission.TrainingBasesManage]: false,
    [Permission.TrainingBasesBook]: false,
    [Permission.TrainingRead]: true,
    [Permission.TrainingNeedsWrite]: false,
    [Permission.TrainingDeliver]: false,
    [Permission.TrainingPlansManage]: false,
    [Permission.OfferingsRead]: true,
    [Permission.OfferingsWrite]: false,
    [Permission.TalentRead]: true,
    [Permission.TalentPost]: false,
    [Permission.TalentModerate]: false,
  },
};

const roles = Object.values(ConsortiumRole);
const permissions = Object.values(Permission);
const cases = roles.flatMap((role) =>
  permissions.map((permission) => [role, permission, INTENDED[role][permission]] as const),
);

describe('role → permission matrix', () => {
  it('covers every role and every permission', () => {
    expect(Object.keys(INTENDED).sort()).toEqual([...roles].sort());
    for (const role of roles) expect(Object.keys(INTENDED[role]).sort()).toEqual([...permissions].sort());
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...roles].sort());
    expect(cases).toHaveLength(roles.length * permissions.length);
  });

  it.each(cases)('%s has %s: %s', (role, permission, allowed) => {
    expect(roleHas(role, permission)).toBe(allowed);
  });

  it('gives the secretariat every permission', () => {
    expect([...ROLE_PERMISSIONS[ConsortiumRole.Secretariat]].sort()).toEqual([...permissions].sort());
  });

  it('gives observers only read permissions, and members reading plus acting for their own organization', () => {
    const reads = [
      Permission.ConsortiumRead,
      Permission.OrganizationsRead,
      Permission.CouncilRead,
      Permission.IndicatorsRead,
      Permission.TrainingBasesRead,
      Permission.OfferingsRead,
      Permission.MatchingRead,
      Permission.CooperationsRead,
    ];
    const sorted = (list: readonly Permission[]) => [...list].sort();
    expect(sorted(ROLE_PERMISSIONS[ConsortiumRole.Observer])).toEqual(
      sorted([...reads, Permission.TrainingRead, Permission.TalentRead]),
    );
    // Members also act for their own organization: bases, training needs and deliveries, offerings, postings, matches, cooperations.
    expect(sorted(ROLE_PERMISSIONS[ConsortiumRole.Member])).toEqual(
      sorted([
        ...reads,
        Permission.IndicatorsReport,
        Permission.TrainingBasesManage,
        Permission.TrainingBasesBook,
        Permission.OfferingsWrite,
        Permission.TalentPost,
        Permission.MatchingFeedback,
        Permission.CooperationsWrite,
        Permission.TrainingRead,
        Permission.TrainingNeedsWrite,
        Permission.TrainingDeliver,
        Permission.TalentRead,
      ]),
    );
  });

  it('lists no permission twice', () => {
    for (const role of roles) expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
  });

  it('refuses unknown permissions', () => {
    for (const role of roles) expect(roleHas(role, 'organizations:delete' as Permission)).toBe(false);
  });
});
