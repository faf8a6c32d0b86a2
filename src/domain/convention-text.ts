import { isApprovalWord } from './tally.js';
/**
 * Conventions (居民公约) as text: a file or poll body of numbered articles, and the name that
 * identifies one convention across its versions (so a revision supersedes its own earlier version
 * and not another convention). Pure.
 */

/** A line that starts an article: `第三条 …`, `第3条 …`, `3. …`, `3、…`. */
export const ARTICLE_START = /^(?:第\s?[0-9零〇一二三四五六七八九十百两]+\s?条|\d+\s?[.、](?!\d))/;
export const MAX_ARTICLES = 200;
export const MAX_ARTICLE_CHARS = 1000;
export const MAX_CONVENTION_CHARS = 50_000;
export const DEFAULT_CONVENTION_NAME = '居民公约';

export type ConventionParse =
  | { ok: true; title: string | null; preamble: string[]; articles: string[] }
  | { ok: false; code: 'no-articles' | 'too-long' | 'too-many-articles' };

const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;

/**
 * Reads a convention text: the first line before the articles is its title, other lines before
 * them the preamble; a line that does not start an article continues the article before it.
 * Lines keep the punctuation they were written with (full-width `，。` stay).
 */
export function parseConventionText(text: string): ConventionParse {
  if (typeof text !== 'string' || text.length > MAX_CONVENTION_CHARS) return { ok: false, code: 'too-long' };
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
  let title: string | null = null;
  const preamble: string[] = [];
  const articles: string[] = [];
  for (const line of lines) {
    if (ARTICLE_START.test(line.normalize('NFKC'))) {
      articles.push(line);
    } else if (articles.length > 0) {
      const last = articles.pop()!;
      articles.push(HAN_END.test(last) || HAN_START.test(line) ? `${last}${line}` : `${last} ${line}`);
    } else if (title === null) {
      title = line;
    } else {
      preamble.push(line);
    }
  }
  if (articles.length === 0) return { ok: false, code: 'no-articles' };
  if (articles.length > MAX_ARTICLES) return { ok: false, code: 'too-many-articles' };
  if (articles.some((a) => [...a].length > MAX_ARTICLE_CHARS)) return { ok: false, code: 'too-long' };
  return { ok: true, title, preamble, articles };
}

const DECORATION_PREFIX = /^(?:关于|审议|表决|通过|修订|修改|制定|新版|新)+/;
const DECORATION_SUFFIX = /(?:的)?(?:表决|审议|修订稿|修订版|修订|修正案|修改稿|草案|征求意见稿|试行|讨论稿|定稿)+$/;
const BRACKETED = /[(（\[【][^)）\]】]*[)）\]】]/g;

/**
 * The name of the convention a title speaks of: the text in 《》 when there is one, otherwise the
 * title without words like 关于/表决/修订/草案 and bracketed notes (`(2026年修订)`).
 * `通过《文明养犬公约》` and `关于修订文明养犬公约的表决` both name `文明养犬公约`.
 */
export function conventionName(title: string | null | undefined): string {
  const s = (title ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
  const quoted = /《([^》]+)》/.exec(s);
  if (quoted?.[1]?.trim()) return quoted[1].trim();
  let name = s.replace(BRACKETED, '').trim();
  for (let i = 0; i < 3; i++) name = name.replace(DECORATION_PREFIX, '').replace(DECORATION_SUFFIX, '').trim();
  return name || DEFAULT_CONVENTION_NAME;
}

/** The key two names are compared by (case and spaces ignored). */
export function conventionKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s·・]+/g, '');
}

/** The option (1-based) that approves a convention: the first worded as a yes (同意, yes …), else the first. */
export function approvalOption(options: readonly string[]): number {
  const i = options.findIndex((o) => isApprovalWord(o));
  return i === -1 ? 1 : i + 1;
}

/**
 * Whether a closed convention poll puts its text in force: the poll passed and the option that
 * passed is the approving one (a passed 反对 rejects the text).
 */
export function adoptsConvention(result: { outcome: string; winners: readonly number[] }, options: readonly string[]): boolean {
  return result.outcome === 'passed' && result.winners.includes(approvalOption(options));
}
