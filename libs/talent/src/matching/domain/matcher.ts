/**
 * The production matcher: the catalogue and a consortium's offerings indexed once, then
 * each posting scored in memory without looking at offerings that cannot fit it or cannot
 * enter its top 20. Returns exactly what the reference scorer returns (reference-scorer.ts;
 * property tests in __tests__/matcher-property.spec.ts and matcher-bound.spec.ts).
 *
 * - Text fit is computed per catalogue programme (not per offering), through inverted
 *   indexes from numbered tokens to occupation documents and to programme names, and once
 *   per distinct posting text (a bounded cache: re-matches see the same texts again).
 * - Programme fit comes from indexes by programme, class, category and mapped occupation
 *   (exact key, 小类 prefix, 中类 prefix).
 * - Candidates are the offerings of programmes with some programme or text fit, plus the
 *   offerings sharing a skill. They are grouped by programme and visited best upper bound
 *   first (the programme's fits with every offering-side factor at 1); each is scored with
 *   plain numbers (the same arithmetic as `combine`) into a bounded top-N buffer, and the
 *   visit stops once no remaining group's bound can reach the N-th score. Only the kept
 *   pairs are assembled and explained (`scorePair`, `explainText`).
 */
import {
  CatalogueInput,
  compareRank,
  FACTORS,
  levelMet,
  MatchingSettings,
  OfferingInput,
  offeringSkillSet,
  occupationDepth,
  occupationKey,
  occupationPrefix,
  PostingInput,
  postingNamesCodes,
  PREFERRED_SHARE,
  PROGRAMME_CREDIT,
  ProgrammeBasis,
  RankKey,
  round2,
  round4,
  SkillSynonyms,
  canonicalSkill,
  TOP_N,
} from './scoring-model';
import {
  catalogueIdf,
  explainText,
  NEAREST_SHOWN,
  occupationDocText,
  PostingMatches,
  ProgrammeFit,
  ScoredPair,
  scorePair,
  TextFit,
} from './pair-score';
import { IdfTable, postingTokens, tokenSet } from './text';

interface OccupationDoc {
  key: string;
  name: string;
  tokens: Set<string>;
}

interface ProgrammeEntry {
  code: string;
  name: string;
  classCode: string;
  categoryCode: string;
  nameTokens: Set<string>;
  nameMass: number;
  /** Indexes into docs, ascending by occupation key. */
  profile: number[];
}

const EMPTY_FIT: ProgrammeFit = { value: 0, basis: null, via: null };
const EMPTY_TEXT: TextFit = { value: 0, source: null, doc: null };

/** Distinct posting texts whose text fits are kept per catalogue index. */
const TEXT_CACHE_SIZE = 2000;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The text fits of one posting text over every catalogue programme: `value[i]` and the
 * document it came from (`source[i]`: -1 the programme's name, else an occupation document),
 * and the programmes with a value above 0 (`touched`, ascending).
 */
export interface TextProfile {
  readonly value: Float64Array;
  readonly source: Int32Array;
  readonly touched: Int32Array;
}

/** The catalogue, indexed once per process and edition; shared by every consortium. */
export class CatalogueIndex {
  readonly idf: IdfTable;
  readonly programmes: ProgrammeEntry[] = [];
  readonly programmeIndex = new Map<string, number>();
  readonly docs: OccupationDoc[] = [];
  /** token → number; the inverted indexes below are by token number. */
  private readonly tokenIds = new Map<string, number>();
  private readonly tokenIdf: number[] = [];
  private docTokenIndex: Int32Array[] = [];
  private nameTokenIndex: Int32Array[] = [];
  /** occupation document → the programmes whose profile holds it. */
  private docProgrammes: Int32Array[] = [];
  private readonly byClass = new Map<string, number[]>();
  private readonly byCategory = new Map<string, number[]>();
  private readonly categoryOfClass = new Map<string, string>();
  /** mapped occupation key → [programme, mapped key]; and by 小类 / 中类 prefix of the mapped key. */
  private readonly mapExact = new Map<string, [number, string][]>();
  private readonly mapBy3 = new Map<string, [number, string][]>();
  private readonly mapBy2 = new Map<string, [number, string][]>();
  private readonly textCache = new Map<string, TextProfile>();
  // Scratch accumulators (one matcher call at a time: the work is synchronous).
  private docHit = new Float64Array(0);
  private nameHit = new Float64Array(0);
  private mark = new Uint8Array(0);

  constructor(catalogue: CatalogueInput) {
    this.idf = catalogueIdf(catalogue);
    const docIndex = new Map<string, number>();
    const sortedOccupations = [...catalogue.occupations].sort((a, b) => {
      const ka = occupationKey(a.code);
      const kb = occupationKey(b.code);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const childrenOf3 = new Map<string, number[]>();
    const docLists: number[][] = [];
    const nameLists: number[][] = [];
    const tokenId = (t: string): number => {
      let id = this.tokenIds.get(t);
      if (id === undefined) {
        id = this.tokenIdf.length;
        this.tokenIds.set(t, id);
        this.tokenIdf.push(this.idf.of(t));
        docLists.push([]);
        nameLists.push([]);
      }
      return id;
    };
    for (const o of sortedOccupations) {
      const key = occupationKey(o.code);
      if (docIndex.has(key)) continue;
      const i = this.docs.length;
      docIndex.set(key, i);
      const tokens = tokenSet(occupationDocText(o));
      this.docs.push({ key, name: o.name, tokens });
      for (const t of tokens) docLists[tokenId(t)].push(i);
      if (occupationDepth(key) === 4) push(childrenOf3, occupationPrefix(key, 3) as string, i);
    }
    for (const p of catalogue.programmes) {
      if (this.programmeIndex.has(p.code)) continue;
      const i = this.programmes.length;
      this.programmeIndex.set(p.code, i);
      const nameTokens = tokenSet(p.name);
      let nameMass = 0;
      for (const t of nameTokens) {
        nameMass += this.idf.of(t);
        nameLists[tokenId(t)].push(i);
      }
      this.programmes.push({
        code: p.code,
        name: p.name,
        classCode: p.classCode,
        categoryCode: p.categoryCode,
        nameTokens,
        nameMass,
        profile: [],
      });
      push(this.byClass, p.classCode, i);
      push(this.byCategory, p.categoryCode, i);
      this.categoryOfClass.set(p.classCode, p.categoryCode);
    }
    const profiles = new Map<number, Set<number>>();
    for (const m of catalogue.mapping) {
      const i = this.programmeIndex.get(m.programmeCode);
      if (i === undefined) continue;
      const key = occupationKey(m.occupationCode);
      push(this.mapExact, key, [i, key]);
      const p3 = occupationPrefix(key, 3);
      const p2 = occupationPrefix(key, 2);
      if (p3) push(this.mapBy3, p3, [i, key]);
      if (p2) push(this.mapBy2, p2, [i, key]);
      const profile = profiles.get(i) ?? new Set<number>();
      profiles.set(i, profile);
      const own = docIndex.get(key);
      if (own !== undefined) profile.add(own);
      if (occupationDepth(key) === 3) for (const c of childrenOf3.get(key) ?? []) profile.add(c);
    }
    const docProgrammes: number[][] = this.docs.map(() => []);
    for (const [i, set] of [...profiles].sort((a, b) => a[0] - b[0])) {
      this.programmes[i].profile = [...set].sort((a, b) => a - b);
      for (const d of set) docProgrammes[d].push(i);
    }
    this.docTokenIndex = docLists.map((l) => Int32Array.from(l));
    this.nameTokenIndex = nameLists.map((l) => Int32Array.from(l));
    this.docProgrammes = docProgrammes.map((l) => Int32Array.from(l));
    this.docHit = new Float64Array(this.docs.length);
    this.nameHit = new Float64Array(this.programmes.length);
    this.mark = new Uint8Array(this.programmes.length);
  }

  /** Forgets the cached text fits (the benchmark measures a posting whose text was never seen). */
  clearTextCache(): void {
    this.textCache.clear();
  }

  /** Programme fit of every programme that has one, by programme index. */
  programmeFits(posting: PostingInput): Map<number, ProgrammeFit> {
    const out = new Map<number, ProgrammeFit>();
    if (!postingNamesCodes(posting)) return out;
    const offer = (i: number, basis: ProgrammeBasis, via: string) => {
      const v = PROGRAMME_CREDIT[basis];
      const cur = out.get(i);
      if (!cur || v > cur.value || (v === cur.value && via < (cur.via ?? ''))) out.set(i, { value: v, basis, via });
    };
    for (const code of posting.programmeCodes) {
      const i = this.programmeIndex.get(code);
      if (i === undefined) continue;
      const p = this.programmes[i];
      offer(i, 'exact_programme', code);
      for (const j of this.byClass.get(p.classCode) ?? []) offer(j, 'same_class', p.classCode);
      for (const j of this.byCategory.get(p.categoryCode) ?? []) offer(j, 'same_category', p.categoryCode);
    }
    for (const cls of posting.programmeClassCodes) {
      for (const j of this.byClass.get(cls) ?? []) offer(j, 'same_class', cls);
      const category = this.categoryOfClass.get(cls);
      if (category) for (const j of this.byCategory.get(category) ?? []) offer(j, 'same_category', category);
    }
    if (posting.occupationCode) {
      const k = occupationKey(posting.occupationCode);
      const d = occupationDepth(k);
      for (const [i, mk] of this.mapExact.get(k) ?? []) offer(i, 'mapping_exact', mk);
      if (d >= 3)
        for (const [i, mk] of this.mapBy3.get(occupationPrefix(k, 3) as string) ?? [])
          if (mk !== k) offer(i, 'mapping_xiaolei', mk);
      if (d >= 2)
        for (const [i, mk] of this.mapBy2.get(occupationPrefix(k, 2) as string) ?? [])
          if (mk !== k && !(d >= 3 && occupationPrefix(mk, 3) === occupationPrefix(k, 3)))
            offer(i, 'mapping_zhonglei', mk);
    }
    return out;
  }

  /** The text fits of a posting's text over the catalogue, computed once per distinct text. */
  textProfile(posting: PostingInput): TextProfile {
    const skills = [...posting.requiredSkills, ...posting.preferredSkills].map((s) => s.skill);
    const key = `${posting.title}\u0000${posting.description ?? ''}\u0000${skills.join('\u0001')}`;
    const cached = this.textCache.get(key);
    if (cached) return cached;
    const profile = this.computeTextProfile(posting.title, posting.description, skills);
    if (this.textCache.size >= TEXT_CACHE_SIZE) this.textCache.delete(this.textCache.keys().next().value as string);
    this.textCache.set(key, profile);
    return profile;
  }

  private computeTextProfile(title: string, description: string | null, skills: string[]): TextProfile {
    const tokens = postingTokens(this.idf, { title, description, skills });
    let total = 0;
    for (const v of tokens.values()) total += v;
    const { docHit, nameHit, mark } = this;
    const touchedDocs: number[] = [];
    const touched: number[] = [];
    for (const [t, v] of tokens) {
      const id = this.tokenIds.get(t);
      if (id === undefined) continue;
      const docs = this.docTokenIndex[id];
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j];
        if (docHit[d] === 0) touchedDocs.push(d);
        docHit[d] += v;
      }
      const idf = this.tokenIdf[id];
      const names = this.nameTokenIndex[id];
      for (let j = 0; j < names.length; j++) {
        const p = names[j];
        if (mark[p] === 0) {
          mark[p] = 1;
          touched.push(p);
        }
        nameHit[p] += idf;
      }
    }
    for (const d of touchedDocs) {
      const progs = this.docProgrammes[d];
      for (let j = 0; j < progs.length; j++) {
        const p = progs[j];
        if (mark[p] === 0) {
          mark[p] = 1;
          touched.push(p);
        }
      }
    }
    touched.sort((a, b) => a - b);
    const value = new Float64Array(this.programmes.length);
    const source = new Int32Array(this.programmes.length).fill(-1);
    const kept: number[] = [];
    for (const i of touched) {
      const p = this.programmes[i];
      // The name first; an occupation replaces it only when strictly better (ties: the name, then the lower code).
      let best = p.nameMass > 0 ? nameHit[i] / p.nameMass : 0;
      let from = -1;
      for (const d of p.profile) {
        const hit = docHit[d];
        if (hit === 0) continue;
        const v = total > 0 ? hit / total : 0;
        if (v > best) {
          best = v;
          from = d;
        }
      }
      value[i] = best;
      source[i] = from;
      if (best > 0) kept.push(i);
      nameHit[i] = 0;
      mark[i] = 0;
    }
    for (const d of touchedDocs) docHit[d] = 0;
    return { value, source, touched: Int32Array.from(kept) };
  }

  /** Programme `i`'s text fit in a profile, as the pair assembly wants it. */
  textFitOf(profile: TextProfile, i: number): TextFit {
    const value = profile.value[i];
    if (!(value > 0)) return EMPTY_TEXT;
    const d = profile.source[i];
    if (d < 0) {
      const p = this.programmes[i];
      return { value, source: { kind: 'programme_name', name: p.name }, doc: p.nameTokens };
    }
    const doc = this.docs[d];
    return { value, source: { kind: 'occupation', code: doc.key, name: doc.name }, doc: doc.tokens };
  }

  /** Text fit of every programme that shares a token with the posting, by programme index. */
  textFits(posting: PostingInput): Map<number, TextFit> {
    const profile = this.textProfile(posting);
    const out = new Map<number, TextFit>();
    for (const i of profile.touched) out.set(i, this.textFitOf(profile, i));
    return out;
  }
}

interface IndexedOffering {
  offering: OfferingInput;
  skills: Set<string>;
  /** Catalogue programme index, or -1 when the catalogue does not know the programme. */
  programme: number;
  active: boolean;
  /** year → expected graduates − committed headcount, floored at 0 (capacityFit's `available`). */
  available: Map<number, number>;
}

/** What one posting asks, precomputed once for all its candidate offerings. */
interface PostingAsk {
  namesCodes: boolean;
  hasSkills: boolean;
  required: { skill: string; weight: number }[];
  preferred: { skill: string; weight: number }[];
  requiredTotal: number;
  preferredTotal: number;
  /** Weights after the programme weight moved to text (when the programme does not apply), FACTORS order. */
  w: number[];
  total: number;
  modeApplies: boolean;
  localityApplies: boolean;
}

/** A candidate in the bounded top-N buffer. */
interface Kept extends RankKey {
  index: number;
  programmeFit: ProgrammeFit;
  textFit: TextFit;
}

// FACTORS order: programme, text, skills, capacity, mode, locality.
const P = FACTORS.indexOf('programme');
const T = FACTORS.indexOf('text');
const S = FACTORS.indexOf('skills');
const C = FACTORS.indexOf('capacity');
const M = FACTORS.indexOf('mode');
const L = FACTORS.indexOf('locality');

/**
 * The 0–100 score exactly as `combine` computes it (same operations, same order, so the
 * same floating-point result): values in FACTORS order, NaN where a factor does not apply.
 * Monotone in every value, so with the offering-side values at 1 it bounds every offering.
 */
function scoreOf(ask: PostingAsk, values: readonly number[]): number {
  let sum = 0;
  for (let f = 0; f < values.length; f++) {
    const v = values[f];
    if (Number.isNaN(v)) continue;
    sum += ask.total > 0 ? (100 * ask.w[f] * v) / ask.total : 0;
  }
  return round2(sum);
}

/** Inserts into a buffer sorted best first, keeping at most `n`. */
function keepTop(buffer: Kept[], entry: Kept, n: number): void {
  let at = buffer.length;
  while (at > 0 && compareRank(entry, buffer[at - 1]) < 0) at--;
  if (at >= n) return;
  buffer.splice(at, 0, entry);
  if (buffer.length > n) buffer.pop();
}

/** A consortium's offerings over the catalogue index, ready to match postings. */
export class Matcher {
  private readonly offerings: IndexedOffering[];
  private readonly byProgramme = new Map<number, number[]>();
  private readonly bySkill = new Map<string, number[]>();
  private readonly byId = new Map<string, number>();
  /** Visit stamps, so an offering reached twice (programme and skill) is scored once. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** Pairs the last `match` scored (candidates not cut off by the bound): for tests and the benchmark. */
  lastScored = 0;

  constructor(
    private readonly catalogue: CatalogueIndex,
    offerings: readonly OfferingInput[],
    private readonly settings: MatchingSettings,
    private readonly synonyms: SkillSynonyms,
  ) {
    this.offerings = offerings.map((o) => {
      const expected = new Map<number, number>();
      const committed = new Map<number, number>();
      for (const g of o.expectedGraduates) expected.set(g.year, (expected.get(g.year) ?? 0) + g.count);
      for (const g of o.committed) committed.set(g.year, (committed.get(g.year) ?? 0) + g.count);
      const available = new Map<number, number>();
      for (const year of new Set([...expected.keys(), ...committed.keys()]))
        available.set(year, Math.max(0, (expected.get(year) ?? 0) - (committed.get(year) ?? 0)));
      return {
        offering: o,
        skills: offeringSkillSet(o, synonyms),
        programme: catalogue.programmeIndex.get(o.programmeCode) ?? -1,
        active: o.status === 'active',
        available,
      };
    });
    this.offerings.forEach((o, i) => {
      if (o.programme >= 0) push(this.byProgramme, o.programme, i);
      for (const s of o.skills) push(this.bySkill, s, i);
      if (!this.byId.has(o.offering.id)) this.byId.set(o.offering.id, i);
    });
    this.seen = new Uint32Array(this.offerings.length);
  }

  get size(): number {
    return this.offerings.length;
  }

  /** One pair scored and explained whatever its rank or filters (a pinned match outside the top 20). */
  scoreOne(posting: PostingInput, offeringId: string): ScoredPair | null {
    const i = this.byId.get(offeringId);
    if (i === undefined) return null;
    const o = this.offerings[i];
    const programme = (o.programme >= 0 && this.catalogue.programmeFits(posting).get(o.programme)) || EMPTY_FIT;
    const text =
      o.programme >= 0 ? this.catalogue.textFitOf(this.catalogue.textProfile(posting), o.programme) : EMPTY_TEXT;
    const pair = scorePair(posting, o.offering, o.skills, programme, text, this.settings, this.synonyms);
    explainText(posting, pair, text);
    return pair;
  }

  private ask(posting: PostingInput): PostingAsk {
    const namesCodes = postingNamesCodes(posting);
    const canon = (list: PostingInput['requiredSkills']) =>
      list.map((s) => ({ skill: canonicalSkill(s.skill, this.synonyms), weight: s.weight > 0 ? s.weight : 1 }));
    const required = canon(posting.requiredSkills);
    const preferred = canon(posting.preferredSkills);
    const sum = (l: { weight: number }[]) => {
      let t = 0;
      for (const s of l) t += s.weight;
      return t;
    };
    const hasSkills = required.length + preferred.length > 0;
    const modeApplies = posting.employmentType !== 'full_time';
    const localityApplies = !!posting.district || posting.inPark;
    const weights = this.settings.weights;
    const w = FACTORS.map((f) => weights[f]);
    if (!namesCodes) {
      w[T] += w[P];
      w[P] = 0;
    }
    const applies = [namesCodes, true, hasSkills, true, modeApplies, localityApplies];
    let total = 0;
    for (let f = 0; f < FACTORS.length; f++) if (applies[f]) total += w[f];
    return {
      namesCodes,
      hasSkills,
      required,
      preferred,
      requiredTotal: sum(required),
      preferredTotal: sum(preferred),
      w,
      total,
      modeApplies,
      localityApplies,
    };
  }

  /** skillsFit's value, without its lists. */
  private skillsValue(ask: PostingAsk, skills: ReadonlySet<string>): number {
    if (skills.size === 0) return 0;
    const coverage = (list: PostingAsk['required'], total: number): number | null => {
      if (list.length === 0) return null;
      let hit = 0;
      for (const s of list) if (skills.has(s.skill)) hit += s.weight;
      return hit / total;
    };
    const req = coverage(ask.required, ask.requiredTotal);
    const pref = coverage(ask.preferred, ask.preferredTotal);
    if (req !== null && pref !== null) return (1 - PREFERRED_SHARE) * req + PREFERRED_SHARE * pref;
    return req ?? pref ?? 0;
  }

  /** The factor values of a pair in FACTORS order (NaN: does not apply). */
  private values(posting: PostingInput, ask: PostingAsk, o: IndexedOffering, pf: number, tf: number, out: number[]) {
    out[P] = ask.namesCodes ? pf : NaN;
    out[T] = tf;
    out[S] = ask.hasSkills ? this.skillsValue(ask, o.skills) : NaN;
    const available = o.available.get(posting.startYear) ?? 0;
    out[C] = posting.headcount > 0 ? Math.min(1, available / posting.headcount) : 0;
    out[M] = ask.modeApplies ? (o.offering.trainingModes.includes(posting.employmentType) ? 1 : 0) : NaN;
    out[L] = ask.localityApplies
      ? (posting.district && o.offering.district && posting.district === o.offering.district) ||
        (posting.inPark && o.offering.inPark)
        ? 1
        : 0
      : NaN;
    return out;
  }

  match(posting: PostingInput, topN = TOP_N): PostingMatches {
    const ask = this.ask(posting);
    const programmeFits = this.catalogue.programmeFits(posting);
    const profile = this.catalogue.textProfile(posting);
    const { textMin, minScore } = this.settings;
    const pfOf = (i: number) => (i >= 0 ? (programmeFits.get(i)?.value ?? 0) : 0);
    const tfOf = (i: number) => (i >= 0 ? profile.value[i] : 0);

    // Groups of candidates by programme: fitting programmes bring all their offerings,
    // any programme brings those sharing a skill with the posting.
    const groups = new Map<number, number[] | 'all'>();
    for (const [i, fit] of programmeFits) if (fit.value > 0 && this.byProgramme.has(i)) groups.set(i, 'all');
    for (const i of profile.touched) if (profile.value[i] >= textMin && this.byProgramme.has(i)) groups.set(i, 'all');
    const stamp = ++this.stamp;
    const seen = this.seen;
    for (const s of ask.required.concat(ask.preferred))
      for (const o of this.bySkill.get(s.skill) ?? []) {
        const prog = this.offerings[o].programme;
        const g = groups.get(prog);
        if (g === 'all' || seen[o] === stamp) continue;
        seen[o] = stamp;
        if (g) g.push(o);
        else groups.set(prog, [o]);
      }

    // Upper bound of each group: its programme's fits, every offering-side factor at 1.
    const top: number[] = [1, 1, 1, 1, 1, 1];
    const visits: { programme: number; bound: number; members: readonly number[] }[] = [];
    for (const [prog, g] of groups) {
      top[P] = ask.namesCodes ? pfOf(prog) : NaN;
      top[T] = tfOf(prog);
      top[S] = ask.hasSkills ? 1 : NaN;
      top[M] = ask.modeApplies ? 1 : NaN;
      top[L] = ask.localityApplies ? 1 : NaN;
      const members = g === 'all' ? (this.byProgramme.get(prog) as number[]) : g;
      visits.push({ programme: prog, bound: scoreOf(ask, top), members });
    }
    visits.sort((a, b) => b.bound - a.bound || a.programme - b.programme);

    const kept: Kept[] = [];
    const values: number[] = [0, 0, 0, 0, 0, 0];
    let scored = 0;
    for (const visit of visits) {
      if (visit.bound < minScore) break;
      if (kept.length >= topN && visit.bound < kept[kept.length - 1].score) break;
      const pf = pfOf(visit.programme);
      const tf = tfOf(visit.programme);
      for (const i of visit.members) {
        const o = this.offerings[i];
        if (!o.active || !levelMet(o.offering.level, posting.minLevel)) continue;
        this.values(posting, ask, o, pf, tf, values);
        const skills = ask.hasSkills ? values[S] : 0;
        if (!((ask.namesCodes && pf > 0) || tf >= textMin || skills > 0)) continue;
        const score = scoreOf(ask, values);
        scored++;
        if (score < minScore) continue;
        if (kept.length >= topN && score < kept[kept.length - 1].score) continue;
        keepTop(
          kept,
          {
            index: i,
            offeringId: o.offering.id,
            score,
            programme: ask.namesCodes ? round4(pf) : 0,
            skills: ask.hasSkills ? round4(skills) : 0,
            programmeFit: (visit.programme >= 0 && programmeFits.get(visit.programme)) || EMPTY_FIT,
            textFit: EMPTY_TEXT,
          },
          topN,
        );
      }
    }

    this.lastScored = scored;
    if (kept.length > 0) {
      const words = new Map<ReadonlySet<string>, string[]>();
      const matches = kept.map((k) => {
        const o = this.offerings[k.index];
        const text = o.programme >= 0 ? this.catalogue.textFitOf(profile, o.programme) : EMPTY_TEXT;
        const pair = scorePair(posting, o.offering, o.skills, k.programmeFit, text, this.settings, this.synonyms);
        explainText(posting, pair, text, words);
        return pair;
      });
      return { postingId: posting.id, matches, noMatch: null };
    }

    // Nothing fits: the nearest offerings whatever the filters, and why each was left out.
    const nearest: Kept[] = [];
    this.offerings.forEach((o, i) => {
      const pf = pfOf(o.programme);
      const tf = tfOf(o.programme);
      this.values(posting, ask, o, pf, tf, values);
      const score = scoreOf(ask, values);
      if (nearest.length >= NEAREST_SHOWN && score < nearest[nearest.length - 1].score) return;
      keepTop(
        nearest,
        {
          index: i,
          offeringId: o.offering.id,
          score,
          programme: ask.namesCodes ? round4(pf) : 0,
          skills: ask.hasSkills ? round4(values[S]) : 0,
          programmeFit: (o.programme >= 0 && programmeFits.get(o.programme)) || EMPTY_FIT,
          textFit: o.programme >= 0 ? this.catalogue.textFitOf(profile, o.programme) : EMPTY_TEXT,
        },
        NEAREST_SHOWN,
      );
    });
    return {
      postingId: posting.id,
      matches: [],
      noMatch: {
        nearest: nearest.map((k) => {
          const o = this.offerings[k.index];
          const pair = scorePair(
            posting,
            o.offering,
            o.skills,
            k.programmeFit,
            k.textFit,
            this.settings,
            this.synonyms,
          );
          return { offeringId: pair.offeringId, score: pair.score, reasons: pair.exclusions };
        }),
      },
    };
  }
}
