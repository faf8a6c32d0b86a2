/**
 * Parser for the body of `/poll TITLE` + lines (SPEC §5). Pure: no I/O, no clock, no sentences.
 */
import { parseMatterLine, type MatterItem } from '../domain/matters.js';
import { parseScope } from '../domain/scope.js';
import type { PollRule } from '../domain/tally.js';
import { normalizeText } from './parse-command.js';
import { toSimplified } from './parse-text.js';
import { parseDeadline, type DateRef, type PollDeadline } from './parse-deadline.js';
import { ABSTAIN_WORDS, NO_WORDS, trimVote, YES_WORDS } from './parse-vote.js';

export { MAX_DEADLINE_MINUTES, parseDeadline, type DateRef, type PollDeadline } from './parse-deadline.js';

export interface PollDraft {
  title: string;
  /** Default ['同意', '反对', '弃权']. */
  options: string[];
  /** 1-based index of the abstain option (弃权 / abstain), or null. */
  abstainOption: number | null;
  /** Every option was written with a letter (`A. …`, `B、…`): votes may name them by letter. */
  optionLetters: boolean;
  rule: PollRule;
  ruleGiven: boolean;
  /** `at`: 'YYYY-MM-DD HH:mm' in community time; `in`: minutes from opening; null: caller's default. */
  deadline: PollDeadline | null;
  secret: boolean;
  hideResults: boolean;
  final: boolean;
  confirmRule: boolean;
  convention: boolean;
  articles: string[];
  /** The `事项:` / `matter:` line's item of 《民法典》第二百七十八条, or null (the title is read). */
  matter: MatterItem | null;
  /** The `范围:` / `scope:` line: a building (`2`) or entrance (`2-1`), or null. */
  scope: string | null;
  /** The `开始:` / `open:` line: `now`, a time, or null (after the notice period). */
  opens: { kind: 'now' } | PollDeadline | null;
}

export type PollParseError =
  | 'bad-matter'
  | 'bad-scope'
  | 'bad-open'
  | 'missing-title'
  | 'bad-deadline'
  | 'bad-rule'
  | 'too-few-options'
  | 'too-many-options'
  | 'duplicate-option'
  | 'too-long';

export type PollParse = { ok: true; draft: PollDraft } | { ok: false; code: PollParseError };

export const DEFAULT_OPTIONS: readonly string[] = Object.freeze(['同意', '反对', '弃权']);
export const MAX_TITLE_CHARS = 200;
export const MAX_OPTION_CHARS = 100;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const MAX_POLL_CHARS = 4000;

const RULE_WORDS: Readonly<Record<string, PollRule>> = {
  一般事项: 'owners-general',
  一般: 'owners-general',
  'owners-general': 'owners-general',
  重大事项: 'owners-major',
  重大: 'owners-major',
  'owners-major': 'owners-major',
  居民会议: 'residents',
  residents: 'residents',
  简单多数: 'simple',
  simple: 'simple',
};

type Flag = 'secret' | 'hideResults' | 'final' | 'confirmRule' | 'convention';
const FLAG_WORDS: Readonly<Record<string, Flag>> = {
  不记名: 'secret',
  无记名: 'secret',
  secret: 'secret',
  结果保密: 'hideResults',
  'hide-results': 'hideResults',
  不可改票: 'final',
  final: 'final',
  确认规则: 'confirmRule',
  'confirm-rule': 'confirmRule',
  公约: 'convention',
  convention: 'convention',
};

const DEADLINE_LINE = /^(?:截止时间|截止日期|截止到|截止|deadline)(?: ?: ?| )(.*)$/i;
const RULE_LINE = /^(?:规则|rule)\s?:\s?(.*)$/i;
const MATTER_LINE = /^(?:事项|事項|matter)\s?:\s?(.*)$/i;
const SCOPE_LINE = /^(?:范围|範圍|scope)\s?:\s?(.*)$/i;
const OPEN_LINE = /^(?:开始|開始|开始时间|open|opens)\s?:\s?(.*)$/i;
const NOW_WORDS = new Set(['立即', '立刻', '马上', '现在', 'now', 'immediately']);
const ARTICLE_LINE = /^(?:第\s?[0-9零〇一二三四五六七八九十百两]+\s?条|\d+\s?[.、](?!\d))/;
const OPTION_NUMBERING = /^(?:\(\d{1,2}\)|\d{1,2}\s?[.、)](?!\d)|[A-Za-z][.、)](?![A-Za-z0-9])|[-*•·])\s*/;

/** Length in code points, so that an emoji counts as one character. */
function charCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Own keys only, so that `constructor` and friends are never found. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A key is compared without spaces, underscores or case: `Hide Results` = `hide-results`. */
function keyOf(s: string): string {
  return s.toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * Parse a poll: `args` is what followed the command word (its first line is the title), `lines`
 * the following lines. Each line is a deadline, a rule, a flag, an article (convention polls) or
 * an option. `opts.today` ('YYYY-MM-DD', community time) lets `截止: 12月5日 20:00` omit the year.
 */
export function parsePollText(args: string, lines: string[], opts?: { today?: string; ref?: DateRef }): PollParse {
  const rawArgs = typeof args === 'string' ? args : '';
  const rawLines = Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string') : [];

  // cheap bound before any work: the whole poll is at most MAX_POLL_CHARS
  const firstBreak = rawArgs.indexOf('\n');
  const rawTitle = firstBreak === -1 ? rawArgs : rawArgs.slice(0, firstBreak);
  let total = rawTitle.length;
  for (const l of rawLines) {
    total += l.length + 1;
    if (total > MAX_POLL_CHARS * 2) return { ok: false, code: 'too-long' };
  }
  if (total > MAX_POLL_CHARS * 2) return { ok: false, code: 'too-long' };

  const title = normalizeText(rawTitle).replace(/\n/g, ' ');
  const body = rawLines
    .flatMap((l) => normalizeText(l).split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const size = charCount(title) + body.reduce((n, l) => n + 1 + charCount(l), 0);
  if (size > MAX_POLL_CHARS) return { ok: false, code: 'too-long' };
  if (title === '') return { ok: false, code: 'missing-title' };
  if (charCount(title) > MAX_TITLE_CHARS) return { ok: false, code: 'too-long' };

  const draft: PollDraft = {
    title,
    options: [],
    abstainOption: null,
    optionLetters: false,
    rule: 'simple',
    ruleGiven: false,
    deadline: null,
    secret: false,
    hideResults: false,
    final: false,
    confirmRule: false,
    convention: false,
    articles: [],
    matter: null,
    scope: null,
    opens: null,
  };

  // first pass: settings and flags (a flag may come after the articles it governs)
  const content: string[] = [];
  for (const line of body) {
    const dl = DEADLINE_LINE.exec(line);
    if (dl) {
      const deadline = parseDeadline(dl[1]!, opts?.today, opts?.ref);
      if (!deadline) return { ok: false, code: 'bad-deadline' };
      draft.deadline = deadline;
      continue;
    }
    const rl = RULE_LINE.exec(line);
    if (rl) {
      const rule = lookup(RULE_WORDS, keyOf(rl[1]!.trim()));
      if (!rule) return { ok: false, code: 'bad-rule' };
      draft.rule = rule;
      draft.ruleGiven = true;
      continue;
    }
    const ml = MATTER_LINE.exec(line);
    if (ml) {
      const matter = parseMatterLine(ml[1]!);
      if (matter === null) return { ok: false, code: 'bad-matter' };
      draft.matter = matter;
      continue;
    }
    const sl = SCOPE_LINE.exec(line);
    if (sl) {
      const scope = parseScope(sl[1]!);
      if (scope === null) return { ok: false, code: 'bad-scope' };
      draft.scope = scope;
      continue;
    }
    const ol = OPEN_LINE.exec(line);
    if (ol) {
      const v = ol[1]!.trim().toLowerCase();
      const opens = NOW_WORDS.has(v) ? ({ kind: 'now' } as const) : parseDeadline(v, opts?.today);
      if (!opens) return { ok: false, code: 'bad-open' };
      draft.opens = opens;
      continue;
    }
    const flag = lookup(FLAG_WORDS, keyOf(line));
    if (flag) {
      draft[flag] = true;
      continue;
    }
    content.push(line);
  }
  if (!draft.ruleGiven) draft.rule = draft.convention ? 'residents' : 'simple';

  // second pass: articles and options
  const options: string[] = [];
  let lettered = 0;
  for (const line of content) {
    if (draft.convention && ARTICLE_LINE.test(line)) {
      draft.articles.push(line);
      continue;
    }
    const option = line.replace(OPTION_NUMBERING, '').trim();
    if (option === '') continue;
    if (/^[A-Za-z][.、)]/.test(line) && line.charAt(0).toUpperCase() === String.fromCharCode(65 + options.length)) lettered++;
    if (charCount(option) > MAX_OPTION_CHARS) return { ok: false, code: 'too-long' };
    options.push(option);
  }
  if (options.length === 0) options.push(...DEFAULT_OPTIONS);
  if (options.length < MIN_OPTIONS) return { ok: false, code: 'too-few-options' };
  if (options.length > MAX_OPTIONS) return { ok: false, code: 'too-many-options' };
  const seen = new Set<string>();
  for (const o of options) {
    const k = o.toLowerCase();
    if (seen.has(k)) return { ok: false, code: 'duplicate-option' };
    seen.add(k);
  }
  draft.options = options;
  draft.optionLetters = lettered === options.length;
  const abstain = options.findIndex((o) => ABSTAIN.has(o.toLowerCase()));
  draft.abstainOption = abstain === -1 ? null : abstain + 1;
  return { ok: true, draft };
}

const YES = new Set(YES_WORDS);
const NO = new Set(NO_WORDS);
const ABSTAIN = new Set(ABSTAIN_WORDS);
const SYNONYMS: ReadonlyArray<ReadonlySet<string>> = [YES, NO, ABSTAIN];

function voteKey(s: string): string {
  return trimVote(toSimplified(normalizeText(s)).toLowerCase().replace(/\s+/g, ' '));
}

/**
 * Resolve a typed vote to an option number: the option's number (1-based, `#` allowed), its letter
 * when the options were lettered (`A`), its exact text, or a synonym (同意/赞成/支持/yes, 反对/不同意/no,
 * 弃权/abstain) of an option's text. Case-insensitive, normalised, traditional characters read as
 * simplified. Null if nothing matches.
 */
export function matchOption(options: string[], typed: string, opts?: { letters?: boolean }): number | null {
  if (!Array.isArray(options) || typeof typed !== 'string' || typed.length > 1000) return null;
  const t = voteKey(typed);
  if (t === '') return null;
  const keys = options.map((o) => (typeof o === 'string' ? voteKey(o) : ''));

  const num = /^#?(\d{1,3})$/.exec(t);
  if (num) {
    const n = Number(num[1]);
    if (n >= 1 && n <= options.length) return n;
  }
  const letter = /^([a-j])$/.exec(t);
  if (letter && opts?.letters) {
    const n = letter[1]!.charCodeAt(0) - 96;
    if (n <= options.length) return n;
  }
  const exact = keys.indexOf(t);
  if (exact !== -1) return exact + 1;
  const group = SYNONYMS.find((g) => g.has(t));
  if (group) {
    const i = keys.findIndex((k) => group.has(k));
    if (i !== -1) return i + 1;
  }
  return null;
}
