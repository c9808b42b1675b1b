import type { components, paths } from '../../api/schema';

export type Organization = components['schemas']['OrganizationDto'];
/** The list's filters as the API types them (the URL holds them as text; the API parses them). */
export type OrganizationListQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/organizations']['get']['parameters']['query']
>;
export type OrganizationInput = components['schemas']['CreateOrganizationDto'];
export type MembershipStatus = Organization['membershipStatus'];

/**
 * Field lengths of CreateOrganizationDto / ContactDto, for the form's checks before sending.
 * organization-rules.spec.ts compares them with the DTOs' class-validator rules.
 */
export const ORGANIZATION_LIMITS = {
  name: { min: 2, max: 100 },
  nameEn: { min: 0, max: 200 },
  district: { min: 0, max: 40 },
  address: { min: 0, max: 200 },
  industryName: { min: 0, max: 100 },
  contactName: { min: 1, max: 40 },
  contactTitle: { min: 0, max: 60 },
  contacts: { max: 10 },
} as const;

/** Tag colours of the membership statuses. */
export const STATUS_COLORS: Record<MembershipStatus, string> = {
  applied: 'processing',
  active: 'success',
  suspended: 'warning',
  rejected: 'error',
  withdrawn: 'default',
};

/** The API's membership lifecycle (libs/consortia/src/domain/lifecycles.ts); the spec keeps them equal. */
export const MEMBERSHIP_TRANSITIONS: { readonly [S in MembershipStatus]: readonly MembershipStatus[] } = {
  applied: ['active', 'rejected', 'withdrawn'],
  active: ['suspended', 'withdrawn'],
  suspended: ['active', 'withdrawn'],
  rejected: [],
  withdrawn: [],
};

/** Form values → request body: blank optional texts are left out rather than sent empty. */
export function toOrganizationInput(values: OrganizationInput): OrganizationInput {
  const cleaned = Object.fromEntries(
    Object.entries(values).filter(
      ([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''),
    ),
  ) as OrganizationInput;
  if (cleaned.contacts) {
    cleaned.contacts = cleaned.contacts
      .filter((c) => c && c.name)
      .map(
        (c) =>
          Object.fromEntries(Object.entries(c).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as typeof c,
      );
  }
  return cleaned;
}
