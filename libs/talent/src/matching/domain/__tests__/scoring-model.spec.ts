import { CatalogueIndex, Matcher } from '../matcher';
import { catalogueIdf } from '../pair-score';
import { referenceMatch, referenceProgrammeFit, referenceTextFit } from '../reference-scorer';
import {
  buildSynonyms,
  capacityFit,
  checkSettings,
  combine,
  compareRank,
  DEFAULT_SETTINGS,
  DEFAULT_WEIGHTS,
  levelMet,
  localityFit,
  modeFit,
  normalizeSkill,
  occupationKey,
  skillsFit,
  canonicalSkill,
} from '../scoring-model';
import { sharedWords, tokenize } from '../text';
import { CATALOGUE, offering, posting } from './matching-fixtures';

const index = new CatalogueIndex(CATALOGUE);
const idf = catalogueIdf(CATALOGUE);
const noSynonyms = buildSynonyms([]);

describe('text tokens', () => {
  it.each([
    ['工业机器人', ['工业', '业机', '机器', '器人']],
    ['ＰＬＣ编程', ['plc', '编程']],
    ['电', ['电']],
    ['C++ 与 SQL', ['c++', '与', 'sql']],
  ])('%s', (text, tokens) => expect(tokenize(text)).toEqual(tokens));

  it('names the shared words as the longest runs of shared bigrams', () => {
    const doc = new Set(tokenize('工业机器人系统运维员'));
    expect(sharedWords('工业机器人运维工程师', doc)).toEqual(['工业机器人', '运维']);
  });
});

describe('programme fit', () => {
  it.each([
    ['exact programme', { programmeCodes: ['460305'] }, '460305', 'exact_programme', 1],
    ['same class by a named programme', { programmeCodes: ['460301'] }, '460305', 'same_class', 0.75],
    ['same class by a named class', { programmeClassCodes: ['4603'] }, '460305', 'same_class', 0.75],
    ['same category', { programmeCodes: ['460104'] }, '460305', 'same_category', 0.4],
    ['mapping at 细类', { occupationCode: '6-31-07-01' }, '460305', 'mapping_exact', 0.9],
    ['mapping through the 小类 (sibling 细类)', { occupationCode: '6-31-07-02' }, '460305', 'mapping_xiaolei', 0.7],
    [
      'mapping of a 小类 code (the programme maps to 6-31-01)',
      { occupationCode: '6-31-01-03' },
      '460301',
      'mapping_xiaolei',
      0.7,
    ],
    ['mapping through the 中类', { occupationCode: '6-31-01-03' }, '460305', 'mapping_zhonglei', 0.45],
    [
      'posting names a 小类 the programme maps into',
      { occupationCode: '6-31-07-00' },
      '460305',
      'mapping_xiaolei',
      0.7,
    ],
    ['no relation', { occupationCode: '2-06-03-01' }, '460305', null, 0],
    ['another category', { programmeCodes: ['510201'] }, '460305', null, 0],
    [
      'the best basis wins',
      { programmeCodes: ['460301'], occupationCode: '6-31-07-01' },
      '460305',
      'mapping_exact',
      0.9,
    ],
  ] as const)('%s', (_name, over, programmeCode, basis, value) => {
    const p = posting(over);
    const ref = referenceProgrammeFit(p, programmeCode, CATALOGUE);
    expect(ref.basis).toBe(basis);
    expect(ref.value).toBe(value);
    const prod = index.programmeFits(p).get(index.programmeIndex.get(programmeCode) as number);
    expect(prod?.value ?? 0).toBe(value);
    expect(prod?.basis ?? null).toBe(basis);
  });

  it('reads occupation codes without their trailing -00 segments', () => {
    expect(occupationKey('6-31-07-00')).toBe('6-31-07');
    expect(occupationKey('6-31-00-00')).toBe('6-31');
    expect(occupationKey('6-31-07-03')).toBe('6-31-07-03');
  });
});

describe('text fit', () => {
  it('「工业机器人运维工程师」 with a plain description reaches 工业机器人技术 through its occupations', () => {
    const p = posting({ title: '工业机器人运维工程师', description: '负责车间设备的日常维护，能吃苦耐劳。' });
    const fit = referenceTextFit(p, '460305', CATALOGUE, idf);
    expect(fit.value).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.textMin);
    expect(fit.source).toEqual({ kind: 'occupation', code: '6-31-07-01', name: '工业机器人系统运维员' });
    const unrelated = referenceTextFit(p, '530302', CATALOGUE, idf);
    expect(unrelated.value).toBeLessThan(DEFAULT_SETTINGS.textMin);
  });

  it('a programme name in the title counts on its own', () => {
    const fit = referenceTextFit(posting({ title: '招聘大数据技术毕业生' }), '510205', CATALOGUE, idf);
    expect(fit.source).toEqual({ kind: 'programme_name', name: '大数据技术' });
    expect(fit.value).toBe(1);
  });
});

describe('skills fit', () => {
  const synonyms = buildSynonyms([{ variant: '可编程控制器', canonical: 'PLC' }]);
  const set = (...skills: string[]) => new Set(skills.map((s) => canonicalSkill(s, synonyms)));
  it.each([
    ['all required covered', [{ skill: 'PLC', weight: 2 }], [], set('plc'), 1, ['PLC'], []],
    ['full-width and case', [{ skill: 'ＰＬＣ', weight: 1 }], [], set(' plc '), 1, ['ＰＬＣ'], []],
    ['synonym', [{ skill: '可编程控制器', weight: 1 }], [], set('PLC'), 1, ['可编程控制器'], []],
    [
      'weighted coverage',
      [
        { skill: 'PLC', weight: 3 },
        { skill: '焊接', weight: 1 },
      ],
      [],
      set('plc'),
      0.75,
      ['PLC'],
      ['焊接'],
    ],
    [
      'preferred weigh a quarter',
      [{ skill: 'PLC', weight: 1 }],
      [{ skill: 'CAD', weight: 1 }],
      set('plc'),
      0.75,
      ['PLC'],
      ['CAD'],
    ],
    ['only preferred', [], [{ skill: 'CAD', weight: 1 }], set('cad'), 1, ['CAD'], []],
    ['an offering with no skills earns nothing', [{ skill: 'PLC', weight: 1 }], [], set(), 0, [], ['PLC']],
  ] as const)('%s', (_n, required, preferred, offered, value, matched, missing) => {
    const fit = skillsFit(posting({ requiredSkills: required, preferredSkills: preferred }), offered, synonyms);
    expect(fit.value).toBeCloseTo(value, 10);
    expect(fit.matched).toEqual(matched);
    expect(fit.missing).toEqual(missing);
  });

  it('normalises skills', () => expect(normalizeSkill('  ＰＬＣ   编程 ')).toBe('plc 编程'));
});

describe('level, capacity, mode, locality', () => {
  it.each([
    ['secondary_vocational', 'higher_vocational', false],
    ['higher_vocational', 'higher_vocational', true],
    ['vocational_bachelor', 'higher_vocational', true],
    ['vocational_bachelor', 'general_bachelor', true],
    ['higher_vocational', null, true],
    ['unknown_level', 'higher_vocational', false],
  ] as const)('offering %s meets minimum %s: %s', (have, need, ok) => expect(levelMet(have, need)).toBe(ok));

  it.each([
    ['enough graduates', [{ year: 2027, count: 40 }], [], 10, 1, 40],
    ['committed headcount lowers capacity', [{ year: 2027, count: 40 }], [{ year: 2027, count: 35 }], 10, 0.5, 5],
    ['fully committed', [{ year: 2027, count: 40 }], [{ year: 2027, count: 45 }], 10, 0, 0],
    ['other years do not count', [{ year: 2026, count: 40 }], [], 10, 0, 0],
    ['partial credit', [{ year: 2027, count: 3 }], [], 12, 0.25, 3],
  ] as const)('%s', (_n, expectedGraduates, committed, headcount, value, available) => {
    const fit = capacityFit(posting({ headcount, startYear: 2027 }), offering({ expectedGraduates, committed }));
    expect(fit.value).toBe(value);
    expect(fit.available).toBe(available);
  });

  it.each([
    ['full_time does not ask for a mode', 'full_time', [], null],
    ['mode offered', 'order_class', ['order_class', 'internship'], 1],
    ['mode not offered', 'apprenticeship', ['internship'], 0],
  ] as const)('%s', (_n, employmentType, trainingModes, value) =>
    expect(modeFit(posting({ employmentType }), offering({ trainingModes }))).toBe(value),
  );

  it.each([
    ['posting names no place', null, false, '高新区', true, null],
    ['same district', '高新区', false, '高新区', false, 1],
    ['both in the park', '江北区', true, '高新区', true, 1],
    ['elsewhere', '江北区', true, '高新区', false, 0],
  ] as const)('%s', (_n, district, inPark, oDistrict, oInPark, value) =>
    expect(
      localityFit(posting({ district, inPark }), offering({ district: oDistrict, inPark: oInPark }))?.value ?? null,
    ).toBe(value),
  );
});

describe('combining and ordering', () => {
  it('weights the factors that apply, the programme weight moving to text when no codes are named', () => {
    const withCodes = combine(
      { programme: 1, text: 0, skills: null, capacity: 1, mode: null, locality: null },
      DEFAULT_WEIGHTS,
    );
    expect(withCodes.score).toBe(Math.round((100 * (35 + 10) * 100) / 65) / 100);
    const noCodes = combine(
      { programme: null, text: 0.5, skills: null, capacity: 1, mode: null, locality: null },
      DEFAULT_WEIGHTS,
    );
    expect(noCodes.factors.text).toEqual({
      value: 0.5,
      weight: 55,
      points: Math.round((100 * 55 * 0.5 * 100) / 65) / 100,
    });
    expect(noCodes.score).toBe(Math.round((100 * (27.5 + 10) * 100) / 65) / 100);
  });

  it('breaks ties by programme fit, skills fit, then offering id', () => {
    const keys = [
      { offeringId: 'b', score: 50, programme: 0.9, skills: 0 },
      { offeringId: 'a', score: 50, programme: 0.9, skills: 0 },
      { offeringId: 'c', score: 50, programme: 1, skills: 0 },
      { offeringId: 'd', score: 50, programme: 0.9, skills: 0.5 },
      { offeringId: 'e', score: 51, programme: 0, skills: 0 },
    ];
    expect([...keys].sort(compareRank).map((k) => k.offeringId)).toEqual(['e', 'c', 'd', 'a', 'b']);
  });

  it.each([
    [{ ...DEFAULT_SETTINGS }, []],
    [{ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_WEIGHTS, programme: 5 } }, ['weights.programme']],
    [
      { ...DEFAULT_SETTINGS, weights: { ...DEFAULT_WEIGHTS, skills: 41, mode: Number.NaN } },
      ['weights.skills', 'weights.mode'],
    ],
    [{ ...DEFAULT_SETTINGS, textMin: 0.9, minScore: -1 }, ['textMin', 'minScore']],
  ])('settings bounds %#', (settings, fields) => expect(checkSettings(settings).map((p) => p.field)).toEqual(fields));
});

describe('matching a posting', () => {
  const offerings = [
    offering({
      id: 'o-robot',
      programmeCode: '460305',
      expectedGraduates: [{ year: 2027, count: 30 }],
      skills: ['PLC', '工业机器人编程'],
      trainingModes: ['order_class'],
    }),
    offering({
      id: 'o-robot-sec',
      programmeCode: '660303',
      level: 'secondary_vocational',
      expectedGraduates: [{ year: 2027, count: 30 }],
    }),
    offering({ id: 'o-mech', programmeCode: '460301', expectedGraduates: [{ year: 2027, count: 5 }] }),
    offering({
      id: 'o-robot-off',
      programmeCode: '460305',
      status: 'suspended',
      expectedGraduates: [{ year: 2027, count: 30 }],
    }),
    offering({
      id: 'o-acc',
      programmeCode: '530302',
      skills: ['会计核算'],
      expectedGraduates: [{ year: 2027, count: 50 }],
    }),
  ];
  const matcher = new Matcher(index, offerings, DEFAULT_SETTINGS, noSynonyms);

  it('the worked example: 「工业机器人运维工程师」 finds the 工业机器人技术 offering and explains why', () => {
    const p = posting({
      title: '工业机器人运维工程师',
      description: '负责产线设备的日常巡检与保养，工作认真负责。',
      requiredSkills: [
        { skill: 'PLC', weight: 2 },
        { skill: '电气识图', weight: 1 },
      ],
      minLevel: 'higher_vocational',
      headcount: 10,
    });
    const result = matcher.match(p);
    expect(result).toEqual(referenceMatch(p, offerings, CATALOGUE, DEFAULT_SETTINGS, noSynonyms));
    expect(result.noMatch).toBeNull();
    const top = result.matches[0];
    expect(top.offeringId).toBe('o-robot');
    expect(top.explanation.text?.source).toEqual({ kind: 'programme_name', name: '工业机器人技术' });
    expect(top.explanation.text?.words).toEqual(['工业机器人']);
    expect(top.factors.text?.value).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.textMin);
    expect(top.factors.programme).toBeUndefined(); // no codes named: the programme weight went to text
    expect(top.factors.text?.weight).toBe(DEFAULT_SETTINGS.weights.text + DEFAULT_SETTINGS.weights.programme);
    expect(top.explanation.skills).toEqual({ matched: ['PLC'], missing: ['电气识图'], offeringHasNoSkills: false });
    expect(top.explanation.capacity).toEqual({
      value: 1,
      year: 2027,
      expected: 30,
      committed: 0,
      available: 30,
      headcount: 10,
    });
    const ids = result.matches.map((m) => m.offeringId);
    expect(ids).not.toContain('o-robot-sec'); // level below the minimum
    expect(ids).not.toContain('o-robot-off'); // suspended
    expect(ids).not.toContain('o-acc'); // no fit
  });

  it('says "no match" with the nearest offerings and why they were left out', () => {
    const p = posting({ title: '高级厨师', description: '负责后厨管理', minLevel: 'higher_vocational' });
    const result = matcher.match(p);
    expect(result).toEqual(referenceMatch(p, offerings, CATALOGUE, DEFAULT_SETTINGS, noSynonyms));
    expect(result.matches).toEqual([]);
    expect(result.noMatch?.nearest).toHaveLength(3);
    for (const n of result.noMatch?.nearest ?? []) expect(n.reasons).toContain('no_programme_text_or_skill_fit');
    expect(
      result.noMatch?.nearest.find((n) => n.offeringId === 'o-robot-sec')?.reasons ?? ['level_below_minimum'],
    ).toContain('level_below_minimum');
  });

  it('leaves weak matches out rather than showing them', () => {
    const p = posting({ title: '会计', requiredSkills: [{ skill: 'PLC', weight: 1 }], headcount: 100 });
    const strict = new Matcher(index, offerings, { ...DEFAULT_SETTINGS, minScore: 60 }, noSynonyms).match(p);
    expect(strict.matches.every((m) => m.score >= 60)).toBe(true);
  });
});
