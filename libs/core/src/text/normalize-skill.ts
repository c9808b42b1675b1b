/**
 * One spelling per skill, so 「PLC」, 「ＰＬＣ」 and 「 plc 」 are one tag: Unicode NFKC
 * (full-width letters, digits and punctuation → half-width; the ideographic space → a
 * space), whitespace trimmed and collapsed to one space, then case folded (lower case).
 * Chinese text is unchanged. Pure; shared by offerings and postings.
 */
export function normalizeSkill(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** Normalised, blanks dropped, duplicates removed (first occurrence kept, order otherwise preserved). */
export function normalizeSkills(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const skill = normalizeSkill(value);
    if (skill) seen.add(skill);
  }
  return [...seen];
}
