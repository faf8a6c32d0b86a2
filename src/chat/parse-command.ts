/**
 * Command parser for the chat layer (SPEC §5). Pure: no I/O and no user-facing sentences;
 * it returns codes that the chat layer turns into text.
 */
import { manifestCommands } from '../features/registry.js';

/**
 * Command names declared by feature manifests (src/features/*), added by declaration merging in each
 * feature's manifest: `declare module '…/parse-command.js' { interface FeatureCommandNames { repair: true } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FeatureCommandNames {}

/** Every command is declared by a feature's manifest. */
export type CommandName = Extract<keyof FeatureCommandNames, string>;

export interface ParsedCommand {
  name: CommandName;
  /** The rest after the command word, normalised; may contain newlines (poll body). */
  args: string;
  /** The args of the first line split on whitespace, with `#` directly before digits removed. */
  argv: string[];
  /** The following lines, trimmed, empty ones removed. */
  lines: string[];
  /**
   * How a vote was typed: `typed` (投票, vote, #N), `bare` (a lone 同意 / 我同意), `card` (a reply to the
   * poll's card), `attempt` (plainly wants to vote, names nothing readable) or `loose` (`#N` and words
   * that are not a vote word, letter or number: a vote only when the words are one of that poll's
   * options, otherwise talk). Unset for other commands.
   */
  form?: 'typed' | 'bare' | 'card' | 'attempt' | 'loose';
}

export type ParseResult =
  | { kind: 'command'; command: ParsedCommand }
  | { kind: 'unknown-command'; word: string; suggestion: CommandName | null }
  | { kind: 'none' };

/** The words of every command, as the feature manifests declare them. */
const ALL_WORDS: ReadonlyMap<CommandName, { en: string; zh: string[] }> = new Map<CommandName, { en: string; zh: string[] }>(
  manifestCommands().map((c) => [c.name, { en: c.en, zh: c.zh }] as const),
);

/** The words of a command, as its manifest declares them. */
export function commandWords(name: CommandName): { en: string; zh: string[] } {
  return ALL_WORDS.get(name) ?? { en: name, zh: [] };
}

/** Every command name, manifests' included. */
export function allCommandNames(): CommandName[] {
  return [...ALL_WORDS.keys()];
}

const COMMAND_NAMES = allCommandNames();

const EN_INDEX: ReadonlyMap<string, CommandName> = new Map(
  COMMAND_NAMES.map((name) => [commandWords(name).en.toLowerCase(), name] as const),
);

/** Chinese words that may be followed by their text directly (`报修厨房漏水`), from the manifests. */
const GLUED: ReadonlySet<string> = new Set(manifestCommands().flatMap((c) => (c.glued ? c.zh : [])));

/** Chinese words, longest first, so that 表决列表 wins over 表决 and 我的费用 over 我的. */
const ZH_WORDS: ReadonlyArray<{ word: string; name: CommandName }> = COMMAND_NAMES.flatMap((name) =>
  commandWords(name).zh.map((word) => ({ word, name })),
).sort((a, b) => b.word.length - a.word.length);

/** What must follow some Chinese command words for them to be a command and not chatter (the manifests' `follows`). */
const ZH_SENSE: ReadonlyMap<string, RegExp> = new Map(manifestCommands().flatMap((c) => (c.follows ? c.zh.map((w) => [w, c.follows!] as const) : [])));

/** The manifests' shorthands: a word standing for a sub-command, and what must follow it. */
const SHORTHANDS: ReadonlyMap<string, { args: string; sense?: RegExp }> = new Map(manifestCommands().flatMap((c) => Object.entries(c.shorthand ?? {})));

// Lone surrogate halves (binary junk) are dropped before normalising.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls except \t and \n (\r is handled before), plus zero-width characters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;
/** Chinese punctuation that NFKC leaves alone. */
const PUNCTUATION: Readonly<Record<string, string>> = {
  '。': '.',
  '｡': '.',
  '∶': ':',
  '︰': ':',
  '＃': '#',
  '：': ':',
  '，': ',',
};
const PUNCTUATION_RE = new RegExp(`[${Object.keys(PUNCTUATION).join('')}]`, 'g');

/**
 * Normalise typed text: NFKC (full-width letters, digits, punctuation and spaces become
 * half-width), Chinese punctuation unified (：→: ，→, ＃→# 。→.), control and zero-width
 * characters dropped, runs of spaces collapsed, each line and the whole text trimmed.
 * Newlines are kept. Never throws.
 */
export function normalizeText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = text.replace(LONE_SURROGATE, '').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  s = s.replace(INVISIBLE, '');
  try {
    s = s.normalize('NFKC');
  } catch {
    // keep the text as it is
  }
  s = s.replace(PUNCTUATION_RE, (c) => PUNCTUATION[c] ?? c);
  s = s.replace(/[^\S\n]+/g, ' ').replace(/ ?\n ?/g, '\n');
  return s.trim();
}

/** `#` directly before digits is dropped: `#2` → `2`. */
function stripHash(token: string): string {
  return token.replace(/#(?=\d)/g, '');
}

function build(name: CommandName, rest: string, prefixArgs?: string): ParsedCommand {
  // rest: everything after the command word; a separating `:` is dropped, and when nothing
  // follows the word on its line the next non-empty line counts as the first line.
  const body = rest.replace(/^ *:?/, '').replace(/^\s+/, '');
  const nl = body.indexOf('\n');
  let first = (nl === -1 ? body : body.slice(0, nl)).trim();
  const tail = nl === -1 ? '' : body.slice(nl + 1);
  let args = body.trim();
  if (prefixArgs) {
    first = first ? `${prefixArgs} ${first}` : prefixArgs;
    args = args ? `${prefixArgs} ${args}` : prefixArgs;
  }
  const argv = first === '' ? [] : first.split(' ').filter((t) => t !== '').map(stripHash);
  const lines = tail === '' ? [] : tail.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return { name, args, argv, lines };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  const d: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const row: number[] = new Array<number>(m + 1).fill(0);
    row[0] = i;
    d.push(row);
  }
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[n]![m]!;
}

/** The nearest English command name, or null if nothing is close enough. */
function suggest(word: string): CommandName | null {
  const w = word.toLowerCase();
  if (w.length === 0 || w.length > 24) return null;
  const limit = w.length <= 2 ? 1 : w.length <= 5 ? 2 : 3;
  let best: CommandName | null = null;
  let bestDistance = Infinity;
  for (const name of COMMAND_NAMES) {
    const en = commandWords(name).en;
    let dist = editDistance(w, en);
    // an abbreviation (`/res`, `/conv`) counts as one edit away
    if (w.length >= 3 && en.startsWith(w)) dist = Math.min(dist, 1);
    if (dist < bestDistance) {
      bestDistance = dist;
      best = name;
    }
  }
  return bestDistance <= limit ? best : null;
}

const EN_COMMAND = /^\/([A-Za-z][A-Za-z0-9_]*)(?:@([A-Za-z0-9_]+))?/;
const HASH_VOTE = /^#(\d+)(?: ?: ?| )(\S.*)?$/s;

function matchZh(s: string): ParseResult | null {
  for (const { word, name } of ZH_WORDS) {
    if (!s.startsWith(word)) continue;
    const next = s.charAt(word.length);
    if (next !== '' && !/[\s\d#:]/.test(next) && !GLUED.has(word)) continue;
    const rest = s.slice(word.length);
    const shorthand = SHORTHANDS.get(word);
    // 上会 needs a topic number (`上会 3`), 代录 a poll number, 委托 someone or `off`
    const sense = shorthand ? shorthand.sense : ZH_SENSE.get(word);
    if (sense && !sense.test(rest)) return { kind: 'none' };
    return { kind: 'command', command: build(name, rest, shorthand?.args) };
  }
  return null;
}

/**
 * Parse one chat message. Returns a command (English `/name`, `/name@Bot`, or a Chinese word at
 * the very start, with or without `/`; `#N OPTION` is a vote), an unknown `/word` with the
 * nearest command, or none for chatter. Never throws.
 */
export function parseCommand(text: string, opts?: { botUsername?: string }): ParseResult {
  try {
    return parseInner(text, opts);
  } catch {
    return { kind: 'none' };
  }
}

function parseInner(text: string, opts?: { botUsername?: string }): ParseResult {
  let s = normalizeText(text);
  if (s === '') return { kind: 'none' };
  const bot = opts?.botUsername?.replace(/^@/, '').toLowerCase() || undefined;

  // a leading mention of the bot itself is dropped: `@YishiBot /vote 2`
  if (bot && s.charAt(0) === '@' && s.slice(1, 1 + bot.length).toLowerCase() === bot) {
    const next = s.charAt(1 + bot.length);
    if (next === '' || /\s/.test(next)) s = s.slice(1 + bot.length).trim();
    if (s === '') return { kind: 'none' };
  }

  if (s.charAt(0) === '/') {
    const en = EN_COMMAND.exec(s);
    if (en) {
      const word = en[1]!;
      const target = en[2];
      // a command addressed to another bot is not ours
      if (target !== undefined && bot !== undefined && target.toLowerCase() !== bot) {
        return { kind: 'none' };
      }
      const name = EN_INDEX.get(word.toLowerCase());
      if (name) return { kind: 'command', command: build(name, s.slice(en[0].length)) };
      return { kind: 'unknown-command', word, suggestion: suggest(word) };
    }
    return matchZh(s.slice(1)) ?? { kind: 'none' };
  }

  if (s.charAt(0) === '#') {
    const m = HASH_VOTE.exec(s);
    if (m && m[2] !== undefined) {
      return { kind: 'command', command: build('vote', `${m[1]!} ${m[2]}`) };
    }
    return { kind: 'none' };
  }

  return matchZh(s) ?? { kind: 'none' };
}
