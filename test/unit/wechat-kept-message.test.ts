import { describe, expect, it } from 'vitest';
import { keptMessage, keptSender, withoutMention, type MessageFacts } from '../../src/adapters/wechat/kept-message.js';

const facts = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  id: 'm1',
  text: '投票 1 同意',
  talker: { id: '@a', name: '王阿姨', alias: '议事-12 王阿姨', friend: true },
  room: { id: '@@r', topic: '幸福里业主群' },
  mentionIds: [],
  self: { id: '@bot', name: '议事助手' },
  ...over,
});

describe('a WeChat message as kept on receipt', () => {
  it('strips the bot’s @-mention named by the platform and marks the message as addressed', () => {
    const m = keptMessage(facts({ text: '@议事助手\u2005投票 1 同意', mentionIds: ['@bot'] }));
    expect(m).toMatchObject({ text: '投票 1 同意', mentioned: true, chatId: '@@r', chatKind: 'group', chatTitle: '幸福里业主群', updateKey: 'm1' });
  });

  it('reads an @-mention of the bot written in the text when the platform lists no ids', () => {
    expect(keptMessage(facts({ text: '结果 @议事助手 ' })).text).toBe('结果');
    expect(keptMessage(facts({ text: '@议事助手甲 你好' })).mentioned).toBe(false);
  });

  it('leaves ordinary chatter and other people’s mentions as they are', () => {
    const m = keptMessage(facts({ text: '@王芳\u2005今天电梯又坏了', mentionIds: ['@f'] }));
    expect(m).toMatchObject({ text: '@王芳\u2005今天电梯又坏了', mentioned: false, mentions: [] });
  });

  it('reads a quote of the bot’s poll card as a reply to the bot', () => {
    const text = '「议事助手：【表决 #3】更换电梯」\n- - - - - - - - - - - - - - -\n同意';
    const m = keptMessage(facts({ text }));
    expect(m).toMatchObject({ text: '同意', mentioned: true, replyToBot: { text: '【表决 #3】更换电梯' } });
  });

  it('keeps a private message in the sender’s chat with what finds the sender again', () => {
    const m = keptMessage(facts({ room: null, talker: { id: '@z', name: '赵六', alias: '', friend: false } }));
    expect(m).toMatchObject({ chatId: '@z', chatKind: 'private', chatTitle: '', sender: { userId: '@z', name: '赵六' } });
    expect(keptSender(m)).toEqual({ id: '@z', name: '赵六', alias: '', friend: false });
    expect(JSON.parse(JSON.stringify(m)).wechat).toEqual({ alias: '', friend: false });
  });

  it('strips one mention followed by the separator, a space or the end', () => {
    expect(withoutMention('@议事助手 帮助', '议事助手')).toBe('帮助');
    expect(withoutMention('帮助 @议事助手', '议事助手')).toBe('帮助');
    expect(withoutMention('帮助', '')).toBe('帮助');
  });
});
