/**
 * Matching a resident's question against the community's FAQ, fee items and income records.
 * Text is made simplified (opencc-js), half-width and lower case, variants are rewritten to one
 * form, question words are dropped, and what is left becomes terms: Han character bigrams
 * (and single characters, weighed lightly), the pinyin of each bigram (so a homophone typo such as
 * 物叶费 still meets 物业费), and Latin words (English ones also give their Chinese terms).
 * Documents are ranked by BM25; the best one is trusted only when it covers enough of the
 * question: each meaningful character of the question counts as covered when a bigram it is part
 * of is in the document (half when only the character is), weighed by how rare the character is
 * in the corpus, so a word the community never wrote about (wifi, 暖气) leaves the question
 * uncovered. Pure apart from the converters' dictionaries.
 */
import { Converter } from 'opencc-js/t2cn';
import { CANONICAL, ENGLISH, ENGLISH_STOP, FUNCTION_CHARS, MONEY_WORDS, QUESTION_CUES, STOP_PHRASES } from './fee-vocabulary.js';

// Taiwan forms to simplified, built at first use (the package's traditional-to-simplified build has
// the same dictionaries as its full one, without those for the other direction).
let toSimplified: ((s: string) => string) | undefined;
const STOP_RE = new RegExp([...STOP_PHRASES].sort((a, b) => b.length - a.length).join('|'), 'g');
const HAN = /\p{Script=Han}/u;
const SEGMENT = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

const MENTION = /@[^\s\u2005@]+[\s\u2005]*/g;

const W_BIGRAM = 1;
const W_WEAK_BIGRAM = 0.3;
const W_PINYIN = 0.6;
const W_CHAR = 0.25;
const W_WORD = 1;

/** Simplified, NFKC, lower-cased text without the @mentions it is addressed with; never throws. */
function simplified(text: string): string {
  let s: string;
  try {
    s = (toSimplified ??= Converter({ from: 'tw', to: 'cn' }))(text.normalize('NFKC')).toLowerCase();
  } catch {
    s = String(text).toLowerCase();
  }
  // `@yishi_bot 物业费怎么算`, `@张阿姨 …`: whom a question is addressed to is not part of it.
  return s.replace(MENTION, ' ');
}

function rewritten(s: string): string {
  for (const [re, to] of CANONICAL) s = s.replace(re, to);
  return s;
}

/** Simplified, NFKC, lower-cased text with variants rewritten; never throws. */
export function normalizeQuestion(text: string): string {
  return rewritten(simplified(text));
}

let toPinyin: ((chars: string) => string) | undefined;

/**
 * Loads pinyin-pro, whose dictionaries take some 15 MB, for matching: the first question matched
 * waits for it once, and a service that is never asked one does without. Call before
 * {@link createMatcher} or {@link analyse}.
 */
export async function loadPinyin(): Promise<void> {
  if (toPinyin) return;
  const { pinyin } = await import('pinyin-pro');
  toPinyin = (chars) => pinyin(chars, { toneType: 'none', type: 'array' }).join('');
}

const pinyinCache = new Map<string, string>();
function pinyinOf(chars: string): string {
  let p = pinyinCache.get(chars);
  if (p === undefined) {
    if (!toPinyin) throw new Error('question matching needs loadPinyin() first');
    p = `py:${toPinyin(chars)}`;
    if (pinyinCache.size < 50_000) pinyinCache.set(chars, p);
  }
  return p;
}

/** A text cut for matching: weighted terms, the meaningful characters with the bigrams they are part of, and words. */
export interface Analysed {
  terms: Map<string, number>;
  chars: { char: string; bigrams: string[] }[];
  words: string[];
}

export function analyse(text: string): Analysed {
  const terms = new Map<string, number>();
  const chars: Analysed['chars'] = [];
  const words: string[] = [];
  const add = (t: string, w: number) => w > 0 && terms.set(t, Math.max(terms.get(t) ?? 0, w));
  const s = normalizeQuestion(text);
  for (const [segment] of s.matchAll(SEGMENT)) {
    if (!HAN.test(segment)) {
      if (ENGLISH_STOP.has(segment)) continue;
      const zh = ENGLISH[segment] ?? ENGLISH[segment.replace(/s$/, '')];
      if (zh) {
        const inner = analyse(zh);
        for (const [t, w] of inner.terms) add(t, w);
        chars.push(...inner.chars);
      } else {
        add(segment, W_WORD);
        words.push(segment);
      }
      continue;
    }
    for (const run of segment.replace(STOP_RE, ' ').split(' ')) {
      const cs = [...run];
      const grams: string[][] = cs.map(() => []);
      for (let i = 0; i < cs.length; i++) {
        const weak = FUNCTION_CHARS.has(cs[i]!);
        add(cs[i]!, weak ? 0 : W_CHAR);
        if (i + 1 < cs.length) {
          const bigram = cs[i]! + cs[i + 1]!;
          const weakPair = weak || FUNCTION_CHARS.has(cs[i + 1]!);
          add(bigram, weakPair ? W_WEAK_BIGRAM : W_BIGRAM);
          add(pinyinOf(bigram), weakPair ? W_WEAK_BIGRAM * 0.6 : W_PINYIN);
          grams[i]!.push(bigram, pinyinOf(bigram));
          grams[i + 1]!.push(bigram, pinyinOf(bigram));
        }
      }
      cs.forEach((char, i) => !FUNCTION_CHARS.has(char) && chars.push({ char, bigrams: grams[i]! }));
    }
  }
  return { terms, chars, words };
}

/** The weighted terms of a text. */
export function termsOf(text: string): Map<string, number> {
  return analyse(text).terms;
}

export interface MatchDoc<T> {
  value: T;
  /** Text fields with their weight in the document (e.g. the question ×2, keywords ×2, the answer ×½). */
  fields: { text: string; weight: number }[];
}

export interface Ranked<T> {
  value: T;
  /** BM25 score. */
  score: number;
  /** Share of the question's meaning found in this document, 0–1. */
  coverage: number;
}

const K1 = 1.2;
const B = 0.5;

/** A BM25 index over the documents, built once per corpus. */
export function createMatcher<T>(docs: readonly MatchDoc<T>[]) {
  const indexed = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const f of d.fields) for (const [t, w] of termsOf(f.text)) tf.set(t, (tf.get(t) ?? 0) + w * f.weight);
    const length = [...tf.values()].reduce((s, v) => s + v, 0);
    return { doc: d, tf, length };
  });
  const n = indexed.length;
  const avg = indexed.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const d of indexed) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));

  function coverage(q: Analysed, tf: Map<string, number>): number {
    let total = 0;
    let covered = 0;
    for (const c of q.chars) {
      const w = idf(c.char);
      total += w;
      if (c.bigrams.some((g) => tf.has(g))) covered += w;
      else if (tf.has(c.char)) covered += w / 2;
    }
    for (const word of q.words) {
      if (/^\d+$/.test(word) && !tf.has(word)) continue;
      const w = idf(word);
      total += w;
      if (tf.has(word)) covered += w;
    }
    return total > 0 ? covered / total : 0;
  }

  /** Documents best first, with their coverage of the question. */
  function rank(question: string): Ranked<T>[] {
    const q = analyse(question);
    if (q.terms.size === 0 || n === 0) return [];
    return indexed
      .map((d) => {
        let score = 0;
        for (const [t, w] of q.terms) {
          const f = d.tf.get(t);
          if (f) score += w * idf(t) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg)));
        }
        return { value: d.doc.value, score, coverage: score > 0 ? coverage(q, d.tf) : 0 };
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
  }
  return { rank };
}

/** A question is answered only from a document covering at least this share of it. */
export const MIN_COVERAGE = 0.5;

/** True for a message that reads as a question about fees or shared income (for groups). */
export function readsAsFeeQuestion(text: string): boolean {
  if (text.length > 300) return false;
  const plain = simplified(text);
  return MONEY_WORDS.test(rewritten(plain)) && QUESTION_CUES.test(plain);
}

/** True for a message that reads as a question at all (the question words before any are rewritten: `怎么算`, `什么时候交`). */
export function readsAsQuestion(text: string): boolean {
  return QUESTION_CUES.test(simplified(text));
}
