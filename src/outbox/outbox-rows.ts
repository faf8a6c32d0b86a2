import { inArray } from 'drizzle-orm';
import { groupsOf } from '../app/communities.js';
import type { Db } from '../db/client.js';
import { pollMessages } from '../db/schema.js';
import type { ChatMessage, Effect, OutMessage, Platform } from '../chat/model.js';

/** Send order: replies to a person first, then results and announcements, then reminders, then acknowledgements. */
export const PRIORITY = { reply: 0, announce: 1, reminder: 2, ack: 3 } as const;

export type OutboxKind = 'send' | 'private' | 'edit' | 'react' | 'turnout' | 'recorded';

/** What a row asks the dispatcher to do; rendered (card, turnout) at send time from the latest state. */
export interface OutboxPayload {
  msg?: OutMessage;
  /** The chat is a group (the group budget applies). */
  group: boolean;
  track?: { pollId: number };
  /** After a private message sent for someone in a group: what the group is told. */
  notice?: { chatId: string; ok?: string; fallback?: string };
  pollId?: number;
  messageId?: string;
  emoji?: string;
  locale?: string;
  /** A poll's result picture, drawn when the row is sent. */
  chart?: { pollId: number };
  /** How many parts of the message went out (text parts, then the picture): each is sent once. */
  parts?: number;
  /** The platform's id of the last text part sent. */
  sentId?: string;
  /** The chat refuses pictures: the text says where the chart can be seen and no picture is tried. */
  noPicture?: boolean;
  /** The picture was refused after the text went out: the text is amended to say where the chart is. */
  pictureRefused?: boolean;
  /** A vote's receipt for a vote typed in a group, and what to say there when it cannot be delivered (see receipt-fallback.ts). */
  receipt?: ReceiptFallback;
  /** A `recorded` line: the receipts it names were written from this outbox id on. */
  fromOutboxId?: number;
}

/** What a group is told when a vote's private receipt cannot be delivered. */
export interface ReceiptFallback {
  pollId: number;
  pollNo: number;
  unit: string;
  memberId: number;
  /** The voter's display name, for the hint on how to add the bot (said once per voter). */
  name: string;
  /** The group the vote was typed in. */
  chatId: string;
  /** The coalesce key of the group's `recorded` line for the poll. */
  line: string;
  /** At most one such line per this many ms (the turnout interval). */
  intervalMs: number;
}

export interface OutboxRow {
  communityId: number | null;
  platform: Platform;
  chatId: string;
  kind: OutboxKind;
  priority: number;
  payload: OutboxPayload;
  dedupeKey: string;
  coalesceKey: string | null;
  notBefore: Date;
  createdAt: Date;
}

export interface RowTiming {
  /** Live cards are edited at most once per this many ms. */
  cardIntervalMs: number;
  /** At most one turnout line per poll and group per this many ms. */
  turnoutIntervalMs: number;
}

export const DEFAULT_TIMING: RowTiming = { cardIntervalMs: 5000, turnoutIntervalMs: 180_000 };

/** Where effects come from: the message being handled (replies go back to its chat), or nothing (the scheduler). */
export interface EffectOrigin {
  msg?: Pick<ChatMessage, 'platform' | 'chatId' | 'chatKind' | 'messageId'>;
  communityId: number | null;
  /** Unique per cause (an update, a reminder, a deadline): with the effect's place it makes the dedupe key. */
  cause: string;
  locale?: string;
}

/** What a row keeps of a message; a picture is kept as base64 (JSON has no bytes). */
const bare = (m: OutMessage): OutMessage => ({
  text: m.text,
  ...(m.buttons ? { buttons: m.buttons } : {}),
  ...(m.textWithoutButtons ? { textWithoutButtons: m.textWithoutButtons } : {}),
  ...(m.page ? { page: m.page } : {}),
  ...(m.mention ? { mention: m.mention } : {}),
  ...(m.image ? { image: { png: m.image.png.toString('base64') as unknown as Buffer, ...(m.image.caption ? { caption: m.image.caption } : {}) } } : {}),
});

/** The message of a row as the transport takes it (the picture's bytes back from base64). */
export function messageOf(m: OutMessage): OutMessage {
  if (!m.image || Buffer.isBuffer(m.image.png)) return m;
  return { ...m, image: { ...m.image, png: Buffer.from(m.image.png as unknown as string, 'base64') } };
}

/** Where a poll's live card was posted (platform, chat, message id). */
export type CardPlace = { platform: string; chatId: string; messageId: string };
export type CardPlaces = (pollId: number) => Promise<CardPlace[]>;

/** Where the live cards of some polls were posted, in one query. */
export async function cardPlacesOf(db: Db, pollIds: number[]): Promise<Map<number, CardPlace[]>> {
  const found = await db
    .select({ pollId: pollMessages.pollId, platform: pollMessages.platform, chatId: pollMessages.chatId, messageId: pollMessages.messageId })
    .from(pollMessages)
    .where(inArray(pollMessages.pollId, [...new Set(pollIds)]));
  const out = new Map<number, CardPlace[]>();
  for (const { pollId, ...place } of found) out.set(pollId, [...(out.get(pollId) ?? []), place]);
  return out;
}

/** Where a poll's live card was posted, read through `db`. */
export const cardPlacesIn =
  (db: Db): CardPlaces =>
  async (pollId) =>
    (await cardPlacesOf(db, [pollId])).get(pollId) ?? [];

/** Turns a handler's effects into outbox rows (announcements become one row per linked group). Toasts are not rows. */
export async function effectsToRows(
  db: Db,
  effects: Effect[],
  origin: EffectOrigin,
  now: Date,
  timing: RowTiming = DEFAULT_TIMING,
  /** The services' batched look-up (concurrent turns share one query); else read through `db`. */
  cardPlaces: CardPlaces = cardPlacesIn(db),
): Promise<OutboxRow[]> {
  const out: OutboxRow[] = [];
  const o = origin.msg;
  const row = (i: number, r: Omit<OutboxRow, 'dedupeKey' | 'createdAt' | 'coalesceKey' | 'notBefore' | 'communityId'> & { coalesceKey?: string; notBefore?: Date; suffix?: string }): void => {
    const { suffix, coalesceKey, notBefore, ...rest } = r;
    out.push({
      communityId: origin.communityId,
      ...rest,
      dedupeKey: `${origin.cause}#${i}${suffix ?? ''}`,
      coalesceKey: coalesceKey ?? null,
      notBefore: notBefore ?? now,
      createdAt: now,
    });
  };
  for (const [i, e] of effects.entries()) {
    switch (e.kind) {
      case 'toast':
        break;
      case 'reply':
        if (o) row(i, { platform: o.platform, chatId: o.chatId, kind: 'send', priority: PRIORITY.reply, payload: { msg: bare(e), group: o.chatKind === 'group' } });
        break;
      case 'private': {
        const platform = e.platform ?? o?.platform;
        // A household signed in on the pages with its code (platform `web`) has no chat to be written to.
        if (!platform || (platform as string) === 'web') break;
        const notice = o?.chatKind === 'group' && (e.okNotice || e.fallback) ? { chatId: o.chatId, ...(e.okNotice ? { ok: e.okNotice } : {}), ...(e.fallback ? { fallback: e.fallback } : {}) } : undefined;
        const receipt: ReceiptFallback | undefined =
          e.receipt && o?.chatKind === 'group'
            ? { ...e.receipt, chatId: o.chatId, line: `recorded:${e.receipt.pollId}:${o.platform}:${o.chatId}`, intervalMs: timing.turnoutIntervalMs }
            : undefined;
        row(i, {
          platform,
          chatId: e.userId,
          kind: 'private',
          priority: e.ack ? PRIORITY.ack : e.reminder ? PRIORITY.reminder : PRIORITY.reply,
          suffix: `:${platform}:${e.userId}`,
          payload: { msg: bare(e), group: false, ...(notice ? { notice } : {}), ...(receipt ? { receipt, ...(origin.locale ? { locale: origin.locale } : {}) } : {}) },
        });
        break;
      }
      case 'announce':
        for (const g of await groupsOf(db, e.communityId)) {
          row(i, {
            platform: g.platform,
            chatId: g.chatId,
            kind: 'send',
            priority: e.reminder ? PRIORITY.reminder : PRIORITY.announce,
            payload: { msg: bare(e), group: true, ...(e.track ? { track: e.track } : {}), ...(e.chart ? { chart: e.chart } : {}) },
            suffix: `:${g.platform}:${g.chatId}`,
          });
        }
        break;
      case 'react':
        if (o?.messageId) {
          row(i, { platform: o.platform, chatId: o.chatId, kind: 'react', priority: PRIORITY.ack, payload: { messageId: o.messageId, emoji: e.emoji, group: o.chatKind === 'group' } });
        }
        break;
      case 'card': {
        const where = await cardPlaces(e.pollId);
        for (const w of where) {
          const key = `card:${e.pollId}:${w.platform}:${w.chatId}`;
          row(i, {
            platform: w.platform as Platform,
            chatId: w.chatId,
            kind: 'edit',
            priority: PRIORITY.announce,
            payload: { pollId: e.pollId, messageId: w.messageId, group: true },
            coalesceKey: key,
            notBefore: new Date(now.getTime() + (e.now ? 0 : timing.cardIntervalMs)),
            suffix: `:${key}`,
          });
        }
        break;
      }
      case 'turnout':
        if (o && o.chatKind === 'group') {
          const key = `turnout:${e.pollId}:${o.platform}:${o.chatId}`;
          row(i, {
            platform: o.platform,
            chatId: o.chatId,
            kind: 'turnout',
            priority: PRIORITY.ack,
            payload: { pollId: e.pollId, group: true, ...(origin.locale ? { locale: origin.locale } : {}) },
            coalesceKey: key,
            notBefore: new Date(now.getTime() + timing.turnoutIntervalMs),
            suffix: `:${key}`,
          });
        }
        break;
    }
  }
  return out;
}
