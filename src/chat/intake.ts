/**
 * What the router does with a message before and after a feature handles it, kept apart from the
 * dispatch itself: binding codes seen in a group are rotated (whatever the message is), the text is
 * read the way residents type it (read-message.ts), and usernames seen are remembered for `任命 @name`.
 */
import type { Logger } from 'pino';
import { rotateLeakedCode } from '../app/binding.js';
import type { Clock } from '../app/clock.js';
import { findGroupWithCommunity } from '../app/communities.js';
import { rememberUsername } from '../app/usernames.js';
import type { Db } from '../db/client.js';
import { catalogue, localeFor } from './i18n/index.js';
import type { ChatMessage, Effect } from './model.js';
import type { ParseResult } from './parse-command.js';
import { readMessage } from './read-message.js';

export interface Intake {
  /** In a group (linked or not): rotates every binding code in the text; the effects tell the sender why. Null when there was none. */
  guardCodes(msg: ChatMessage): Promise<Effect[] | null>;
  /** The reading of a message's text (commands, vote forms, replies to a poll card, chatter). */
  read(msg: ChatMessage, botUsername: string | undefined): ParseResult;
  /** After a message was handled: keeps the sender's username for the communities they belong to. Never rejects. */
  remember(msg: ChatMessage): Promise<void>;
}

// PostgreSQL's text holds no NUL (error 22021), and half of a surrogate pair is no character at all
// (the command parser drops both too, so what is kept reads as what is parsed).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAYBE_UNSTORABLE = /\u0000|[\uD800-\uDFFF]/;

/** Text PostgreSQL can store: NUL characters and lone surrogate halves dropped. */
export function storableText(text: string): string {
  return MAYBE_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, '') : text;
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storableValue(v)]));
  return value;
}

/**
 * The message as it comes in, with every text (its words, the sender's and the chat's names, the
 * quoted card, button data) made storable: whatever a handler keeps of it (a question for the
 * committee, a topic, a group's title) can be written to the database.
 */
export function storableMessage(msg: ChatMessage): ChatMessage {
  return storableValue(msg) as ChatMessage;
}

const CODE_CHARS = '[2-9A-HJKMNP-Z]';
const CODE_SHAPE = new RegExp(`(?<![A-Z0-9])(${CODE_CHARS}{4})[ -]?(${CODE_CHARS}{4})(?![A-Z0-9])`, 'g');

/** Tokens shaped like a binding code (8 characters of the code alphabet, maybe split 4-4), at most 20. */
export function codeCandidates(text: string): string[] {
  if (typeof text !== 'string' || text.length < 8) return [];
  const upper = text.normalize('NFKC').toUpperCase();
  const found = new Set<string>();
  for (const m of upper.matchAll(CODE_SHAPE)) {
    found.add(m[1]! + m[2]!);
    if (found.size >= 20) break;
  }
  return [...found];
}

export function createIntake(opts: { db: Db; clock: Clock; log: Logger }): Intake {
  const seen = new Set<string>();
  return {
    async guardCodes(msg) {
      if (msg.chatKind !== 'group' || msg.button) return null;
      const candidates = codeCandidates(msg.text);
      if (candidates.length === 0) return null;
      let rotated = 0;
      for (const code of candidates) {
        const r = await rotateLeakedCode(opts.db, opts.clock, code, `${msg.platform}:${msg.sender.userId}`);
        if (r.rotated) rotated++;
      }
      if (rotated === 0) return null;
      opts.log.info({ platform: msg.platform, chat: msg.chatId, rotated }, 'binding code sent in a group was rotated');
      const linked = await findGroupWithCommunity(opts.db, msg.platform, msg.chatId);
      const t = catalogue(linked?.community.locale === 'en' ? 'en' : localeFor(undefined));
      // A `/bind` sent in the group is told to bind in private; any other message that it held a code.
      const read = readMessage({ text: msg.text });
      const bind = read.kind === 'command' && read.command.name === 'bind';
      return [{ kind: 'reply', text: bind ? t.bind.inGroup(true) : t.bind.leaked }];
    },
    read(msg, botUsername) {
      return readMessage({ text: msg.text, replyToBot: msg.replyToBot }, botUsername ? { botUsername } : undefined);
    },
    async remember(msg) {
      const username = msg.sender.username;
      if (!username) return;
      const key = `${msg.platform}:${msg.sender.userId}:${username}:${msg.chatKind === 'group' ? msg.chatId : ''}`;
      if (seen.has(key)) return;
      try {
        const group = msg.chatKind === 'group' ? await findGroupWithCommunity(opts.db, msg.platform, msg.chatId) : null;
        const n = await rememberUsername(opts.db, opts.clock, {
          platform: msg.platform,
          username,
          userId: msg.sender.userId,
          displayName: msg.sender.name,
          communityIds: group ? [group.community.communityId] : [],
        });
        // Someone not in any community yet is looked at again next time (they may bind meanwhile).
        if (n > 0) {
          if (seen.size > 50_000) seen.clear();
          seen.add(key);
        }
      } catch (err) {
        opts.log.warn({ err, platform: msg.platform }, 'keeping a username failed');
      }
    },
  };
}
