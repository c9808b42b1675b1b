import { ConsortiumRole } from '../context/request-context';

/**
 * Everything a route can require. Persisted nowhere: the matrix below is the
 * single source of truth, and every route declares one of these (default deny).
 */
export enum Permission {
  ConsortiumRead = 'consortium:read',
  ConsortiumWrite = 'consortium:write',
  UsersRead = 'users:read',
  UsersWrite = 'users:write',
  AuditRead = 'audit:read',
  OrganizationsRead = 'organizations:read',
  OrganizationsWrite = 'organizations:write',
  CouncilRead = 'council:read',
  CouncilWrite = 'council:write',
  IndicatorsRead = 'indicators:read',
  IndicatorsReport = 'indicators:report',
  IndicatorsManage = 'indicators:manage',
  OfferingsRead = 'programme_offerings:read',
  OfferingsWrite = 'programme_offerings:write',
  TalentRead = 'talent:read',
  TalentPost = 'talent:post',
  TalentModerate = 'talent:moderate',
  MatchingRead = 'matching:read',
  MatchingManage = 'matching:manage',
  MatchingFeedback = 'matching:feedback',
  CooperationsRead = 'cooperations:read',
  CooperationsWrite = 'cooperations:write',
  TrainingBasesRead = 'training_bases:read',
  /** Manage a base: the secretariat any, a member user only its own organization's bases (service rule). */
  TrainingBasesManage = 'training_bases:manage',
  /** Book workstations: the secretariat for any organization, a member user for its own. */
  TrainingBasesBook = 'training_bases:book',
}

/** Role → permissions within a consortium. Platform admins hold every permission in every consortium. */
export const ROLE_PERMISSIONS: { readonly [R in ConsortiumRole]: readonly Permission[] } = {
  [ConsortiumRole.Secretariat]: [
    Permission.ConsortiumRead,
    Permission.ConsortiumWrite,
    Permission.UsersRead,
    Permission.UsersWrite,
    Permission.AuditRead,
    Permission.OrganizationsRead,
    Permission.OrganizationsWrite,
    Permission.CouncilRead,
    Permission.CouncilWrite,
    Permission.IndicatorsRead,
    Permission.IndicatorsReport,
    Permission.IndicatorsManage,
    Permission.OfferingsRead,
    Permission.OfferingsWrite,
    Permission.TalentRead,
    Permission.TalentPost,
    Permission.TalentModerate,
    Permission.MatchingRead,
    Permission.MatchingManage,
    Permission.MatchingFeedback,
    Permission.CooperationsRead,
    Permission.CooperationsWrite,
    Permission.TrainingBasesRead,
    Permission.TrainingBasesManage,
    Permission.TrainingBasesBook,
  ],
  [ConsortiumRole.Member]: [
    Permission.ConsortiumRead,
    Permission.OrganizationsRead,
    Permission.CouncilRead,
    Permission.IndicatorsRead,
    Permission.IndicatorsReport,
    Permission.OfferingsRead,
    Permission.OfferingsWrite,
    Permission.TalentRead,
    Permission.TalentPost,
    Permission.MatchingRead,
    Permission.MatchingFeedback,
    Permission.CooperationsRead,
    Permission.CooperationsWrite,
    Permission.TrainingBasesRead,
    Permission.TrainingBasesManage,
    Permission.TrainingBasesBook,
  ],
  [ConsortiumRole.Observer]: [
    Permission.ConsortiumRead,
    Permission.OrganizationsRead,
    Permission.CouncilRead,
    Permission.IndicatorsRead,
    Permission.OfferingsRead,
    Permission.TalentRead,
    Permission.MatchingRead,
    Permission.CooperationsRead,
    Permission.TrainingBasesRead,
  ],
};

export function roleHas(role: ConsortiumRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
