/**
 * Chinese text fit by character bigrams (docs/matching.md, "Text fit").
 *
 * Text is NFKC-normalised and lower-cased, then cut into runs: a run of CJK characters
 * yields its character bigrams (a one-character run yields that character), a run of
 * Latin letters/digits yields the whole word ("plc", "cad"). Each token carries an
 * inverse document frequency over the catalogue corpus (occupation names, definitions,
 * main tasks and programme names), quantised to integers so that every implementation
 * sums the same masses exactly, whatever the order.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORD = /[a-z0-9+#]/;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Runs of CJK characters and of Latin words, in order. */
export function textRuns(text: string): string[] {
  const runs: string[] = [];
  let current = '';
  let kind: 'cjk' | 'word' | null = null;
  for (const ch of normalizeText(text)) {
    const k = CJK.test(ch) ? 'cjk' : WORD.test(ch) ? 'word' : null;
    if (k !== kind && current) {
      runs.push(current);
      current = '';
    }
    kind = k;
    if (k) current += ch;
  }
  if (current) runs.push(current);
  return runs;
}

/** The tokens of one run: CJK bigrams (or the single character), or the Latin word. */
export function runTokens(run: string): string[] {
  const chars = [...run];
  if (!CJK.test(chars[0])) return [run];
  if (chars.length === 1) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

export function tokenize(text: string): string[] {
  return textRuns(text).flatMap(runTokens);
}

export function tokenSet(text: string): Set<string> {
  return new Set(tokenize(text));
}

/** IDF scale: idf is stored as round(ln(1 + N / (1 + df)) * IDF_SCALE). */
export const IDF_SCALE = 1000;

export class IdfTable {
  private readonly idf = new Map<string, number>();
  constructor(documents: Iterable<Set<string>>) {
    const df = new Map<string, number>();
    let n = 0;
    for (const doc of documents) {
      n++;
      for (const t of doc) df.set(t, (df.get(t) ?? 0) + 1);
    }
    for (const [t, d] of df) this.idf.set(t, Math.max(1, Math.round(Math.log(1 + n / (1 + d)) * IDF_SCALE)));
  }
  /** 0 for a token the corpus never saw: it cannot match any document, so it carries no mass. */
  of(token: string): number {
    return this.idf.get(token) ?? 0;
  }
  has(token: string): boolean {
    return this.idf.has(token);
  }
}

/** Section weights of a posting's text: the title says most, then the skills, then the description. */
export const TEXT_SECTION_WEIGHTS = { title: 3, skills: 2, description: 1 } as const;

/** token → integer weight × idf (the largest section weight the token appears in). */
export type WeightedTokens = Map<string, number>;

export function postingTokens(
  idf: IdfTable,
  sections: { title: string; description: string | null; skills: readonly string[] },
): WeightedTokens {
  const out: WeightedTokens = new Map();
  const add = (text: string, w: number) => {
    for (const t of tokenize(text)) {
      const v = idf.of(t) * w;
      if (v > (out.get(t) ?? 0)) out.set(t, v);
    }
  };
  add(sections.description ?? '', TEXT_SECTION_WEIGHTS.description);
  add(sections.skills.join(' '), TEXT_SECTION_WEIGHTS.skills);
  add(sections.title, TEXT_SECTION_WEIGHTS.title);
  for (const [t, v] of out) if (v === 0) out.delete(t);
  return out;
}

export function mass(tokens: WeightedTokens): number {
  let m = 0;
  for (const v of tokens.values()) m += v;
  return m;
}

/**
 * The words of the posting that a document shares: maximal substrings of the posting's
 * runs whose every bigram is in the document (single shared bigrams included), longest first.
 */
export function sharedWords(text: string, doc: ReadonlySet<string>, limit = 8): string[] {
  const found = new Set<string>();
  for (const run of textRuns(text)) {
    const chars = [...run];
    if (!CJK.test(chars[0]) || chars.length === 1) {
      if (doc.has(run)) found.add(run);
      continue;
    }
    let start = -1;
    for (let i = 0; i + 1 <= chars.length; i++) {
      const ok = i + 1 < chars.length && doc.has(chars[i] + chars[i + 1]);
      if (ok && start < 0) start = i;
      if (!ok && start >= 0) {
        found.add(chars.slice(start, i + 1).join(''));
        start = -1;
      }
    }
  }
  return [...found].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}
