/**
 * The reference scorer: docs/matching.md written out as plainly as possible, one pair at
 * a time, every offering of the consortium looked at. Slow on purpose; the production
 * matcher (matcher.ts) must return exactly its top 20 (property test).
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
  PROGRAMME_CREDIT,
  ProgrammeBasis,
  SkillSynonyms,
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
  scorePair,
  TextFit,
} from './pair-score';
import { postingTokens, tokenSet } from './text';

export function referenceProgrammeFit(
  posting: PostingInput,
  programmeCode: string,
  catalogue: CatalogueInput,
): ProgrammeFit {
  const prog = catalogue.programmes.find((p) => p.code === programmeCode);
  if (!prog) return { value: 0, basis: null, via: null };
  const candidates: { basis: ProgrammeBasis; via: string }[] = [];
  for (const code of posting.programmeCodes) {
    const named = catalogue.programmes.find((p) => p.code === code);
    if (code === prog.code) candidates.push({ basis: 'exact_programme', via: code });
    if (named && named.classCode === prog.classCode) candidates.push({ basis: 'same_class', via: named.classCode });
    if (named && named.categoryCode === prog.categoryCode)
      candidates.push({ basis: 'same_category', via: named.categoryCode });
  }
  for (const cls of posting.programmeClassCodes) {
    if (cls === prog.classCode) candidates.push({ basis: 'same_class', via: cls });
    const category = catalogue.programmes.find((p) => p.classCode === cls)?.categoryCode;
    if (category && category === prog.categoryCode) candidates.push({ basis: 'same_category', via: category });
  }
  if (posting.occupationCode) {
    const k = occupationKey(posting.occupationCode);
    const d = occupationDepth(k);
    const mapped = catalogue.mapping
      .filter((m) => m.programmeCode === prog.code)
      .map((m) => occupationKey(m.occupationCode));
    for (const mk of mapped) {
      if (mk === k) candidates.push({ basis: 'mapping_exact', via: mk });
      else if (d >= 3 && occupationPrefix(mk, 3) === occupationPrefix(k, 3))
        candidates.push({ basis: 'mapping_xiaolei', via: mk });
      else if (d >= 2 && occupationPrefix(mk, 2) === occupationPrefix(k, 2))
        candidates.push({ basis: 'mapping_zhonglei', via: mk });
    }
  }
  let best: ProgrammeFit = { value: 0, basis: null, via: null };
  for (const c of candidates) {
    const v = PROGRAMME_CREDIT[c.basis];
    if (v > best.value || (v === best.value && c.via < (best.via ?? '')))
      best = { value: v, basis: c.basis, via: c.via };
  }
  return best;
}

export function referenceTextFit(
  posting: PostingInput,
  programmeCode: string,
  catalogue: CatalogueInput,
  idf: ReturnType<typeof catalogueIdf>,
): TextFit {
  const prog = catalogue.programmes.find((p) => p.code === programmeCode);
  if (!prog) return { value: 0, source: null, doc: null };
  const skills = [...posting.requiredSkills, ...posting.preferredSkills].map((s) => s.skill);
  const tokens = postingTokens(idf, { title: posting.title, description: posting.description, skills });
  let total = 0;
  for (const v of tokens.values()) total += v;

  const name = tokenSet(prog.name);
  let nameMass = 0;
  let nameHit = 0;
  for (const t of name) {
    nameMass += idf.of(t);
    if (tokens.has(t)) nameHit += idf.of(t);
  }
  let best: TextFit = {
    value: nameMass > 0 ? nameHit / nameMass : 0,
    source: { kind: 'programme_name', name: prog.name },
    doc: name,
  };

  // The occupations the programme leads to: a mapped 细类, or a mapped 小类 and every 细类 in it.
  const keys = catalogue.mapping
    .filter((m) => m.programmeCode === prog.code)
    .map((m) => occupationKey(m.occupationCode));
  const docs = catalogue.occupations
    .filter((o) => {
      const ok = occupationKey(o.code);
      return keys.some(
        (k) => ok === k || (occupationDepth(k) === 3 && occupationDepth(ok) === 4 && occupationPrefix(ok, 3) === k),
      );
    })
    .sort((a, b) => {
      const ka = occupationKey(a.code);
      const kb = occupationKey(b.code);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const seen = new Set<string>();
  for (const o of docs) {
    const key = occupationKey(o.code);
    if (seen.has(key)) continue;
    seen.add(key);
    const doc = tokenSet(occupationDocText(o));
    let hit = 0;
    for (const [t, v] of tokens) if (doc.has(t)) hit += v;
    const value = total > 0 ? hit / total : 0;
    if (value > best.value) best = { value, source: { kind: 'occupation', code: key, name: o.name }, doc };
  }
  return best;
}

export function referenceMatch(
  posting: PostingInput,
  offerings: readonly OfferingInput[],
  catalogue: CatalogueInput,
  settings: MatchingSettings,
  synonyms: SkillSynonyms,
  idf = catalogueIdf(catalogue),
): PostingMatches {
  const all = offerings.map((o) => {
    const text = referenceTextFit(posting, o.programmeCode, catalogue, idf);
    const pair = scorePair(
      posting,
      o,
      offeringSkillSet(o, synonyms),
      referenceProgrammeFit(posting, o.programmeCode, catalogue),
      text,
      settings,
      synonyms,
    );
    return { pair, text };
  });
  const passing = all
    .filter((x) => x.pair.exclusions.length === 0)
    .sort((a, b) => byRank(a.pair, b.pair))
    .slice(0, TOP_N);
  for (const x of passing) explainText(posting, x.pair, x.text);
  return {
    postingId: posting.id,
    matches: passing.map((x) => x.pair),
    noMatch: passing.length === 0 ? nearestOf(all.map((x) => x.pair)) : null,
  };
}
