import fc from 'fast-check';
import { CatalogueIndex, Matcher } from '../matcher';
import { catalogueIdf } from '../pair-score';
import { referenceMatch } from '../reference-scorer';
import {
  buildSynonyms,
  FACTORS,
  MatchingSettings,
  MatchingWeights,
  OfferingInput,
  PostingInput,
  WEIGHT_BOUNDS,
} from '../scoring-model';
import { CATALOGUE } from './matching-fixtures';

const index = new CatalogueIndex(CATALOGUE);
const idf = catalogueIdf(CATALOGUE);

const programmeCodes = [...CATALOGUE.programmes.map((p) => p.code), '999999'];
const classCodes = [...new Set(CATALOGUE.programmes.map((p) => p.classCode)), '9999'];
const occupationCodes = [...CATALOGUE.occupations.map((o) => o.code), '6-31-07', '6-31', '9-99-99-99'];
const skills = ['PLC', 'ＰＬＣ', '可编程控制器', '焊接', 'CAD', '工业机器人编程', '会计核算', 'Python', '电气识图'];
const levels = ['secondary_vocational', 'higher_vocational', 'vocational_bachelor'];
const modes = ['order_class', 'apprenticeship', 'internship'];
const districts = ['高新区', '江北区', '经开区'];
const phrases = [
  '工业机器人',
  '运维',
  '工程师',
  '设备维护',
  '会计',
  '软件开发',
  '数据分析',
  '电工',
  '视觉系统',
  '调试',
  '编程',
  '机电一体化',
  '招聘',
  '负责',
];
const years = [2026, 2027, 2028];

const text = fc.array(fc.constantFrom(...phrases), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
const weightedSkills = fc.uniqueArray(
  fc.record({ skill: fc.constantFrom(...skills), weight: fc.integer({ min: 1, max: 5 }) }),
  {
    maxLength: 4,
    selector: (s) => s.skill,
  },
);
const yearCounts = fc.array(fc.record({ year: fc.constantFrom(...years), count: fc.integer({ min: 0, max: 60 }) }), {
  maxLength: 3,
});

const offeringArb = (i: number): fc.Arbitrary<OfferingInput> =>
  fc.record({
    id: fc.constant(`o-${String(i).padStart(3, '0')}`),
    organizationId: fc.constantFrom('s-1', 's-2', 's-3'),
    programmeCode: fc.constantFrom(...programmeCodes),
    level: fc.constantFrom(...levels),
    status: fc.constantFrom('active', 'active', 'active', 'suspended'),
    skills: fc.uniqueArray(fc.constantFrom(...skills), { maxLength: 4 }),
    trainingModes: fc.uniqueArray(fc.constantFrom(...modes), { maxLength: 3 }),
    expectedGraduates: yearCounts,
    committed: yearCounts,
    district: fc.option(fc.constantFrom(...districts), { nil: null }),
    inPark: fc.boolean(),
  });

const postingArb: fc.Arbitrary<PostingInput> = fc.record({
  id: fc.constant('p'),
  title: text,
  description: fc.option(text, { nil: null }),
  occupationCode: fc.option(fc.constantFrom(...occupationCodes), { nil: null, freq: 2 }),
  programmeCodes: fc.uniqueArray(fc.constantFrom(...programmeCodes), { maxLength: 2 }),
  programmeClassCodes: fc.uniqueArray(fc.constantFrom(...classCodes), { maxLength: 2 }),
  minLevel: fc.option(fc.constantFrom(...levels), { nil: null }),
  headcount: fc.integer({ min: 1, max: 50 }),
  requiredSkills: weightedSkills,
  preferredSkills: weightedSkills,
  employmentType: fc.constantFrom('full_time', ...modes),
  district: fc.option(fc.constantFrom(...districts), { nil: null }),
  inPark: fc.boolean(),
  startYear: fc.constantFrom(...years),
});

const weightsArb: fc.Arbitrary<MatchingWeights> = fc.record(
  Object.fromEntries(
    FACTORS.map((f) => [f, fc.integer({ min: WEIGHT_BOUNDS[f].min, max: WEIGHT_BOUNDS[f].max })]),
  ) as Record<keyof MatchingWeights, fc.Arbitrary<number>>,
);
const settingsArb: fc.Arbitrary<MatchingSettings> = fc.record({
  weights: weightsArb,
  textMin: fc.constantFrom(0.1, 0.3, 0.5),
  minScore: fc.constantFrom(0, 25, 40),
});

const consortiumArb = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => offeringArb(i))))
  .map((t) => [...t] as OfferingInput[]);

describe('the production matcher returns exactly the reference scorer’s top 20', () => {
  it('over random consortia, postings and settings', () => {
    const synonyms = buildSynonyms([{ variant: '可编程控制器', canonical: 'PLC' }]);
    fc.assert(
      fc.property(
        consortiumArb,
        fc.array(postingArb, { minLength: 1, maxLength: 5 }),
        settingsArb,
        (offerings, postings, settings) => {
          const matcher = new Matcher(index, offerings, settings, synonyms);
          for (const p of postings)
            expect(matcher.match(p)).toEqual(referenceMatch(p, offerings, CATALOGUE, settings, synonyms, idf));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps exactly 20 when more fit', () => {
    const offerings = Array.from({ length: 45 }, (_, i) => ({
      id: `o-${String(i).padStart(2, '0')}`,
      organizationId: 's',
      programmeCode: '460305',
      level: 'higher_vocational',
      status: 'active',
      skills: ['PLC'],
      trainingModes: [],
      expectedGraduates: [{ year: 2027, count: i }],
      committed: [],
      district: null,
      inPark: false,
    }));
    const settings = {
      weights: { programme: 35, text: 20, skills: 20, capacity: 10, mode: 5, locality: 10 },
      textMin: 0.3,
      minScore: 0,
    };
    const p: PostingInput = {
      id: 'p',
      title: '工业机器人运维',
      description: null,
      occupationCode: '6-31-07-01',
      programmeCodes: [],
      programmeClassCodes: [],
      minLevel: null,
      headcount: 30,
      requiredSkills: [{ skill: 'PLC', weight: 1 }],
      preferredSkills: [],
      employmentType: 'full_time',
      district: null,
      inPark: false,
      startYear: 2027,
    };
    const result = new Matcher(index, offerings, settings, buildSynonyms([])).match(p);
    expect(result.matches).toHaveLength(20);
    // o-30 … o-44 have full capacity credit and tie (broken by id), then o-29, o-28 … by credit.
    expect(result.matches[0].offeringId).toBe('o-30');
    expect(result.matches.map((m) => m.offeringId)).toEqual(
      referenceMatch(p, offerings, CATALOGUE, settings, buildSynonyms([])).matches.map((m) => m.offeringId),
    );
  });
});
