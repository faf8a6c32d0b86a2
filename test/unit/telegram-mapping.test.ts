import { describe, expect, it } from 'vitest';
import type { Update, UserFromGetMe } from 'grammy/types';
import { callbackToChat, displayName, messageToChat } from '../../src/adapters/telegram/to-chat-message.js';
import { commandMenu } from '../../src/adapters/telegram/bot-commands.js';
import { splitText } from '../../src/adapters/telegram/transport.js';

const ME = { id: 42, is_bot: true, first_name: 'Yishi', username: 'YishiBot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;
const GROUP = { id: -100, type: 'supergroup', title: '3号楼' } as const;
const BOB = { id: 7, is_bot: false, first_name: 'Bob', last_name: 'Li', language_code: 'en' };

function text(t: string, extra: Record<string, unknown> = {}, chat: object = GROUP): Update {
  return { update_id: 9, message: { message_id: 1, date: 1, chat, from: BOB, text: t, ...extra } } as unknown as Update;
}

describe('Telegram update mapping', () => {
  it('maps a group text with the sender, the update key and privacy mode', () => {
    expect(messageToChat(text('/results'), ME)).toEqual({
      platform: 'telegram',
      updateKey: '9',
      botId: String(ME.id),
      messageId: '1',
      chatId: '-100',
      chatKind: 'group',
      chatTitle: '3号楼',
      sender: { userId: '7', name: 'Bob Li', languageCode: 'en' },
      text: '/results',
      mentioned: false,
      mentions: [],
      botSeesAllMessages: false,
    });
  });

  it('strips an @-mention of the bot and marks the message as mentioned', () => {
    const m = messageToChat(text('请问 @yishibot 物业费多少', { entities: [{ type: 'mention', offset: 3, length: 9 }] }), ME)!;
    expect(m.text).toBe('请问 物业费多少');
    expect(m.mentioned).toBe(true);
  });

  it('keeps text mentions of people and leaves out @usernames without an id', () => {
    const m = messageToChat(
      text('/role Dave @carol 委员', {
        entities: [
          { type: 'text_mention', offset: 6, length: 4, user: { id: 8, is_bot: false, first_name: 'Dave' } },
          { type: 'mention', offset: 11, length: 6 },
        ],
      }),
      ME,
    )!;
    expect(m.mentions).toEqual([{ userId: '8', name: 'Dave' }]);
    expect(m.text).toBe('/role Dave @carol 委员');
  });

  it('treats a reply to the bot as a mention and a reply to a person as replyTo', () => {
    const toBot = messageToChat(text('好的', { reply_to_message: { message_id: 0, date: 1, chat: GROUP, from: ME, text: 'x' } }), ME)!;
    expect(toBot.mentioned).toBe(true);
    expect(toBot.replyTo).toBeUndefined();
    const toCarol = messageToChat(text('/role 委员', { reply_to_message: { message_id: 0, date: 1, chat: GROUP, from: { id: 9, is_bot: false, first_name: 'Carol' } } }), ME)!;
    expect(toCarol.replyTo).toEqual({ userId: '9', name: 'Carol' });
    const topicRoot = messageToChat(text('hi', { is_topic_message: true, message_thread_id: 5, reply_to_message: { message_id: 5, date: 1, chat: GROUP, from: { id: 9, is_bot: false, first_name: 'Carol' } } }), ME)!;
    expect(topicRoot.replyTo).toBeUndefined();
  });

  it('turns /start (with a payload) into /help in private, but not another bot’s /start in a group', () => {
    const dm = { id: 7, type: 'private', first_name: 'Bob' };
    expect(messageToChat(text('/start ref42', {}, dm), ME)!.text).toBe('/help');
    expect(messageToChat(text('/start@YishiBot'), ME)!.text).toBe('/help');
    expect(messageToChat(text('/start'), ME)!.text).toBe('/start');
    expect(messageToChat(text('/startle'), ME)!.text).toBe('/startle');
  });

  it('ignores stickers, bots, messages on behalf of a chat, and channels', () => {
    expect(messageToChat({ update_id: 1, message: { message_id: 1, date: 1, chat: GROUP, from: BOB, sticker: {} } } as unknown as Update, ME)).toBeNull();
    expect(messageToChat({ update_id: 1, message: { message_id: 1, date: 1, chat: GROUP, from: { ...BOB, is_bot: true }, text: '/help' } } as unknown as Update, ME)).toBeNull();
    expect(messageToChat(text('/help', { sender_chat: { id: -5, type: 'channel' } }), ME)).toBeNull();
    expect(messageToChat(text('/help', {}, { id: -5, type: 'channel', title: 'c' }), ME)).toBeNull();
  });

  it('maps a button press with its data and message id', () => {
    const u = { update_id: 3, callback_query: { id: 'q', from: BOB, chat_instance: 'i', data: 'v:1:2', message: { message_id: 11, date: 1, chat: GROUP } } } as unknown as Update;
    expect(callbackToChat(u, ME)).toMatchObject({ updateKey: '3', chatKind: 'group', text: '', button: { data: 'v:1:2', messageId: '11' } });
  });

  it('names people by first and last name, else username, else id', () => {
    expect(displayName({ id: 1, first_name: ' ', username: 'neo' })).toBe('neo');
    expect(displayName({ id: 1, first_name: '' })).toBe('1');
  });
});

describe('Telegram command menu and long texts', () => {
  it('lists the commands from the help catalogue in both languages', () => {
    const zh = commandMenu('zh-CN');
    expect(zh).toContainEqual({ command: 'vote', description: expect.stringContaining('投票') });
    expect(commandMenu('en').map((c) => c.command)).toEqual(zh.map((c) => c.command));
    for (const c of zh) expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
  });

  it('splits a text longer than Telegram allows at line breaks', () => {
    const parts = splitText(`${'a'.repeat(3000)}\n${'b'.repeat(3000)}`, 4096);
    expect(parts).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    expect(splitText('x'.repeat(5000), 4096).map((p) => p.length)).toEqual([4096, 904]);
  });
});
