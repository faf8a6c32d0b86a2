/**
 * The ways people type a vote (SPEC §5): `投票 1 同意`, `投票1同意`, `投票一同意`, `#1同意`, `我投同意票`,
 * `vote 1 yes`, a bare `同意` / `我同意` / `赞成！`, option letters (`A`), and what plainly tries to vote
 * (`我要投票`). Pure; the text is normalised and simplified before it gets here.
 */
import { chineseNumber } from './parse-text.js';

export interface VoteReading {
  /** The poll number when one was typed. */
  pollNo: number | null;
  /** What names the option: its number, letter, text or a yes/no/abstain word. */
  option: string;
}

export const YES_WORDS = ['同意', '赞成', '支持', '赞同', '拥护', 'yes', 'y', 'agree', 'approve'];
export const NO_WORDS = ['反对', '不同意', '不赞成', '不支持', '不赞同', 'no', 'n', 'against', 'disagree'];
export const ABSTAIN_WORDS = ['弃权', 'abstain'];
const VOTE_WORD = new RegExp(`^(?:${[...YES_WORDS, ...NO_WORDS, ...ABSTAIN_WORDS].sort((a, b) => b.length - a.length).join('|')})$`, 'i');
const CN_NUM = '[一二两三四五六七八九十]{1,3}';

/** Trailing punctuation, emoji and particles that do not change a vote: `同意！`, `赞成👍`, `同意的`. */
export function trimVote(s: string): string {
  let t = s.replace(/[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '').replace(/^[\s.!?~,;:]+/, '');
  // voice-to-text run-ons end with thanks and particles: `同意谢谢`, `投票1同意了哈`
  for (let i = 0; i < 4; i++) {
    const before = t;
    t = t.replace(/[\s.!?~,;:。！？～，；、…]+$/u, '').replace(/(?:谢谢大家|谢谢了|谢谢啦|谢谢|多谢|辛苦了|哈+|啦|了|哦|噢|呀)$/u, '');
    if (t === before) break;
  }
  return t.trim();
}

const VOTE_CORE = '同意|赞成|支持|赞同|反对|不同意|不赞成|不支持|弃权';

/** `我同意` / `我们也同意` → `同意`, `同意票` → `同意`, `一号` → `1`: the option as the matcher reads it. */
function cleanOption(option: string): string {
  const o = trimVote(option)
    .replace(new RegExp(`^(?:我|我家|我们家|我们|本户|俺|俺家)(?:也|就|还是)?(?=${VOTE_CORE})`), '')
    .replace(new RegExp(`(?<=${VOTE_CORE})票$`), '');
  const cn = /^([一二两三四五六七八九十]{1,3})号$/.exec(o);
  return cn ? String(chineseNumber(cn[1]!) ?? o) : o.replace(/^(\d{1,2})号$/, '$1');
}

/** A word that names yes, no or abstain by itself. */
export function isVoteWord(s: string): boolean {
  return VOTE_WORD.test(trimVote(s));
}

function pollNumber(s: string): number | null {
  if (/^\d{1,9}$/.test(s)) return Number(s);
  return chineseNumber(s);
}

/** Option text after a poll number or 投 that reads as an option by itself. */
export function isTightOption(s: string): boolean {
  return tight(cleanOption(s));
}

/** Option text that can follow a poll number without a space: a vote word, a letter or a number (`1同意`, `一A`). */
function tight(s: string): boolean {
  return isVoteWord(s) || /^[A-Ja-j]$/.test(s) || /^\d{1,2}$/.test(s);
}

/**
 * What follows `投票` / `vote` / `#`: `[N] OPTION`. `N` is a number (`1`, `#1`, `一`) followed by a
 * space, `:` or `,`, or directly by a vote word or letter (`1同意`, `一同意`). Null when empty.
 */
export function readVoteArgs(rest: string): VoteReading | null {
  const s = trimVote(rest.replace(/^[\s:]+/, ''));
  if (s === '') return null;
  const spaced = new RegExp(`^#?(\\d{1,9}|${CN_NUM})(?:号)?(?: ?[:,] ?| )(\\S.*)$`, 's').exec(s);
  if (spaced) {
    const no = pollNumber(spaced[1]!);
    if (no !== null) return { pollNo: no, option: cleanOption(spaced[2]!) };
  }
  const joined = new RegExp(`^#?(\\d{1,9}|${CN_NUM})(?:号)?(\\S.*)$`, 's').exec(s);
  if (joined && tight(cleanOption(joined[2]!))) {
    const no = pollNumber(joined[1]!);
    if (no !== null) return { pollNo: no, option: cleanOption(joined[2]!) };
  }
  return { pollNo: null, option: cleanOption(s.replace(/^#(?=\d)/, '')) };
}

const OWNER = '(?:那个|嗯+|那)?(?:我|我家|我们家|我们|本户|俺|俺家)?(?:也|就|还是)?';

/** `我投同意票`, `投反对`, `我投1号`, `投A`: 投 followed by an option that reads as one. */
export function readTouVote(s: string): VoteReading | null {
  const m = new RegExp(`^${OWNER}投(?:给)? ?(?:#?(\\d{1,9}|${CN_NUM})号? )?(.+?) ?(?:票|一票)?$`, 's').exec(trimVote(s));
  if (!m) return null;
  const option = cleanOption(m[2]!);
  const no = m[1] ? pollNumber(m[1]) : null;
  if (!tight(option)) return null;
  return { pollNo: no, option };
}

/** A message that is only a vote word, maybe with 我/我家/也 before it: `同意`, `我同意`, `我也赞成！`. */
export function readBareVote(s: string): VoteReading | null {
  const m = new RegExp(`^${OWNER}(同意|赞成|支持|赞同|反对|不同意|不赞成|不支持|弃权)(?:票|的)?$`).exec(trimVote(s));
  return m ? { pollNo: null, option: m[1]! } : null;
}

/**
 * `我要投票`, `怎么投票`, `投票呢`: plainly wants to vote but names no option. A yes-or-no question
 * about voting (`投票了吗`, `要投票吗`) asks the others, not the bot; asking how (`怎么投票？`) is an attempt.
 */
export function isVoteAttempt(s: string): boolean {
  const t = trimVote(s);
  const m = /^(?:我|我家)?(要|想|来|怎么|如何|在哪|在哪里|去哪)?(?:投票|投个票|投一票)((?:了|呢|啊|吧|吗|\?)*)$/.exec(t);
  if (!m || t === '投票') return false;
  const how = /^(?:怎么|如何|在哪|在哪里|去哪)$/.test(m[1] ?? '');
  return how || !/吗|\?/.test(m[2]!);
}
