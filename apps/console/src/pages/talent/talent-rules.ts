import type { components, paths } from '../../api/schema';

export type DemandPosting = components['schemas']['DemandPostingDto'];
export type SupplyPosting = components['schemas']['SupplyPostingDto'];
export type DemandInput = components['schemas']['CreateDemandPostingDto'];
export type SupplyInput = components['schemas']['CreateSupplyPostingDto'];
export type WeightedSkill = components['schemas']['WeightedSkillDto'];
export type Bulletin = components['schemas']['BulletinDto'];
export type BulletinRow = components['schemas']['BulletinRowDto'];
export type SkillSynonym = components['schemas']['SkillSynonymDto'];
export type PostingStatus = DemandPosting['status'];
export type PostingAction = components['schemas']['PostingTransitionDto']['action'];
/** The lists' filters as the API types them (the URL holds them as text; the API parses them). */
export type DemandListQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/demand-postings']['get']['parameters']['query']
>;
export type SupplyListQuery = NonNullable<
  paths['/api/v1/consortia/{consortiumId}/supply-postings']['get']['parameters']['query']
>;

/**
 * Bounds of CreateDemandPostingDto, CreateSupplyPostingDto, WeightedSkillDto, PostingTransitionDto
 * and CreateSkillSynonymDto, checked before sending; __tests__/talent-rules.spec.ts compares them
 * with the DTOs' class-validator metadata.
 */
export const TALENT_LIMITS = {
  title: { min: 1, max: 120 },
  description: { min: 0, max: 5000 },
  headcount: { min: 1, max: 100000 },
  district: { min: 1, max: 60 },
  certificate: { min: 1, max: 100 },
  certificates: { max: 20 },
  programmeCodes: { max: 20 },
  skills: { max: 30 },
  skill: { min: 1, max: 60 },
  weight: { min: 1, max: 5 },
  cohortYear: { min: 2000, max: 2100 },
  note: { min: 0, max: 2000 },
  reason: { min: 1, max: 500 },
  synonym: { min: 1, max: 60 },
  q: { min: 1, max: 100 },
} as const;

/** Monthly salary in yuan as the API takes it (posting-common.dto MONEY): up to 8 digits, two decimals. */
export const SALARY_PATTERN = /^[0-9]{1,8}(\.[0-9]{1,2})?$/;

/** The API's salaryProblem: the range must be ordered (either bound may be missing). */
export function salaryOrdered(min: string | null | undefined, max: string | null | undefined): boolean {
  return !min || !max || Number(min) <= Number(max);
}

/** A monthly salary range as shown: "7000–10000", "≥ 7000", "≤ 10000" or —. */
export function salaryRange(min: string | null, max: string | null): string {
  const yuan = (v: string) => String(Number(v));
  if (min && max) return `${yuan(min)}–${yuan(max)}`;
  if (min) return `≥ ${yuan(min)}`;
  if (max) return `≤ ${yuan(max)}`;
  return '—';
}

/** The lifecycle actions each status allows (libs/talent domain/posting-lifecycle.ts; the spec compares). */
export const POSTING_ACTIONS: { readonly [S in PostingStatus]: readonly PostingAction[] } = {
  draft: ['publish', 'close'],
  published: ['fill', 'close'],
  closed: ['reopen'],
  filled: [],
  expired: ['reopen'],
};

/** Statuses whose fields may still be edited (EDITABLE_STATUSES). */
export const EDITABLE_STATUSES: readonly PostingStatus[] = ['draft', 'published'];

export const STATUS_COLORS: Record<PostingStatus, string> = {
  draft: 'default',
  published: 'processing',
  closed: 'error',
  filled: 'success',
  expired: 'warning',
};

/** What the signed-in user may do with a posting: the owner (or the secretariat) acts; others read. */
export function postingPermissions(
  posting: { organizationId: string; status: PostingStatus },
  viewer: { organizationId: string | null; canPost: boolean; moderator: boolean },
): { actions: readonly PostingAction[]; editable: boolean; reasonRequired: boolean } {
  const owner = viewer.organizationId !== null && viewer.organizationId === posting.organizationId;
  if (!viewer.canPost || !(owner || viewer.moderator)) return { actions: [], editable: false, reasonRequired: false };
  return {
    actions: POSTING_ACTIONS[posting.status],
    editable: EDITABLE_STATUSES.includes(posting.status),
    // The secretariat closing another organization's posting says why (moderation).
    reasonRequired: !owner,
  };
}

/** Skills as the form holds them: rows being typed may be blank, weights default to 3. */
export function toSkills(rows: Array<Partial<WeightedSkill> | undefined> | undefined): WeightedSkill[] {
  return (rows ?? [])
    .filter((r): r is Partial<WeightedSkill> => !!r && !!r.skill?.trim())
    .map((r) => ({ skill: (r.skill ?? '').trim(), weight: r.weight ?? 3 }));
}

/** Blank texts are "not given". */
function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Texts the API keeps as '' rather than null. */
const TEXT_FIELDS = new Set(['description', 'note']);
const MONEY_FIELDS = new Set(['salaryMin', 'salaryMax']);

/** Amounts compare as numbers ("7000" = "7000.00"), everything else as it is. */
function comparable(key: string, value: unknown): string {
  return JSON.stringify(MONEY_FIELDS.has(key) && typeof value === 'string' ? Number(value) : value);
}

/**
 * Form values → request body. Creating: blank optional fields and empty lists are left out.
 * Editing: only the fields that differ from the posting go out, a cleared optional field as null
 * (the API clears it), so an unchanged validUntil that has meanwhile passed is not checked again.
 */
export function toPostingBody<T extends object>(values: T, original?: object): Partial<T> {
  const before = original as Record<string, unknown> | undefined;
  const body: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value: unknown = typeof raw === 'string' ? raw.trim() : raw;
    if (!before) {
      if (!blank(value) && !(Array.isArray(value) && value.length === 0)) body[key] = value;
      continue;
    }
    const next = blank(value) ? (TEXT_FIELDS.has(key) ? '' : null) : value;
    if (comparable(key, next) !== comparable(key, before[key] ?? null)) body[key] = next;
  }
  return body as Partial<T>;
}
