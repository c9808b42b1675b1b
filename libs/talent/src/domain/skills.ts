import { normalizeSkill } from '@chanjiao/core';
import { WeightedSkill } from '../entities/talent-enums';

/** Variant (normalised) → the consortium's one spelling. */
export type SynonymMap = ReadonlyMap<string, string>;

/** One spelling for a skill: normalised (trim, NFKC full-width → half-width, case), then the synonym list. */
export function canonicalSkill(value: string, synonyms: SynonymMap): string {
  const normalized = normalizeSkill(value);
  return synonyms.get(normalized) ?? normalized;
}

/**
 * Weighted skills in canonical spelling, blanks dropped, one entry per skill (the
 * highest weight of its variants kept), in first-seen order.
 */
export function canonicalSkills(skills: readonly WeightedSkill[], synonyms: SynonymMap): WeightedSkill[] {
  const bySkill = new Map<string, number>();
  for (const { skill, weight } of skills) {
    const canonical = canonicalSkill(skill, synonyms);
    if (!canonical) continue;
    bySkill.set(canonical, Math.max(bySkill.get(canonical) ?? 0, weight));
  }
  return [...bySkill].map(([skill, weight]) => ({ skill, weight }));
}

/**
 * The text `q` searches: title, description and skills, normalised like skills are
 * (so a query typed with full-width letters finds half-width ones), one line.
 */
export function searchText(parts: ReadonlyArray<string | null | undefined>, skills: readonly WeightedSkill[]): string {
  return [...parts, ...skills.map((s) => s.skill)]
    .filter((part): part is string => Boolean(part))
    .map((part) => normalizeSkill(part))
    .join(' ');
}
