import type { components } from '../../api/schema';

export type OnboardInput = components['schemas']['OnboardConsortiumDto'];
export type LeadUnitInput = components['schemas']['LeadUnitDto'];
export type OrganizationType = LeadUnitInput['type'];
export type LeadUnitSlot = 'government' | 'school' | 'enterprise';

/** The organization types each lead unit may have (libs/consortia/src/domain/lead-units.ts; the spec compares). */
export const LEAD_UNIT_TYPES: { readonly [S in LeadUnitSlot]: readonly OrganizationType[] } = {
  government: ['government'],
  school: [
    'secondary_vocational',
    'higher_vocational',
    'vocational_bachelor',
    'general_bachelor',
    'technician_college',
  ],
  enterprise: ['enterprise'],
};
export const LEAD_UNIT_SLOTS = Object.keys(LEAD_UNIT_TYPES) as LeadUnitSlot[];

/** CreateConsortiumDto.code: 3–32 letters, digits or dashes (upper-cased by the API). */
export const CONSORTIUM_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

export interface OnboardForm {
  code: string;
  name: string;
  nameEn?: string;
  province: string;
  city: string;
  parkName?: string;
  leadUnits?: Partial<
    Record<LeadUnitSlot, { name?: string; type?: OrganizationType; creditCode?: string; joinedOn?: string }>
  >;
  secretariat: { email: string; displayName: string; phone?: string };
}

const blankless = <T extends object>(value: T): T =>
  Object.fromEntries(
    Object.entries(value)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
      .filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;

/** Form values → POST /consortia: the code upper-cased, blank texts and unnamed lead units left out. */
export function toOnboardInput(values: OnboardForm): OnboardInput {
  const leadUnits: Partial<Record<LeadUnitSlot, LeadUnitInput>> = {};
  for (const slot of LEAD_UNIT_SLOTS) {
    const unit = values.leadUnits?.[slot];
    if (!unit?.name?.trim()) continue;
    leadUnits[slot] = blankless({ ...unit, type: unit.type ?? LEAD_UNIT_TYPES[slot][0] }) as LeadUnitInput;
  }
  const { leadUnits: _units, secretariat, ...profile } = values;
  return {
    ...blankless({ ...profile, code: profile.code?.trim().toUpperCase() }),
    ...(Object.keys(leadUnits).length > 0 ? { leadUnits } : {}),
    secretariat: blankless(secretariat),
  } as OnboardInput;
}
