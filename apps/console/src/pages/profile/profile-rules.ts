import type { components } from '../../api/schema';

export type Consortium = components['schemas']['ConsortiumDto'];
export type ConsortiumStatus = Consortium['status'];
export type ProfileInput = components['schemas']['UpdateConsortiumDto'];

/** Lengths of UpdateConsortiumDto (profile-rules.spec.ts compares them with its class-validator rules). */
export const PROFILE_LIMITS = {
  name: { min: 2, max: 120 },
  nameEn: { min: 0, max: 200 },
  province: { min: 2, max: 20 },
  city: { min: 2, max: 30 },
  parkName: { min: 2, max: 60 },
  leadingIndustries: { max: 20 },
  note: { min: 0, max: 500 },
} as const;

/** UpdateConsortiumDto.parkOutputValue: 亿元 with at most two decimals. */
export const PARK_OUTPUT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** The API's consortium lifecycle (libs/consortia/src/domain/lifecycles.ts; the spec keeps them equal). */
export const CONSORTIUM_TRANSITIONS: { readonly [S in ConsortiumStatus]: readonly ConsortiumStatus[] } = {
  planning: ['applied'],
  applied: ['provincially_recommended'],
  provincially_recommended: ['cultivation_list', 'revoked'],
  cultivation_list: ['under_construction', 'revoked'],
  under_construction: ['accepted', 'revoked'],
  accepted: ['revoked'],
  revoked: [],
};

export const CONSORTIUM_STATUS_COLORS: Record<ConsortiumStatus, string> = {
  planning: 'default',
  applied: 'processing',
  provincially_recommended: 'processing',
  cultivation_list: 'processing',
  under_construction: 'warning',
  accepted: 'success',
  revoked: 'error',
};

export type ProfileForm = Omit<ProfileInput, 'leadingIndustries'> & { leadingIndustries?: string[] };

/** Form values → PATCH body: blank optional texts left out, industries as { code }. */
export function toProfileInput(values: ProfileForm): ProfileInput {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    body[key] = typeof value === 'string' ? value.trim() : value;
  }
  if (values.leadingIndustries) body.leadingIndustries = values.leadingIndustries.map((code) => ({ code }));
  return body as ProfileInput;
}
