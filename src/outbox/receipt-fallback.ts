import { sql } from 'drizzle-orm';
import { catalogue } from '../chat/i18n/index.js';
import type { ChatTransport, Platform } from '../chat/model.js';
import { rows, type Db } from '../db/client.js';
import { lastSentNote, type ClaimedRow } from '../db/outbox-repo.js';
import { PRIORITY, type OutboxRow } from './outbox-rows.js';

/**
 * A vote typed in a group is acknowledged by a private receipt. When the bot cannot reach the voter
 * privately (not a WeChat friend, never started the Telegram bot), the group gets at most one short
 * line per poll and turnout interval naming the units recorded (never an option), and the voter is
 * told there, once, how to add the bot. "Once" is kept by the hint's dedupe key, one per member.
 */

/** The rows a private receipt that was not delivered leaves: the coalesced `recorded` line and the voter's hint. */
export function receiptFallbackRows(row: ClaimedRow, reached: boolean, platform: Platform, now: Date): OutboxRow[] {
  const r = row.payload.receipt;
  if (reached || !r) return [];
  const base = { communityId: row.communityId, platform, chatId: r.chatId, priority: PRIORITY.ack, createdAt: now };
  return [
    {
      ...base,
      kind: 'recorded',
      payload: { pollId: r.pollId, group: true, fromOutboxId: row.outboxId, ...(row.payload.locale ? { locale: row.payload.locale } : {}) },
      dedupeKey: `${row.dedupeKey}:recorded`,
      coalesceKey: r.line,
      notBefore: new Date(now.getTime() + r.intervalMs),
    },
    {
      ...base,
      kind: 'send',
      payload: { msg: { text: r.hint }, group: true },
      dedupeKey: `add-bot-hint:${platform}:${r.memberId}`,
      coalesceKey: null,
      notBefore: now,
    },
  ];
}

/**
 * Sends a `recorded` line: the units of the receipts of its poll and group that were not delivered
 * since the last line (each unit once, in the order voted). Nothing is sent when there are none.
 */
export async function sendRecordedLine(db: Db, transport: ChatTransport, row: ClaimedRow): Promise<{ messageId: string | null; note?: Record<string, unknown> }> {
  const key = row.coalesceKey;
  if (!key) return { messageId: null };
  const last = await lastSentNote(db, key);
  const from = Math.max(Number(last?.upTo ?? 0) + 1, row.payload.fromOutboxId ?? 0);
  const found = await rows<{ outbox_id: string | number; unit: string; poll_no: string | number }>(
    db,
    sql`select outbox_id, payload->'receipt'->>'unit' as unit, payload->'receipt'->>'pollNo' as poll_no from outbox
    where outbox_id >= ${from} and kind = 'private' and payload->'receipt'->>'line' = ${key} and payload->>'reached' = 'false'
    order by outbox_id`,
  );
  const units = [...new Set(found.map((f) => f.unit).filter(Boolean))];
  if (!units.length || !found[0]) return { messageId: null };
  const t = catalogue(row.payload.locale === 'en' ? 'en' : 'zh-CN');
  const sent = await transport.send(row.chatId, { text: t.quiet.recordedLine(Number(found[0].poll_no), units) });
  return { messageId: sent?.messageId ?? null, note: { upTo: Number(found[found.length - 1]!.outbox_id) } };
}
