/**
 * Reads one incoming text the way residents type it (SPEC §5), on top of the command parser:
 * traditional characters, the many vote forms, replies to a poll's card, and Chinese command words
 * followed by chatter (left alone). Pure; never throws. This is the parser the router calls.
 */
import { manifestCommand, manifestCommands } from '../features/registry.js';
import { commandWords, normalizeText, parseCommand, type ParsedCommand, type ParseResult } from './parse-command.js';
import { looksLikeChatter, makesSense, readsAsAddress, readsAsTalk } from './parse-sense.js';
import { readNumber, toSimplified } from './parse-text.js';
import { isTightOption, isVoteAttempt, isVoteWord, readBareVote, readTouVote, readVoteArgs, trimVote, type VoteReading } from './parse-vote.js';

export interface IncomingText {
  text: string;
  /** The text of the bot's own message this one replies to (or quotes), if any. */
  replyToBot?: { text: string } | undefined;
}

/** The poll number of a poll card or result the bot sent: `【表决 #3】…`, `Poll #3: …`. */
export function cardPollNo(text: string): number | null {
  const m = /【表决 ?#(\d{1,9})】|^Poll #(\d{1,9})[:\s]/m.exec(toSimplified(normalizeText(text)));
  const n = m ? Number(m[1] ?? m[2]) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

function voteCommand(v: VoteReading | null, form: NonNullable<ParsedCommand['form']>, pollNo?: number | null): ParsedCommand {
  const no = v?.pollNo ?? pollNo ?? null;
  const argv = [...(no !== null ? [String(no)] : []), ...(v && v.option ? [v.option] : [])];
  return { name: 'vote', args: argv.join(' '), argv, lines: [], form };
}

/** Text after a leading `@bot` mention is dropped, as the parser does. */
function withoutBotMention(s: string, bot: string | undefined): string {
  if (!bot || s.charAt(0) !== '@') return s;
  const name = s.slice(1, 1 + bot.length).toLowerCase();
  const next = s.charAt(1 + bot.length);
  return name === bot && (next === '' || /\s/.test(next)) ? s.slice(1 + bot.length).trim() : s;
}

/** Runs the parser on the simplified text, keeping what followed the command word as it was typed. */
function parseSimplified(raw: string, simple: string, bot?: string): ParseResult {
  const parsed = parseCommand(simple, bot ? { botUsername: bot } : undefined);
  if (parsed.kind !== 'command' || simple === raw || simple.length !== raw.length) return parsed;
  // Simplifying is character for character here: re-read with only the command word replaced.
  for (const word of commandWords(parsed.command.name).zh) {
    const at = simple.indexOf(word);
    if (at === -1 || at > 40) continue;
    const hybrid = simple.slice(0, at + word.length) + raw.slice(at + word.length);
    const again = parseCommand(hybrid, bot ? { botUsername: bot } : undefined);
    if (again.kind === 'command' && again.command.name === parsed.command.name) {
      return parsed.command.name === 'vote' ? parsed : again;
    }
  }
  return parsed;
}

/**
 * Reads a message: a command (with `form` for votes), an unknown `/word`, or none for chatter.
 * `botUsername` is the bot's own name on the platform (for `/cmd@bot` and a leading `@bot`).
 */
export function readMessage(msg: IncomingText, opts?: { botUsername?: string }): ParseResult {
  try {
    return readMessageUnguarded(msg, opts);
  } catch {
    return { kind: 'none' };
  }
}

/** `readMessage` without its safety net: what the property tests hold to never throwing. */
export function readMessageUnguarded(msg: IncomingText, opts?: { botUsername?: string }): ParseResult {
  return readInner(msg, opts?.botUsername?.replace(/^@/, '').toLowerCase() || undefined);
}

function readInner(msg: IncomingText, bot: string | undefined): ParseResult {
  if (typeof msg.text !== 'string') return { kind: 'none' };
  // A Chinese numeral right after a word that takes a number (`附议三`, `附議三`, `投票一同意`) is read as if spaced.
  const { raw, simple } = spaceNumeral(normalizeText(msg.text));
  const bare = withoutBotMention(simple, bot);
  const card = msg.replyToBot ? cardPollNo(msg.replyToBot.text) : null;
  const explicit = bare.startsWith('/');

  // `vote 1 yes` without the slash
  const en = /^vote(?:[\s:]+(.*))?$/is.exec(bare);
  if (en) {
    const v = readVoteArgs(en[1] ?? '');
    if (!v) return { kind: 'command', command: voteCommand(null, 'attempt', card) };
    // `vote for the best photo` is talk; `vote 1 yes`, `vote yes`, `vote 2 Plan B` are votes.
    if (v.pollNo !== null || isTightOption(v.option)) return { kind: 'command', command: voteCommand(v, 'typed', card) };
  }

  const parsed = parseSimplified(raw, simple, bot);
  if (parsed.kind === 'command') {
    const cmd = parsed.command;
    if (cmd.name === 'vote') {
      // `投票1同意`, `投票一同意`, `#1同意`: the parser's first token may hold the number and the option together.
      const rest = bare.replace(/^\/?(?:投票|vote)(?:@\S+)?/i, '');
      const v = readVoteArgs(rest);
      if (!v) return { kind: 'command', command: voteCommand(null, card !== null ? 'card' : 'attempt', card) };
      // `#1 楼的水管漏了`, `#2 号楼停电`: a number before words that are not a vote word, letter or number
      // is a vote only when the words are that poll's option (the feature checks); talk is left alone.
      if (bare.startsWith('#') && v.pollNo !== null && !isTightOption(v.option)) {
        if (readsAsAddress(v.option) || readsAsTalk(v.option)) return { kind: 'none' };
        return { kind: 'command', command: voteCommand(v, 'loose', card) };
      }
      if (isVoteAttemptOption(v.option)) return { kind: 'command', command: voteCommand(null, 'attempt', card) };
      // `投票 我没投`, `投票 还有几天`: talk about the vote, not an option (`投票 方案乙` is one).
      if (!explicit && v.pollNo === null && !isTightOption(v.option) && readsAsTalk(v.option)) {
        return card !== null ? { kind: 'command', command: voteCommand(null, 'attempt', card) } : { kind: 'none' };
      }
      return { kind: 'command', command: voteCommand(v, 'typed', card) };
    }
    if (!explicit && !sensible(cmd)) return { kind: 'none' };
    return { kind: 'command', command: withNumber(cmd, card) };
  }
  if (parsed.kind === 'unknown-command') return parsed;

  // `投票一同意`, `投票同意`: the vote word directly followed by a Chinese numeral or the option
  const zhVote = /^\/?投票(?=[一二两三四五六七八九十]|\p{Script=Han})(.+)$/su.exec(bare);
  if (zhVote) {
    const v = readVoteArgs(zhVote[1]!);
    if (v && (v.pollNo !== null || isVoteWord(v.option))) return { kind: 'command', command: voteCommand(v, 'typed', card) };
  }
  const hash = /^#(\d{1,9}|[一二两三四五六七八九十]{1,3})(\S.*)$/s.exec(bare);
  if (hash) {
    const v = readVoteArgs(bare.slice(1));
    if (v && v.pollNo !== null) return { kind: 'command', command: voteCommand(v, 'typed') };
  }
  const tou = readTouVote(bare);
  if (tou) return { kind: 'command', command: voteCommand(tou, 'typed', card) };
  const bareVote = readBareVote(bare);
  if (bareVote) return { kind: 'command', command: voteCommand(bareVote, card !== null ? 'card' : 'bare', card) };
  if (isVoteAttempt(bare)) return { kind: 'command', command: voteCommand(null, 'attempt', card) };
  if (card !== null) {
    // A reply to the card: its text names the option (`1`, `A`, `同意`, the option's words), or tried to.
    const option = trimVote(bare);
    const short = option !== '' && [...option].length <= 20 && !looksLikeChatter(option);
    return { kind: 'command', command: voteCommand(short ? { pollNo: null, option } : null, short ? 'card' : 'attempt', card) };
  }
  return { kind: 'none' };
}

/** Words of manifest commands that take a number first. */
const MANIFEST_NUMBERED = manifestCommands().filter((c) => c.numbered);

/** Words after which a Chinese numeral is a number: those of numbered commands and the shorthands (`上会三`). */
const NUMBER_WORDS = [...MANIFEST_NUMBERED.flatMap((c) => c.zh), ...manifestCommands().flatMap((c) => Object.keys(c.shorthand ?? {}))];

const NUMERAL_AFTER = new RegExp(`^(\\/?(?:${NUMBER_WORDS.join('|')}))(?=[一二两兩三四五六七八九十])`);

/**
 * The text as typed and simplified, a space put after the command word where a Chinese numeral
 * follows it; the word is found in the simplified text, so its traditional form (`附議三`) is spaced too.
 */
function spaceNumeral(typed: string): { raw: string; simple: string } {
  const simplified = normalizeText(toSimplified(typed));
  const m = NUMERAL_AFTER.exec(simplified);
  if (!m) return { raw: typed, simple: simplified };
  const at = m[1]!.length;
  const raw = simplified.length === typed.length ? `${typed.slice(0, at)} ${typed.slice(at)}` : typed;
  return { raw, simple: normalizeText(toSimplified(raw)).replace(NUMERAL_AFTER, '$1 ') };
}

/** Commands that take a number first read `三` and `第三` as 3; a reply to a card stands for its poll. */
const NUMBERED = new Set<string>(MANIFEST_NUMBERED.map((c) => c.name));

/** Commands for which a reply to a poll's card, without a number, stands for that poll. */
const CARD_NUMBERED = new Set<string>(manifestCommands().filter((c) => c.cardNumber).map((c) => c.name));

/** The sense rule of the command: its manifest's, else the one in parse-sense. */
function sensible(cmd: ParsedCommand): boolean {
  const declared = manifestCommand(cmd.name);
  if (declared) return declared.sense ? declared.sense(cmd) : true;
  return makesSense(cmd);
}

function withNumber(cmd: ParsedCommand, card: number | null): ParsedCommand {
  if (!NUMBERED.has(cmd.name)) return cmd;
  const first = cmd.argv[0];
  if (first === undefined) {
    return card !== null && CARD_NUMBERED.has(cmd.name) ? { ...cmd, args: String(card), argv: [String(card)] } : cmd;
  }
  const n = readNumber(first);
  if (n === null || /^\d+$/.test(first)) return cmd;
  const at = cmd.args.indexOf(first);
  return { ...cmd, argv: [String(n), ...cmd.argv.slice(1)], args: at === -1 ? cmd.args : cmd.args.slice(0, at) + String(n) + cmd.args.slice(at + first.length) };
}

/** `投票 怎么投啊` is chatter, but a question about voting still deserves the hint. */
function isVoteAttemptOption(option: string): boolean {
  return /^(?:怎么|如何|在哪|在哪里|去哪)(?:投|弄|操作)/.test(option);
}
