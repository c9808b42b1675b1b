import { OrganizationType, SCHOOL_TYPES } from '../entities/organization-type';

/** Council categories that make a council multi-party (政府、企业、学校、科研机构 all seated). */
export const REQUIRED_CATEGORIES = ['government', 'enterprise', 'school', 'research'] as const;

/** A seat's category follows its organization's type (and changes with it). */
export function categoryOf(type: OrganizationType): string {
  if (type === OrganizationType.Government) return 'government';
  if (type === OrganizationType.Enterprise) return 'enterprise';
  if (SCHOOL_TYPES.includes(type)) return 'school';
  if (type === OrganizationType.ResearchInstitute) return 'research';
  if (type === OrganizationType.IndustryAssociation) return 'industry_association';
  return 'other';
}
