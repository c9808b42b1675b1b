/**
 * Talent gap analysis (docs/matching.md, "Talent gap analysis"): demand headcount against
 * expected graduates per programme class and per occupation, with a recommendation.
 */

export type GapRecommendation = 'expand' | 'shrink' | 'new_programme_needed' | 'maintain';

export interface GapThresholds {
  /** demand / supply above this → expand. */
  expandAbove: number;
  /** demand / supply below this → shrink. */
  shrinkBelow: number;
}

export const DEFAULT_GAP_THRESHOLDS: GapThresholds = { expandAbove: 1.5, shrinkBelow: 0.5 };

export interface DemandItem {
  postingId: string;
  headcount: number;
  /** The rows (class codes or occupation codes) this posting counts in: once each. */
  keys: readonly string[];
}

export interface SupplyItem {
  offeringId: string;
  graduates: number;
  keys: readonly string[];
}

export interface GapRow {
  key: string;
  demand: number;
  postings: number;
  supply: number;
  offerings: number;
  gap: number;
  ratio: number | null;
  recommendation: GapRecommendation;
}

export const UNCLASSIFIED = 'unclassified';

export function recommend(demand: number, supply: number, offerings: number, t: GapThresholds): GapRecommendation {
  if (demand > 0 && offerings === 0) return 'new_programme_needed';
  if (supply === 0) return demand > 0 ? 'expand' : 'maintain';
  const ratio = demand / supply;
  if (ratio > t.expandAbove) return 'expand';
  if (ratio < t.shrinkBelow) return 'shrink';
  return 'maintain';
}

/**
 * One row per key. A posting counts once in each row it names (a posting naming two
 * programmes of one class counts once in that class), an offering likewise. `offerings`
 * in a row counts every offering of the key (active or not), so a class whose offerings
 * are all suspended is not a "new programme" case.
 */
export function gapTable(
  demand: readonly DemandItem[],
  supply: readonly SupplyItem[],
  allOfferingKeys: ReadonlyMap<string, number>,
  t: GapThresholds,
): GapRow[] {
  const rows = new Map<string, { demand: number; postings: Set<string>; supply: number; offerings: Set<string> }>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { demand: 0, postings: new Set(), supply: 0, offerings: new Set() }));
    return r;
  };
  for (const d of demand)
    for (const key of new Set(d.keys.length ? d.keys : [UNCLASSIFIED])) {
      const r = row(key);
      if (r.postings.has(d.postingId)) continue;
      r.postings.add(d.postingId);
      r.demand += d.headcount;
    }
  for (const s of supply)
    for (const key of new Set(s.keys)) {
      const r = row(key);
      if (r.offerings.has(s.offeringId)) continue;
      r.offerings.add(s.offeringId);
      r.supply += s.graduates;
    }
  return [...rows.entries()]
    .map(([key, r]) => {
      const offerings = Math.max(r.offerings.size, allOfferingKeys.get(key) ?? 0);
      return {
        key,
        demand: r.demand,
        postings: r.postings.size,
        supply: r.supply,
        offerings: r.offerings.size,
        gap: r.demand - r.supply,
        ratio: r.supply > 0 ? Math.round((1000 * r.demand) / r.supply) / 1000 : null,
        recommendation: key === UNCLASSIFIED ? ('maintain' as const) : recommend(r.demand, r.supply, offerings, t),
      };
    })
    .sort((a, b) => b.gap - a.gap || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
