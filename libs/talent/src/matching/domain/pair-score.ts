/**
 * Assembling one posting × offering score from its factor values (docs/matching.md,
 * "Score"). Both the production matcher and the reference scorer compute the programme
 * and text fits their own way and hand them here.
 */
import {
  CapacityFit,
  capacityFit,
  combine,
  compareRank,
  ExclusionReason,
  FactorName,
  AppliedFactor,
  levelMet,
  localityFit,
  MatchingSettings,
  modeFit,
  OfferingInput,
  PostingInput,
  postingNamesCodes,
  ProgrammeBasis,
  SkillSynonyms,
  skillsFit,
  CatalogueOccupation,
  CatalogueInput,
} from './scoring-model';
import { IdfTable, sharedWords, tokenSet } from './text';

export interface ProgrammeFit {
  value: number;
  basis: ProgrammeBasis | null;
  /** The code that made the fit: the named programme or class, or the mapped occupation. */
  via: string | null;
}

export type TextSource = { kind: 'programme_name'; name: string } | { kind: 'occupation'; code: string; name: string };

export interface TextFit {
  value: number;
  source: TextSource | null;
  /** The document's tokens, to explain which words matched. */
  doc: ReadonlySet<string> | null;
}

export interface MatchExplanation {
  programme: { basis: ProgrammeBasis; via: string | null } | null;
  text: { source: TextSource; words: string[] } | null;
  skills: { matched: string[]; missing: string[]; offeringHasNoSkills: boolean } | null;
  capacity: CapacityFit;
  mode: { employmentType: string; offered: string[] } | null;
  locality: {
    basis: 'district' | 'park' | null;
    postingDistrict: string | null;
    offeringDistrict: string | null;
  } | null;
}

export interface ScoredPair {
  postingId: string;
  offeringId: string;
  organizationId: string;
  score: number;
  factors: Partial<Record<FactorName, AppliedFactor>>;
  explanation: MatchExplanation;
  /** Empty when the pair is a match. */
  exclusions: ExclusionReason[];
}

export function scorePair(
  posting: PostingInput,
  offering: OfferingInput,
  offeringSkills: ReadonlySet<string>,
  programme: ProgrammeFit,
  text: TextFit,
  settings: MatchingSettings,
  synonyms: SkillSynonyms,
): ScoredPair {
  const namesCodes = postingNamesCodes(posting);
  const hasSkills = posting.requiredSkills.length + posting.preferredSkills.length > 0;
  const skills = hasSkills ? skillsFit(posting, offeringSkills, synonyms) : null;
  const capacity = capacityFit(posting, offering);
  const mode = modeFit(posting, offering);
  const locality = localityFit(posting, offering);
  const { score, factors } = combine(
    {
      programme: namesCodes ? programme.value : null,
      text: text.value,
      skills: skills ? skills.value : null,
      capacity: capacity.value,
      mode,
      locality: locality ? locality.value : null,
    },
    settings.weights,
  );
  const exclusions: ExclusionReason[] = [];
  if (offering.status !== 'active') exclusions.push('offering_not_active');
  if (!levelMet(offering.level, posting.minLevel)) exclusions.push('level_below_minimum');
  const someFit = (namesCodes && programme.value > 0) || text.value >= settings.textMin || (skills?.value ?? 0) > 0;
  if (!someFit) exclusions.push('no_programme_text_or_skill_fit');
  if (score < settings.minScore) exclusions.push('below_min_score');
  return {
    postingId: posting.id,
    offeringId: offering.id,
    organizationId: offering.organizationId,
    score,
    factors,
    explanation: {
      programme: namesCodes && programme.basis ? { basis: programme.basis, via: programme.via } : null,
      text: null,
      skills: skills
        ? { matched: skills.matched, missing: skills.missing, offeringHasNoSkills: skills.offeringHasNoSkills }
        : null,
      capacity,
      mode: mode === null ? null : { employmentType: posting.employmentType, offered: [...offering.trainingModes] },
      locality: locality
        ? { basis: locality.basis, postingDistrict: posting.district, offeringDistrict: offering.district }
        : null,
    },
    exclusions,
  };
}

/** The text words are worked out only for the pairs that are kept (they cost a scan of the text). */
export function explainText(
  posting: PostingInput,
  pair: ScoredPair,
  text: TextFit,
  /** Words already worked out for this posting, by document (pairs of one programme share them). */
  memo?: Map<ReadonlySet<string>, string[]>,
): void {
  if (!text.source || !text.doc || text.value <= 0) return;
  let words = memo?.get(text.doc);
  if (!words) {
    words = sharedWords([posting.title, posting.description ?? '', ...skillNames(posting)].join(' '), text.doc);
    memo?.set(text.doc, words);
  }
  pair.explanation.text = { source: text.source, words: [...words] };
}

function skillNames(p: PostingInput): string[] {
  return [...p.requiredSkills, ...p.preferredSkills].map((s) => s.skill);
}

export function rankKey(p: ScoredPair) {
  return {
    offeringId: p.offeringId,
    score: p.score,
    programme: p.factors.programme?.value ?? 0,
    skills: p.factors.skills?.value ?? 0,
  };
}

export function byRank(a: ScoredPair, b: ScoredPair): number {
  return compareRank(rankKey(a), rankKey(b));
}

export interface PostingMatches {
  postingId: string;
  matches: ScoredPair[];
  /** Set when nothing passed: the nearest offerings with the reasons they were left out. */
  noMatch: { nearest: { offeringId: string; score: number; reasons: ExclusionReason[] }[] } | null;
}

export const NEAREST_SHOWN = 3;

export function nearestOf(all: ScoredPair[]): PostingMatches['noMatch'] {
  const sorted = [...all].sort(byRank).slice(0, NEAREST_SHOWN);
  return { nearest: sorted.map((p) => ({ offeringId: p.offeringId, score: p.score, reasons: p.exclusions })) };
}

// ---------------------------------------------------------------- catalogue text

export function occupationDocText(o: CatalogueOccupation): string {
  return [o.name, o.definition ?? '', o.mainTasks ?? ''].join(' ');
}

/** IDF over the catalogue: every occupation's text and every programme's name is one document. */
export function catalogueIdf(catalogue: CatalogueInput): IdfTable {
  return new IdfTable([
    ...catalogue.occupations.map((o) => tokenSet(occupationDocText(o))),
    ...catalogue.programmes.map((p) => tokenSet(p.name)),
  ]);
}
