/**
 * The talent demand bulletin (人才需求发布), pure: published demand of a year grouped
 * by programme class, by occupation at each level and by the posting enterprise's
 * industry. In every row an enterprise is counted once however many of its postings
 * fall in it; a posting counts in every row it names (a posting wanting two classes
 * is in both), so the rows of a section may add up to more than the total. A posting
 * naming nothing for a section is counted in that section's `unclassified` row.
 */

/** What the bulletin reads of one posting. */
export interface BulletinPosting {
  id: string;
  organizationId: string;
  headcount: number;
  /** 4-digit 专业类 codes, the wanted classes and those of the wanted programmes, distinct. */
  classCodes: readonly string[];
  /** The posting's occupation code, at whatever level it was given (`6-31-07-03`, `6-31-07-00`). */
  occupationCode: string | null;
  /** The enterprise's GB/T 4754 industry code (null when it has none). */
  industryCode: string | null;
  salaryMin: string | null;
  salaryMax: string | null;
}

export interface BulletinRow {
  /** null for the unclassified row. */
  code: string | null;
  headcount: number;
  enterprises: number;
  postings: number;
  /** Median of the postings' monthly salary (midpoint of the range; one bound when only one is given), yuan. */
  salaryMedian: string | null;
}

export interface BulletinTables {
  total: BulletinRow;
  programmeClasses: BulletinRow[];
  /** Occupation levels 1 (大类) … 4 (细类). */
  occupations: { level: 1 | 2 | 3 | 4; rows: BulletinRow[] }[];
  industries: BulletinRow[];
}

/** The ancestors of an occupation code at each level it has (`6-31-07-03` → 6-00-00-00, 6-31-00-00, 6-31-07-00, itself). */
export function occupationAncestors(code: string): { level: 1 | 2 | 3 | 4; code: string }[] {
  const match = /^([1-8])-([0-9]{2})-([0-9]{2})-([0-9]{2})$/.exec(code);
  if (!match) return [];
  const [, major, middle, minor, unit] = match;
  const out: { level: 1 | 2 | 3 | 4; code: string }[] = [{ level: 1, code: `${major}-00-00-00` }];
  if (middle !== '00') out.push({ level: 2, code: `${major}-${middle}-00-00` });
  if (middle !== '00' && minor !== '00') out.push({ level: 3, code: `${major}-${middle}-${minor}-00` });
  if (middle !== '00' && minor !== '00' && unit !== '00') out.push({ level: 4, code });
  return out;
}

/** The posting's salary point: the midpoint of its range, or the one bound given. */
export function salaryPoint(min: string | null, max: string | null): number | null {
  if (min != null && max != null) return (Number(min) + Number(max)) / 2;
  if (min != null) return Number(min);
  if (max != null) return Number(max);
  return null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function row(code: string | null, postings: readonly BulletinPosting[]): BulletinRow {
  const salaries = postings
    .map((p) => salaryPoint(p.salaryMin, p.salaryMax))
    .filter((value): value is number => value !== null);
  const salary = median(salaries);
  return {
    code,
    headcount: postings.reduce((sum, p) => sum + p.headcount, 0),
    enterprises: new Set(postings.map((p) => p.organizationId)).size,
    postings: postings.length,
    salaryMedian: salary === null ? null : salary.toFixed(2),
  };
}

/** Rows by code, sorted by code, the unclassified row (if any) last. */
function section(
  postings: readonly BulletinPosting[],
  codesOf: (posting: BulletinPosting) => readonly string[],
  unclassifiedIf: (posting: BulletinPosting, codes: readonly string[]) => boolean = (_p, codes) => codes.length === 0,
): BulletinRow[] {
  const groups = new Map<string, BulletinPosting[]>();
  const unclassified: BulletinPosting[] = [];
  for (const posting of postings) {
    const codes = [...new Set(codesOf(posting))];
    if (unclassifiedIf(posting, codes)) unclassified.push(posting);
    for (const code of codes) groups.set(code, [...(groups.get(code) ?? []), posting]);
  }
  const rows = [...groups.keys()].sort().map((code) => row(code, groups.get(code) as BulletinPosting[]));
  if (unclassified.length > 0) rows.push(row(null, unclassified));
  return rows;
}

export function bulletinTables(postings: readonly BulletinPosting[]): BulletinTables {
  return {
    total: row(null, postings),
    programmeClasses: section(postings, (p) => p.classCodes),
    // A posting coded at a coarser level (a 小类) is simply absent from the finer levels;
    // "unclassified" is for postings without any occupation code.
    occupations: ([1, 2, 3, 4] as const).map((level) => ({
      level,
      rows: section(
        postings,
        (p) =>
          p.occupationCode
            ? occupationAncestors(p.occupationCode)
                .filter((a) => a.level === level)
                .map((a) => a.code)
            : [],
        (p) => p.occupationCode === null,
      ),
    })),
    industries: section(postings, (p) => (p.industryCode ? [p.industryCode] : [])),
  };
}
