import { MembershipStatus } from '../entities/membership-status';
import { OrganizationType, SCHOOL_TYPES } from '../entities/organization-type';

/**
 * 牵头单位: the park government (管委会), a lead school and a lead enterprise.
 * Each slot is a member organization of the consortium of a fitting type; the
 * rule lives here so setting a lead unit, creating one with the consortium and
 * changing a lead unit's type or membership all check the same thing.
 */
export type LeadUnitSlot = 'government' | 'school' | 'enterprise';

export interface LeadUnitRule {
  /** Column on the consortium (and field of the profile DTOs). */
  field: 'leadGovernmentOrgId' | 'leadSchoolOrgId' | 'leadEnterpriseOrgId';
  types: readonly OrganizationType[];
  /** Used in messages: "… must be a school of this consortium". */
  description: string;
}

export const LEAD_UNIT_RULES: Record<LeadUnitSlot, LeadUnitRule> = {
  government: {
    field: 'leadGovernmentOrgId',
    types: [OrganizationType.Government],
    description: 'a government organization',
  },
  school: { field: 'leadSchoolOrgId', types: SCHOOL_TYPES, description: 'a school' },
  enterprise: { field: 'leadEnterpriseOrgId', types: [OrganizationType.Enterprise], description: 'an enterprise' },
};

export const LEAD_UNIT_SLOTS = Object.keys(LEAD_UNIT_RULES) as LeadUnitSlot[];

export function fitsLeadUnitSlot(slot: LeadUnitSlot, type: OrganizationType): boolean {
  return LEAD_UNIT_RULES[slot].types.includes(type);
}

/** A lead unit must stay in the consortium: it may be suspended, but not leave. */
export const MEMBERSHIP_STATES_LEAVING: readonly MembershipStatus[] = [
  MembershipStatus.Withdrawn,
  MembershipStatus.Rejected,
];

/** Who fills each lead-unit slot of a consortium. */
export type LeadUnitIds = Partial<Record<LeadUnitSlot, string | null>>;

/**
 * The slots an organization fills that its new type would no longer fit: the rule
 * a PATCH of the organization and a row of the organization import both apply.
 */
export function slotsBrokenByType(leads: LeadUnitIds, organizationId: string, type: OrganizationType): LeadUnitSlot[] {
  return LEAD_UNIT_SLOTS.filter((slot) => leads[slot] === organizationId && !fitsLeadUnitSlot(slot, type));
}
