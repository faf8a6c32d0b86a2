/**
 * Whether what follows a Chinese command word makes sense for that command (SPEC §5): `会议 几点开始啊`,
 * `结果 出来了没`, `议题 太多了吧` are chatter, not commands. Only bare Chinese words are judged this
 * way; a `/command` is always a command. Pure.
 */
import type { CommandName, ParsedCommand } from './parse-command.js';

/** Questions, exclamations and remarks: the marks of talk rather than of a command's arguments. */
const CHATTER =
  /[吗呢啊吧呀嘛么哈哦噢啦咯哇嗯呗]$|[?]|了没|没有?$|几点|什么|怎么|为什么|为啥|咋|啥|是不是|有没有|多少|哪里|哪个|谁|出来|太多|太少|好多|真的|还是|还没|好像|感觉|觉得|知道|不知道|看看|一下|就是|这么|那么|开始了|结束了|完了|搞|有点|不了|不行|怎样|如何/;


export function looksLikeChatter(text: string): boolean {
  return CHATTER.test(text.trim());
}

/**
 * Words after `投票` or `#N` that talk rather than name an option: someone saying what they did or
 * asking about the vote (`投票 我没投`, `投票 还有几天`, `投票 我不投了`, `#1 的问题解决了吗`). Such words
 * are left alone even where an option happens to be worded so (`我家愿意出资`): that option is still voted
 * by its number or letter.
 */
const TALK = /^(?:的|是|了|在|有|没|又|也|都|还|就|才|给|被|把|让|我|你|他|她|咱|大家|谁|啥|什么|怎么|咋|哪|几)|我|你|他|她|咱|大家|没投|不投|投了|投过|几[天点号个次]|还有|多久/;

/**
 * `#N` followed by a building's or a room's word is an address, not a poll: `#1 楼的水管漏了`,
 * `#2 号楼停电`, `#3 栋的电梯又坏了`, `#5 单元门禁坏了`.
 */
const ADDRESS = /^(?:号楼|号院|号|楼|栋|幢|座|单元|门|层|室|户|期|区|排|车位|路)/;

/** True when words after `投票` or `#N` (not a vote word, letter or number) read as talk. */
export function readsAsTalk(option: string): boolean {
  const s = option.trim();
  return s === '' || looksLikeChatter(s) || TALK.test(s);
}

/** True when what follows `#N` makes the number an address (a building, an entrance, a floor). */
export function readsAsAddress(option: string): boolean {
  return ADDRESS.test(option.trim());
}

const empty = (c: ParsedCommand) => c.args.trim() === '';

const RULES: Partial<Record<CommandName, (c: ParsedCommand) => boolean>> = {
};

/** True when a command typed as a bare Chinese word reads as that command, not as chatter. */
export function makesSense(cmd: ParsedCommand): boolean {
  const rule = RULES[cmd.name];
  return rule ? rule(cmd) : true;
}
