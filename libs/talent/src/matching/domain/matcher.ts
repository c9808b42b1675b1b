/**
 * The production matcher: the catalogue and a consortium's offerings indexed once, then
 * each posting scored in memory without looking at offerings that cannot fit it. Returns
 * exactly what the reference scorer returns (reference-scorer.ts; property test).
 *
 * - Text fit is computed per catalogue programme (not per offering) through inverted
 *   indexes from token to occupation documents and to programme names.
 * - Programme fit comes from indexes by programme, class, category and mapped occupation
 *   (exact key, 小类 prefix, 中类 prefix).
 * - Candidates are the offerings of programmes with some programme or text fit, plus the
 *   offerings sharing a skill; only they are scored.
 */
import {
  CatalogueInput,
  MatchingSettings,
  OfferingInput,
  offeringSkillSet,
  occupationDepth,
  occupationKey,
  occupationPrefix,
  PostingInput,
  postingNamesCodes,
  PROGRAMME_CREDIT,
  ProgrammeBasis,
  SkillSynonyms,
  canonicalSkill,
  TOP_N,
} from './scoring-model';
import {
  byRank,
  catalogueIdf,
  explainText,
  nearestOf,
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The catalogue, indexed once per process and edition; shared by every consortium. */
export class CatalogueIndex {
  readonly idf: IdfTable;
  readonly programmes: ProgrammeEntry[] = [];
  readonly programmeIndex = new Map<string, number>();
  readonly docs: OccupationDoc[] = [];
  private readonly docTokenIndex = new Map<string, number[]>();
  /** occupation document → the programmes whose profile holds it. */
  private readonly docProgrammes = new Map<number, number[]>();
  private readonly nameTokenIndex = new Map<string, number[]>();
  private readonly byClass = new Map<string, number[]>();
  private readonly byCategory = new Map<string, number[]>();
  private readonly categoryOfClass = new Map<string, string>();
  /** mapped occupation key → [programme, mapped key]; and by 小类 / 中类 prefix of the mapped key. */
  private readonly mapExact = new Map<string, [number, string][]>();
  private readonly mapBy3 = new Map<string, [number, string][]>();
  private readonly mapBy2 = new Map<string, [number, string][]>();

  constructor(catalogue: CatalogueInput) {
    this.idf = catalogueIdf(catalogue);
    const docIndex = new Map<string, number>();
    const sortedOccupations = [...catalogue.occupations].sort((a, b) => {
      const ka = occupationKey(a.code);
      const kb = occupationKey(b.code);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const childrenOf3 = new Map<string, number[]>();
    for (const o of sortedOccupations) {
      const key = occupationKey(o.code);
      if (docIndex.has(key)) continue;
      const i = this.docs.length;
      docIndex.set(key, i);
      const tokens = tokenSet(occupationDocText(o));
      this.docs.push({ key, name: o.name, tokens });
      for (const t of tokens) push(this.docTokenIndex, t, i);
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
        push(this.nameTokenIndex, t, i);
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
    for (const [i, set] of profiles) {
      this.programmes[i].profile = [...set].sort((a, b) => a - b);
      for (const d of set) push(this.docProgrammes, d, i);
    }
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

  /** Text fit of every programme that shares a token with the posting, by programme index. */
  textFits(posting: PostingInput): Map<number, TextFit> {
    const skills = [...posting.requiredSkills, ...posting.preferredSkills].map((s) => s.skill);
    const tokens = postingTokens(this.idf, { title: posting.title, description: posting.description, skills });
    let total = 0;
    for (const v of tokens.values()) total += v;
    const docHit = new Map<number, number>();
    const nameHit = new Map<number, number>();
    for (const [t, v] of tokens) {
      for (const d of this.docTokenIndex.get(t) ?? []) docHit.set(d, (docHit.get(d) ?? 0) + v);
      const idf = this.idf.of(t);
      for (const p of this.nameTokenIndex.get(t) ?? []) nameHit.set(p, (nameHit.get(p) ?? 0) + idf);
    }
    const touched = new Set<number>(nameHit.keys());
    for (const d of docHit.keys()) for (const i of this.docProgrammes.get(d) ?? []) touched.add(i);
    const out = new Map<number, TextFit>();
    for (const i of touched) {
      const p = this.programmes[i];
      let best: TextFit = {
        value: p.nameMass > 0 ? (nameHit.get(i) ?? 0) / p.nameMass : 0,
        source: { kind: 'programme_name', name: p.name },
        doc: p.nameTokens,
      };
      for (const d of p.profile) {
        const hit = docHit.get(d);
        if (hit === undefined) continue;
        const value = total > 0 ? hit / total : 0;
        if (value > best.value)
          best = {
            value,
            source: { kind: 'occupation', code: this.docs[d].key, name: this.docs[d].name },
            doc: this.docs[d].tokens,
          };
      }
      out.set(i, best);
    }
    return out;
  }
}

interface IndexedOffering {
  offering: OfferingInput;
  skills: Set<string>;
  programme: number | undefined;
}

/** A consortium's offerings over the catalogue index, ready to match postings. */
export class Matcher {
  private readonly offerings: IndexedOffering[];
  private readonly byProgramme = new Map<number, number[]>();
  private readonly bySkill = new Map<string, number[]>();

  constructor(
    private readonly catalogue: CatalogueIndex,
    offerings: readonly OfferingInput[],
    private readonly settings: MatchingSettings,
    private readonly synonyms: SkillSynonyms,
  ) {
    this.offerings = offerings.map((o) => ({
      offering: o,
      skills: offeringSkillSet(o, synonyms),
      programme: catalogue.programmeIndex.get(o.programmeCode),
    }));
    this.offerings.forEach((o, i) => {
      if (o.programme !== undefined) push(this.byProgramme, o.programme, i);
      for (const s of o.skills) push(this.bySkill, s, i);
    });
  }

  /** One pair scored and explained whatever its rank or filters (a pinned match outside the top 20). */
  scoreOne(posting: PostingInput, offeringId: string): ScoredPair | null {
    const o = this.offerings.find((x) => x.offering.id === offeringId);
    if (!o) return null;
    const programme =
      (o.programme !== undefined && this.catalogue.programmeFits(posting).get(o.programme)) || EMPTY_FIT;
    const text = (o.programme !== undefined && this.catalogue.textFits(posting).get(o.programme)) || EMPTY_TEXT;
    const pair = scorePair(posting, o.offering, o.skills, programme, text, this.settings, this.synonyms);
    explainText(posting, pair, text);
    return pair;
  }

  match(posting: PostingInput, topN = TOP_N): PostingMatches {
    const programmeFits = this.catalogue.programmeFits(posting);
    const textFits = this.catalogue.textFits(posting);
    const fitsOf = (o: IndexedOffering) => ({
      programme: (o.programme !== undefined && programmeFits.get(o.programme)) || EMPTY_FIT,
      text: (o.programme !== undefined && textFits.get(o.programme)) || EMPTY_TEXT,
    });
    const candidates = new Set<number>();
    for (const [i, fit] of programmeFits)
      if (fit.value > 0) for (const o of this.byProgramme.get(i) ?? []) candidates.add(o);
    for (const [i, fit] of textFits)
      if (fit.value >= this.settings.textMin) for (const o of this.byProgramme.get(i) ?? []) candidates.add(o);
    for (const s of [...posting.requiredSkills, ...posting.preferredSkills])
      for (const o of this.bySkill.get(canonicalSkill(s.skill, this.synonyms)) ?? []) candidates.add(o);

    const kept: { pair: ScoredPair; text: TextFit }[] = [];
    for (const i of candidates) {
      const o = this.offerings[i];
      const fits = fitsOf(o);
      const pair = scorePair(posting, o.offering, o.skills, fits.programme, fits.text, this.settings, this.synonyms);
      if (pair.exclusions.length === 0) kept.push({ pair, text: fits.text });
    }
    kept.sort((a, b) => byRank(a.pair, b.pair));
    const top = kept.slice(0, topN);
    for (const x of top) explainText(posting, x.pair, x.text);
    if (top.length > 0) return { postingId: posting.id, matches: top.map((x) => x.pair), noMatch: null };
    // Nothing fits: score every offering once, to say what came nearest and why it was left out.
    const all = this.offerings.map((o) => {
      const fits = fitsOf(o);
      return scorePair(posting, o.offering, o.skills, fits.programme, fits.text, this.settings, this.synonyms);
    });
    return { postingId: posting.id, matches: [], noMatch: nearestOf(all) };
  }
}
