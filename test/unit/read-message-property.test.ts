import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCommandNames, commandWords, normalizeText, type CommandName } from '../../src/chat/parse-command.js';
import { toSimplified } from '../../src/chat/parse-text.js';
import { readMessage, readMessageUnguarded } from '../../src/chat/read-message.js';

/** Commands that change something (a meeting or schedule with arguments included). */
const MUTATING: ReadonlySet<CommandName> = new Set([
  'setup', 'bind', 'poll', 'vote', 'close', 'topic', 'second', 'agenda', 'reject', 'decide', 'assign', 'progress', 'done', 'meeting', 'rsvp', 'schedule', 'faq', 'role',
  'repair', 'dispatch', 'handle', 'fixed', 'confirm', 'reopen', 'satisfied', 'unsatisfied',
]);

/** Every Chinese command word, those of feature manifests included. */
const ZH_WORDS = allCommandNames().flatMap((n) => commandWords(n).zh);
const VOTE_PREFIX = /^(?:那个|嗯+|那)?(?:我|我家|我们家|我们|本户|俺|俺家)?(?:也|就|还是)?(?:投|同意|赞成|支持|赞同|反对|不同意|不赞成|不支持|弃权|怎么投票|如何投票|要投票|想投票|来投票|在哪投票|在哪里投票|去哪投票)/;

/** The text starts with a command form: `/`, `#N`, `vote`, a Chinese command word, or a vote word (maybe after 我). */
function startsWithCommandForm(text: string): boolean {
  const s = normalizeText(toSimplified(normalizeText(text)))
    .replace(/[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '')
    .replace(/^@yishi_bot\s*/i, '')
    .replace(/^[\s.!?~,;:]+/, '');
  return /^(?:\/|#|vote\b)/i.test(s) || ZH_WORDS.some((w) => s.startsWith(w)) || VOTE_PREFIX.test(s);
}

const WORDS = [
  ...ZH_WORDS, '同意', '反对', '弃权', '赞成', '贊成', '我', '投', '票', '#', '＃', '/', 'vote', 'yes', '1', '2', '一', '三', '十二', ' ', '　', ':', '：',
  '，', '。', '！', '?', '吗', '啊', '吧', '了没', '几点', '什么', '今天', '明天晚上7点', '下周五', '3-2-501', 'K7M2Q9XA', '@yishi_bot', '@张阿姨', '👍', '🙂',
  '\n', 'A', 'B.', '物业', '停车', '电梯', '楼上', '大家', '谢谢', '哈哈',
];
const wordy = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 }), wordy);

describe('readMessage on random text', () => {
  it('never throws and always returns a reading', () => {
    fc.assert(
      fc.property(anyText, fc.option(anyText), (text, reply) => {
        // Unguarded: readMessage's own catch would turn a throw into silence and hide it here.
        const r = readMessageUnguarded({ text, replyToBot: reply === null ? undefined : { text: reply } }, { botUsername: 'yishi_bot' });
        expect(['command', 'unknown-command', 'none']).toContain(r.kind);
      }),
      { numRuns: 3000 },
    );
  });

  it('never reads a mutating command unless the text starts with a command form', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = readMessage({ text }, { botUsername: 'yishi_bot' });
        if (r.kind === 'command' && MUTATING.has(r.command.name)) expect(startsWithCommandForm(text), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('never reads a mutating command from text that starts with ordinary words', () => {
    const chatterStart = fc.constantFrom('今天', '大家', '我觉得', '哈哈', '楼上', '@张阿姨 ', '请问', 'hello ', '物业', '谢谢');
    fc.assert(
      fc.property(chatterStart, wordy, (start, rest) => {
        const r = readMessage({ text: start + rest }, { botUsername: 'yishi_bot' });
        expect(r.kind === 'command' && MUTATING.has(r.command.name), JSON.stringify(start + rest)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
