import fc from 'fast-check';
import { CatalogueIndex, Matcher } from '../matcher';
import { catalogueIdf } from '../pair-score';
import { referenceMatch } from '../reference-scorer';
import { buildSynonyms, DEFAULT_SETTINGS, MatchingSettings, OfferingInput, PostingInput } from '../scoring-model';
import { CATALOGUE } from './matching-fixtures';

/**
 * The bounded top-N (programmes visited best upper bound first, the visit stopped once no
 * bound reaches the N-th score) and the inverted text indexes against the plain reference
 * scorer, on consortia large enough that most candidates are cut off: many offerings over
 * few programmes, many exact ties (identical offerings: the order is the offering id),
 * shuffled input order, small N.
 */
const index = new CatalogueIndex(CATALOGUE);
const idf = catalogueIdf(CATALOGUE);
const synonyms = buildSynonyms([{ variant: '可编程控制器', canonical: 'PLC' }]);

const programmeCodes = [...CATALOGUE.programmes.map((p) => p.code), '999999'];
const occupationCodes = [...CATALOGUE.occupations.map((o) => o.code), '6-31-07', '6-31'];
const skills = ['PLC', '可编程控制器', '焊接', 'CAD', '工业机器人编程', '会计核算', 'Python'];
const levels = ['secondary_vocational', 'higher_vocational', 'vocational_bachelor'];
const modes = ['order_class', 'apprenticeship', 'internship'];
const districts = ['高新区', '江北区'];
const phrases = ['工业机器人', '运维', '工程师', '设备维护', '会计', '数据分析', '电工', '视觉系统', '调试', '编程'];

/** A few offering shapes repeated under many ids: ties everywhere. */
const shapeArb: fc.Arbitrary<Omit<OfferingInput, 'id'>> = fc.record({
  organizationId: fc.constantFrom('s-1', 's-2'),
  programmeCode: fc.constantFrom(...programmeCodes),
  level: fc.constantFrom(...levels),
  status: fc.constantFrom('active', 'active', 'active', 'suspended'),
  skills: fc.uniqueArray(fc.constantFrom(...skills), { maxLength: 3 }),
  trainingModes: fc.uniqueArray(fc.constantFrom(...modes), { maxLength: 2 }),
  expectedGraduates: fc.array(fc.record({ year: fc.constant(2027), count: fc.integer({ min: 0, max: 30 }) }), {
    maxLength: 2,
  }),
  committed: fc.array(fc.record({ year: fc.constant(2027), count: fc.integer({ min: 0, max: 10 }) }), {
    maxLength: 1,
  }),
  district: fc.option(fc.constantFrom(...districts), { nil: null }),
  inPark: fc.boolean(),
});

const consortiumArb: fc.Arbitrary<OfferingInput[]> = fc
  .tuple(
    fc.array(shapeArb, { minLength: 1, maxLength: 8 }),
    fc.array(fc.nat(), { minLength: 30, maxLength: 120 }),
    fc.array(fc.nat(), { minLength: 120, maxLength: 120 }),
  )
  .map(([shapes, picks, order]) => {
    const offerings = picks.map((k, i) => ({ id: `o-${String(i).padStart(3, '0')}`, ...shapes[k % shapes.length] }));
    // Input order is not id order: the result must not depend on it.
    return offerings
      .map((o, i) => ({ o, key: order[i % order.length] * 1000 + i }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.o);
  });

const text = fc.array(fc.constantFrom(...phrases), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
const postingArb: fc.Arbitrary<PostingInput> = fc.record({
  id: fc.constant('p'),
  title: text,
  description: fc.option(text, { nil: null }),
  occupationCode: fc.option(fc.constantFrom(...occupationCodes), { nil: null }),
  programmeCodes: fc.uniqueArray(fc.constantFrom(...programmeCodes), { maxLength: 2 }),
  programmeClassCodes: fc.uniqueArray(fc.constantFrom('4603', '5102', '9999'), { maxLength: 1 }),
  minLevel: fc.option(fc.constantFrom(...levels), { nil: null }),
  headcount: fc.integer({ min: 1, max: 40 }),
  requiredSkills: fc.uniqueArray(
    fc.record({ skill: fc.constantFrom(...skills), weight: fc.integer({ min: 1, max: 5 }) }),
    { maxLength: 3, selector: (s) => s.skill },
  ),
  preferredSkills: fc.uniqueArray(
    fc.record({ skill: fc.constantFrom(...skills), weight: fc.integer({ min: 1, max: 5 }) }),
    { maxLength: 2, selector: (s) => s.skill },
  ),
  employmentType: fc.constantFrom('full_time', ...modes),
  district: fc.option(fc.constantFrom(...districts), { nil: null }),
  inPark: fc.boolean(),
  startYear: fc.constant(2027),
});

const settingsArb: fc.Arbitrary<MatchingSettings> = fc.record({
  weights: fc.record({
    programme: fc.integer({ min: 10, max: 60 }),
    text: fc.integer({ min: 5, max: 40 }),
    skills: fc.integer({ min: 0, max: 40 }),
    capacity: fc.integer({ min: 0, max: 30 }),
    mode: fc.integer({ min: 0, max: 20 }),
    locality: fc.integer({ min: 0, max: 20 }),
  }),
  textMin: fc.constantFrom(0.1, 0.3),
  minScore: fc.constantFrom(0, 25),
});

describe('the bounded top-N matcher against the reference scorer', () => {
  it('returns the reference’s first N matches, in order, for N = 1, 3 and 20', () => {
    fc.assert(
      fc.property(
        consortiumArb,
        fc.array(postingArb, { minLength: 1, maxLength: 4 }),
        settingsArb,
        (offerings, postings, settings) => {
          const matcher = new Matcher(index, offerings, settings, synonyms);
          for (const p of postings) {
            const reference = referenceMatch(p, offerings, CATALOGUE, settings, synonyms, idf);
            expect(matcher.match(p)).toEqual(reference);
            for (const n of [1, 3]) expect(matcher.match(p, n).matches).toEqual(reference.matches.slice(0, n));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stops scoring once no programme left can enter the top N, and keeps the same top', () => {
    // 60 identical strong offerings of the posting's programme, 60 weak ones of another.
    const base = {
      organizationId: 's',
      level: 'higher_vocational',
      status: 'active',
      skills: ['PLC'],
      trainingModes: [],
      expectedGraduates: [{ year: 2027, count: 30 }],
      committed: [],
      district: null,
      inPark: false,
    };
    const offerings: OfferingInput[] = [
      ...Array.from({ length: 60 }, (_, i) => ({
        ...base,
        id: `a-${String(59 - i).padStart(2, '0')}`,
        programmeCode: '460305',
      })),
      ...Array.from({ length: 60 }, (_, i) => ({
        ...base,
        id: `b-${String(i).padStart(2, '0')}`,
        programmeCode: '530302',
      })),
    ];
    const p: PostingInput = {
      id: 'p',
      title: '工业机器人运维',
      description: null,
      occupationCode: null,
      programmeCodes: ['460305'],
      programmeClassCodes: [],
      minLevel: null,
      headcount: 10,
      requiredSkills: [{ skill: 'PLC', weight: 1 }],
      preferredSkills: [],
      employmentType: 'full_time',
      district: null,
      inPark: false,
      startYear: 2027,
    };
    const matcher = new Matcher(index, offerings, DEFAULT_SETTINGS, synonyms);
    const result = matcher.match(p);
    expect(result).toEqual(referenceMatch(p, offerings, CATALOGUE, DEFAULT_SETTINGS, synonyms, idf));
    // Ties broken by offering id, whatever the input order.
    expect(result.matches.map((m) => m.offeringId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `a-${String(i).padStart(2, '0')}`),
    );
    // The 大数据与会计 offerings share the skill but their bound is below the 20th score: never scored.
    expect(matcher.lastScored).toBe(60);
  });

  it('answers a repeated text from its cache with the same fits as a fresh index', () => {
    const fresh = new CatalogueIndex(CATALOGUE);
    const p: PostingInput = {
      id: 'p',
      title: '工业机器人运维工程师',
      description: '负责设备维护与调试',
      occupationCode: null,
      programmeCodes: [],
      programmeClassCodes: [],
      minLevel: null,
      headcount: 5,
      requiredSkills: [{ skill: '视觉系统调试', weight: 2 }],
      preferredSkills: [],
      employmentType: 'full_time',
      district: null,
      inPark: false,
      startYear: 2027,
    };
    const first = index.textFits(p);
    expect(index.textFits({ ...p, headcount: 9 })).toEqual(first);
    expect(fresh.textFits(p)).toEqual(first);
    // Another skill list is another text.
    expect(index.textFits({ ...p, requiredSkills: [] })).not.toEqual(first);
  });
});
