import type { ChatMessage } from '../../chat/model.js';
import { cardPollNo } from '../../chat/read-message.js';
import type { DirectoryContact } from './identity-kit.js';
import { splitQuote } from './quote.js';

/**
 * A WeChat message as it is kept in the inbox the moment the puppet hands it over: read only from the
 * payloads Wechaty has already loaded (no puppet call, so nothing can hang or fail before it is kept).
 * It carries what finding the sender again needs after a restart, when every id has changed: the
 * remark alias, whether the sender is a friend, the room's topic and the display name.
 */
export type KeptWechatMessage = ChatMessage & { wechat?: { alias: string; friend?: boolean } };

/** The facts of a message that are at hand without asking the puppet. */
export interface MessageFacts {
  id: string;
  text: string;
  talker: DirectoryContact;
  room: { id: string; topic: string } | null;
  /** Ids the platform says are @-mentioned. */
  mentionIds: string[];
  self: { id: string; name: string } | null;
}

const AT_END = '(?:\u2005|\u0020|$)';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text without the first `@name` (followed by WeChat's separator, a space or the end), as Wechaty's mentionText() strips it. */
export function withoutMention(text: string, name: string): string {
  if (!name) return text;
  return text.replace(new RegExp(`@${escape(name)}${AT_END}`), '').trim();
}

const mentionsName = (text: string, name: string): boolean => Boolean(name) && new RegExp(`@${escape(name)}${AT_END}`).test(text);

/** The message to keep (and to handle after a restart): the bot's own @-mention stripped, a quote of the bot read as a reply. */
export function keptMessage(f: MessageFacts): KeptWechatMessage {
  let text = f.text;
  let mentioned = false;
  let replyToBot: ChatMessage['replyToBot'];
  const quote = splitQuote(text);
  if (quote) {
    text = quote.reply;
    const byBot = f.self !== null && quote.name === f.self.name;
    if (byBot || cardPollNo(quote.quoted) !== null) replyToBot = { text: quote.quoted };
    if (byBot) mentioned = true;
  }
  if (f.room && f.self) {
    const atSelf = f.mentionIds.includes(f.self.id) || mentionsName(text, f.self.name);
    mentioned = mentioned || atSelf;
    if (atSelf && !quote) text = withoutMention(text, f.self.name);
  }
  return {
    platform: 'wechat',
    updateKey: f.id,
    botId: 'wechat',
    messageId: f.id,
    chatId: f.room ? f.room.id : f.talker.id,
    chatKind: f.room ? 'group' : 'private',
    chatTitle: f.room?.topic ?? '',
    sender: { userId: f.talker.id, name: f.talker.name },
    text,
    mentioned,
    mentions: [],
    ...(replyToBot ? { replyToBot } : {}),
    wechat: { alias: f.talker.alias, ...(f.talker.friend !== undefined ? { friend: f.talker.friend } : {}) },
  };
}

/** The sender of a kept message as the identity recovery sees it. */
export function keptSender(m: KeptWechatMessage): DirectoryContact {
  return { id: m.sender.userId, name: m.sender.name, alias: m.wechat?.alias ?? '', friend: m.wechat?.friend };
}
