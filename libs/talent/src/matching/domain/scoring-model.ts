/**
 * The matching model, version `SCORING_VERSION` (docs/matching.md is its specification).
 * Pure types and rules: no I/O. The production matcher (matcher.ts) and the plain
 * reference scorer (reference-scorer.ts) both build on these definitions.
 */

export const SCORING_VERSION = 'match-2026.1';

/** How many matches are kept per posting. */
export const TOP_N = 20;

export type FactorName = 'programme' | 'text' | 'skills' | 'capacity' | 'mode' | 'locality';
export const FACTORS: readonly FactorName[] = ['programme', 'text', 'skills', 'capacity', 'mode', 'locality'];

export type MatchingWeights = Record<FactorName, number>;

export const DEFAULT_WEIGHTS: MatchingWeights = {
  programme: 35,
  text: 20,
  skills: 20,
  capacity: 10,
  mode: 5,
  locality: 10,
};

/** Inclusive bounds a consortium may set each weight within. */
export const WEIGHT_BOUNDS: Record<FactorName, { min: number; max: number }> = {
  programme: { min: 10, max: 60 },
  text: { min: 5, max: 40 },
  skills: { min: 0, max: 40 },
  capacity: { min: 0, max: 30 },
  mode: { min: 0, max: 20 },
  locality: { min: 0, max: 20 },
};

export interface MatchingSettings {
  weights: MatchingWeights;
  /** Text fit below this does not pass the "some fit" hard filter on its own. */
  textMin: number;
  /** Matches scoring below this are not shown: the posting has "no match" if none is left. */
  minScore: number;
}

export const DEFAULT_SETTINGS: MatchingSettings = { weights: DEFAULT_WEIGHTS, textMin: 0.3, minScore: 25 };
export const SETTING_BOUNDS = { textMin: { min: 0.1, max: 0.8 }, minScore: { min: 0, max: 60 } } as const;

export interface SettingsProblem {
  field: string;
  problem: string;
}

/** Problems of a consortium's settings against the documented bounds (empty = valid). */
export function checkSettings(settings: MatchingSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const within = (field: string, v: unknown, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ field, problem: 'must be a number' });
    else if (v < min || v > max) problems.push({ field, problem: `must be between ${min} and ${max}` });
  };
  for (const f of FACTORS) within(`weights.${f}`, settings.weights?.[f], WEIGHT_BOUNDS[f].min, WEIGHT_BOUNDS[f].max);
  within('textMin', settings.textMin, SETTING_BOUNDS.textMin.min, SETTING_BOUNDS.textMin.max);
  within('minScore', settings.minScore, SETTING_BOUNDS.minScore.min, SETTING_BOUNDS.minScore.max);
  return problems;
}

// ---------------------------------------------------------------- levels

/** Programme levels in order; 职业本科 and 普通本科 are both bachelor level. */
export const LEVEL_RANK: Record<string, number> = {
  secondary_vocational: 1,
  technician_college: 1,
  higher_vocational: 2,
  vocational_bachelor: 3,
  general_bachelor: 3,
};

export function levelMet(offeringLevel: string, minLevel: string | null): boolean {
  if (!minLevel) return true;
  const have = LEVEL_RANK[offeringLevel];
  const need = LEVEL_RANK[minLevel];
  return have !== undefined && need !== undefined && have >= need;
}

// ---------------------------------------------------------------- occupation codes

/**
 * An occupation code without its trailing `-00` segments: `6-31-07-03` (细类, 4 segments),
 * `6-31-07` (小类), `6-31` (中类), `6` (大类). `6-31-07-00` and `6-31-07` are one code.
 */
export function occupationKey(code: string): string {
  const parts = code.trim().split('-');
  while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('-');
}

export function occupationDepth(key: string): number {
  return key.split('-').length;
}

export function occupationPrefix(key: string, depth: number): string | null {
  const parts = key.split('-');
  return parts.length >= depth ? parts.slice(0, depth).join('-') : null;
}

// ---------------------------------------------------------------- skills

/** Trim, full-width → half-width (NFKC), case, inner whitespace collapsed. */
export function normalizeSkill(skill: string): string {
  return skill.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Synonyms as normalised variant → normalised canonical skill. */
export type SkillSynonyms = ReadonlyMap<string, string>;

export function buildSynonyms(pairs: readonly { variant: string; canonical: string }[]): SkillSynonyms {
  const out = new Map<string, string>();
  for (const p of pairs) out.set(normalizeSkill(p.variant), normalizeSkill(p.canonical));
  return out;
}

export function canonicalSkill(skill: string, synonyms: SkillSynonyms): string {
  const n = normalizeSkill(skill);
  return synonyms.get(n) ?? n;
}

// ---------------------------------------------------------------- inputs

export interface WeightedSkill {
  skill: string;
  weight: number;
}

export interface PostingInput {
  id: string;
  title: string;
  description: string | null;
  occupationCode: string | null;
  programmeCodes: readonly string[];
  programmeClassCodes: readonly string[];
  minLevel: string | null;
  headcount: number;
  requiredSkills: readonly WeightedSkill[];
  preferredSkills: readonly WeightedSkill[];
  employmentType: string;
  district: string | null;
  inPark: boolean;
  /** The year of the start date (China time); the current year when the posting names none. */
  startYear: number;
}

export interface OfferingInput {
  id: string;
  organizationId: string;
  programmeCode: string;
  level: string;
  status: string;
  skills: readonly string[];
  trainingModes: readonly string[];
  expectedGraduates: readonly { year: number; count: number }[];
  /** Headcount committed through active cooperations, per year. */
  committed: readonly { year: number; count: number }[];
  /** The school's district and whether it sits in the park. */
  district: string | null;
  inPark: boolean;
}

export interface CatalogueProgramme {
  code: string;
  name: string;
  classCode: string;
  categoryCode: string;
}

export interface CatalogueOccupation {
  code: string;
  name: string;
  definition: string | null;
  mainTasks: string | null;
}

export interface CatalogueInput {
  programmes: readonly CatalogueProgramme[];
  occupations: readonly CatalogueOccupation[];
  /** The national programme → occupation mapping (职业面向), 细类 or 小类 codes. */
  mapping: readonly { programmeCode: string; occupationCode: string }[];
}

// ---------------------------------------------------------------- factor values

export type ProgrammeBasis =
  'exact_programme' | 'mapping_exact' | 'same_class' | 'mapping_xiaolei' | 'mapping_zhonglei' | 'same_category';

/** Credit per programme-fit basis; the best basis that holds counts. */
export const PROGRAMME_CREDIT: Record<ProgrammeBasis, number> = {
  exact_programme: 1,
  mapping_exact: 0.9,
  same_class: 0.75,
  mapping_xiaolei: 0.7,
  mapping_zhonglei: 0.45,
  same_category: 0.4,
};

export function postingNamesCodes(p: PostingInput): boolean {
  return !!p.occupationCode || p.programmeCodes.length > 0 || p.programmeClassCodes.length > 0;
}

export interface SkillsFit {
  value: number;
  matched: string[];
  missing: string[];
  /** The offering lists no skills: no credit. */
  offeringHasNoSkills: boolean;
}

/** Share of required skill weight covered; preferred skills weigh a quarter when both are given. */
export const PREFERRED_SHARE = 0.25;

export function skillsFit(
  posting: PostingInput,
  offeringSkills: ReadonlySet<string>,
  synonyms: SkillSynonyms,
): SkillsFit {
  const matched: string[] = [];
  const missing: string[] = [];
  const coverage = (skills: readonly WeightedSkill[]): number | null => {
    if (skills.length === 0) return null;
    let total = 0;
    let hit = 0;
    for (const s of skills) {
      const w = s.weight > 0 ? s.weight : 1;
      total += w;
      if (offeringSkills.has(canonicalSkill(s.skill, synonyms))) {
        hit += w;
        matched.push(s.skill);
      } else missing.push(s.skill);
    }
    return hit / total;
  };
  const req = coverage(posting.requiredSkills);
  const pref = coverage(posting.preferredSkills);
  let value = 0;
  if (offeringSkills.size > 0) {
    if (req !== null && pref !== null) value = (1 - PREFERRED_SHARE) * req + PREFERRED_SHARE * pref;
    else value = req ?? pref ?? 0;
  }
  return {
    value: offeringSkills.size > 0 ? value : 0,
    matched: offeringSkills.size > 0 ? matched : [],
    missing:
      offeringSkills.size > 0 ? missing : [...posting.requiredSkills, ...posting.preferredSkills].map((s) => s.skill),
    offeringHasNoSkills: offeringSkills.size === 0,
  };
}

export function offeringSkillSet(offering: OfferingInput, synonyms: SkillSynonyms): Set<string> {
  return new Set(offering.skills.map((s) => canonicalSkill(s, synonyms)));
}

export interface CapacityFit {
  value: number;
  year: number;
  expected: number;
  committed: number;
  available: number;
  headcount: number;
}

export function capacityFit(posting: PostingInput, offering: OfferingInput): CapacityFit {
  const year = posting.startYear;
  const expected = offering.expectedGraduates.filter((g) => g.year === year).reduce((s, g) => s + g.count, 0);
  const committed = offering.committed.filter((g) => g.year === year).reduce((s, g) => s + g.count, 0);
  const available = Math.max(0, expected - committed);
  const value = posting.headcount > 0 ? Math.min(1, available / posting.headcount) : 0;
  return { value, year, expected, committed, available, headcount: posting.headcount };
}

export function modeFit(posting: PostingInput, offering: OfferingInput): number | null {
  if (posting.employmentType === 'full_time') return null;
  return offering.trainingModes.includes(posting.employmentType) ? 1 : 0;
}

export function localityFit(
  posting: PostingInput,
  offering: OfferingInput,
): { value: number; basis: 'district' | 'park' | null } | null {
  if (!posting.district && !posting.inPark) return null;
  if (posting.district && offering.district && posting.district === offering.district)
    return { value: 1, basis: 'district' };
  if (posting.inPark && offering.inPark) return { value: 1, basis: 'park' };
  return { value: 0, basis: null };
}

// ---------------------------------------------------------------- combining

/** A factor's value in [0, 1], or null when the posting does not ask for it. */
export type FactorValues = Record<FactorName, number | null>;

export interface AppliedFactor {
  value: number;
  weight: number;
  /** Points this factor contributed to the 0–100 score. */
  points: number;
}

/**
 * score = 100 × Σ wᶠ·vᶠ / Σ wᶠ over the factors that apply. When the programme factor does
 * not apply (the posting names no codes) its weight moves to the text factor.
 */
export function combine(
  values: FactorValues,
  weights: MatchingWeights,
): { score: number; factors: Partial<Record<FactorName, AppliedFactor>> } {
  const w: Record<FactorName, number> = { ...weights };
  if (values.programme === null) {
    w.text += w.programme;
    w.programme = 0;
  }
  let total = 0;
  for (const f of FACTORS) if (values[f] !== null) total += w[f];
  const factors: Partial<Record<FactorName, AppliedFactor>> = {};
  let sum = 0;
  for (const f of FACTORS) {
    const v = values[f];
    if (v === null) continue;
    const points = total > 0 ? (100 * w[f] * v) / total : 0;
    factors[f] = { value: round4(v), weight: w[f], points: round2(points) };
    sum += points;
  }
  return { score: round2(sum), factors };
}

export function round2(v: number): number {
  return Math.round(v * 100 + 1e-9) / 100;
}
export function round4(v: number): number {
  return Math.round(v * 10000 + 1e-9) / 10000;
}

export type ExclusionReason =
  'offering_not_active' | 'level_below_minimum' | 'no_programme_text_or_skill_fit' | 'below_min_score';

export interface RankKey {
  offeringId: string;
  score: number;
  programme: number;
  skills: number;
}

/** Deterministic order: score, then programme fit, then skills fit (all descending), then offering id. */
export function compareRank(a: RankKey, b: RankKey): number {
  return (
    b.score - a.score ||
    b.programme - a.programme ||
    b.skills - a.skills ||
    (a.offeringId < b.offeringId ? -1 : a.offeringId > b.offeringId ? 1 : 0)
  );
}
