/**
 * Keyword matching on Chinese (and mixed) text without a dictionary: Han text is cut into
 * character bigrams, Latin letters and digits into words, and a document scores by how much of
 * the query's weight it covers (weights from inverse document frequency over the candidates).
 * Used for `/convention 停车` (articles in force) and reusable for FAQ matching. Pure.
 */

/** Han runs are split at these function words before bigrams are taken (question phrasing). */
const STOP_WORDS = ['请问', '怎么', '怎样', '如何', '什么', '为什么', '是否', '可以', '能否', '哪里', '哪些', '一下', '我们', '我家', '有关', '关于', '规定', '的话'];
const STOP_RE = new RegExp(STOP_WORDS.sort((a, b) => b.length - a.length).join('|'), 'g');
const HAN = /\p{Script=Han}/u;
const SEGMENT = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;

/** Lower-cased NFKC text; never throws. */
function normalize(text: string): string {
  try {
    return text.normalize('NFKC').toLowerCase();
  } catch {
    return String(text).toLowerCase();
  }
}

/**
 * The terms of a query: bigrams of each Han run (a run of one character is itself a term, so
 * `车` still finds something), with question words dropped, and whole Latin/digit words.
 */
export function queryTerms(text: string): string[] {
  const out = new Set<string>();
  for (const [segment] of normalize(text).matchAll(SEGMENT)) {
    if (!HAN.test(segment)) {
      out.add(segment);
      continue;
    }
    for (const run of segment.replace(STOP_RE, ' ').split(' ')) {
      const chars = [...run];
      if (chars.length === 1) out.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...out];
}

/** The terms a document offers: every Han character and bigram, and every Latin/digit word. */
export function documentTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const [segment] of normalize(text).matchAll(SEGMENT)) {
    if (!HAN.test(segment)) {
      out.add(segment);
      continue;
    }
    const chars = [...segment];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]!);
      if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

export interface Ranked<T> {
  item: T;
  /** Share of the query's weight found in the item, 0–1. */
  score: number;
}

/**
 * The items that match a query, best first (ties keep the input order). An item's score is the
 * share of the query's weight it covers, where a term found in fewer items weighs more (so a stray
 * bigram across two words, found nowhere, lowers every score alike). An item matches when its score
 * is at least `min` (default 0.3) and at least `relative` (default 0.6) times the best score. An
 * empty query matches nothing.
 */
export function rankMatches<T>(
  query: string,
  items: readonly T[],
  textOf: (item: T) => string,
  opts: { min?: number; relative?: number; limit?: number } = {},
): Ranked<T>[] {
  const terms = queryTerms(query);
  if (terms.length === 0 || items.length === 0) return [];
  const docs = items.map((item) => documentTerms(textOf(item)));
  const n = docs.length;
  const weight = new Map(terms.map((term) => [term, 1 + Math.log((n + 1) / (docs.filter((d) => d.has(term)).length + 1))] as const));
  const total = terms.reduce((s, term) => s + weight.get(term)!, 0);
  const scored = items.map((item, i) => ({ item, i, score: terms.reduce((s, term) => s + (docs[i]!.has(term) ? weight.get(term)! : 0), 0) / total }));
  const best = Math.max(...scored.map((r) => r.score));
  const floor = Math.max(opts.min ?? 0.3, (opts.relative ?? 0.6) * best) - 1e-9;
  const ranked = scored
    .filter((r) => r.score > 0 && r.score >= floor)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ item, score }) => ({ item, score }));
  return opts.limit === undefined ? ranked : ranked.slice(0, Math.max(0, opts.limit));
}
