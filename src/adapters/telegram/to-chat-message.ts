import type { CallbackQuery, Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';
import type { ChatMessage, Person } from '../../chat/model.js';

/** The update types the adapter asks Telegram for; edited messages and the rest are never fetched. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** A person's display name: first and last name, else the username, else the id. */
export function displayName(u: Pick<User, 'id' | 'first_name' | 'last_name' | 'username'>): string {
  const full = [u.first_name, u.last_name].filter((s) => s && s.trim()).join(' ').trim();
  return full || u.username || String(u.id);
}

function person(u: User): Person {
  return { userId: String(u.id), name: displayName(u), ...(u.username ? { username: u.username } : {}) };
}

function chatKind(chat: Pick<Chat, 'type'>): ChatMessage['chatKind'] | null {
  if (chat.type === 'private') return 'private';
  if (chat.type === 'group' || chat.type === 'supergroup') return 'group';
  return null; // channels are not ours
}

function chatTitle(chat: Chat): string {
  return 'title' in chat && typeof chat.title === 'string' ? chat.title : '';
}

const sameName = (a: string, b: string) => a.replace(/^@/, '').toLowerCase() === b.replace(/^@/, '').toLowerCase();

/** Removes the given [offset, end) ranges (UTF-16, as Telegram counts) and tidies the spaces left at each seam. */
function cut(text: string, ranges: Array<[number, number]>): string {
  let out = text;
  for (const [start, end] of [...ranges].sort((a, b) => b[0] - a[0])) {
    const before = out.slice(0, start);
    const after = out.slice(end);
    out = /[ \t]$/.test(before) && /^[ \t]/.test(after) ? before + after.replace(/^[ \t]+/, '') : before + after;
  }
  return out.trim();
}

/** A plain `/start` (maybe with a deep-link payload) is what Telegram sends when a person opens the chat: it means help. */
function startAsHelp(text: string, kind: ChatMessage['chatKind'], botUsername: string): string {
  const m = /^\/start(?:@([A-Za-z0-9_]+))?(?:\s|$)/i.exec(text);
  if (!m) return text;
  const target = m[1];
  if (target !== undefined && !sameName(target, botUsername)) return text;
  if (kind === 'group' && target === undefined) return text; // another bot's /start in a shared group
  return '/help';
}

/** True when a message replies to a real message (not the topic root a forum message points at). */
function realReply(msg: Message): Message | undefined {
  const r = msg.reply_to_message;
  if (!r) return undefined;
  if (msg.is_topic_message && r.message_id === msg.message_thread_id) return undefined;
  return r;
}

/**
 * Maps an incoming text message to the platform-neutral ChatMessage, or null for what the bot
 * ignores: non-text messages, messages from bots or on behalf of chats, channels.
 */
export function messageToChat(update: Update, me: UserFromGetMe): ChatMessage | null {
  const msg = update.message;
  if (!msg || typeof msg.text !== 'string' || !msg.from || msg.from.is_bot || msg.sender_chat) return null;
  const kind = chatKind(msg.chat);
  if (!kind) return null;
  const text = msg.text;
  let mentioned = false;
  const mentions: Person[] = [];
  const strip: Array<[number, number]> = [];
  for (const e of (msg.entities ?? []) as MessageEntity[]) {
    if (e.type === 'mention') {
      const name = text.slice(e.offset, e.offset + e.length);
      if (sameName(name, me.username)) {
        mentioned = true;
        strip.push([e.offset, e.offset + e.length]);
      }
      // @username of someone else carries no user id: left out of `mentions`
    } else if (e.type === 'text_mention' && e.user) {
      if (e.user.id === me.id) mentioned = true;
      else if (!e.user.is_bot && !mentions.some((p) => p.userId === String(e.user!.id))) mentions.push(person(e.user));
    }
  }
  const reply = realReply(msg);
  let replyTo: Person | undefined;
  let replyToBot: ChatMessage['replyToBot'];
  if (reply?.from) {
    if (reply.from.id === me.id) {
      mentioned = true;
      replyToBot = { text: reply.text ?? reply.caption ?? '', messageId: String(reply.message_id) };
    } else if (!reply.from.is_bot) replyTo = person(reply.from);
  }
  const out: ChatMessage = {
    platform: 'telegram',
    updateKey: String(update.update_id),
    botId: String(me.id),
    messageId: String(msg.message_id),
    chatId: String(msg.chat.id),
    chatKind: kind,
    chatTitle: chatTitle(msg.chat),
    sender: { ...person(msg.from), ...(msg.from.language_code ? { languageCode: msg.from.language_code } : {}) },
    text: startAsHelp(cut(text, strip), kind, me.username),
    mentioned,
    mentions,
    ...(replyTo ? { replyTo } : {}),
    ...(replyToBot ? { replyToBot } : {}),
  };
  if (kind === 'group') out.botSeesAllMessages = me.can_read_all_group_messages;
  return out;
}

/** The platform-neutral message of an update the bot takes, or null. */
export function updateToChat(update: Update, me: UserFromGetMe): ChatMessage | null {
  if (update.callback_query) return callbackToChat(update, me);
  if (update.message?.text !== undefined) return messageToChat(update, me);
  return null;
}

/** Maps a press of one of the bot's inline buttons, or null when it is not one (inline mode, games, no data). */
export function callbackToChat(update: Update, me: UserFromGetMe): ChatMessage | null {
  const q: CallbackQuery | undefined = update.callback_query;
  if (!q || typeof q.data !== 'string' || !q.message || q.from.is_bot) return null;
  const kind = chatKind(q.message.chat);
  if (!kind) return null;
  const out: ChatMessage = {
    platform: 'telegram',
    updateKey: String(update.update_id),
    botId: String(me.id),
    chatId: String(q.message.chat.id),
    chatKind: kind,
    chatTitle: chatTitle(q.message.chat),
    sender: { ...person(q.from), ...(q.from.language_code ? { languageCode: q.from.language_code } : {}) },
    text: '',
    mentioned: false,
    mentions: [],
    button: { data: q.data, messageId: String(q.message.message_id) },
  };
  if (kind === 'group') out.botSeesAllMessages = me.can_read_all_group_messages;
  return out;
}
