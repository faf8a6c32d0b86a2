import { sql } from 'drizzle-orm';
import { catalogue } from '../chat/i18n/index.js';
import type { ChatTransport, Platform } from '../chat/model.js';
import { rows, type Db } from '../db/client.js';
import { lastSentNote, type ClaimedRow } from '../db/outbox-repo.js';
import { PRIORITY, type OutboxRow } from './outbox-rows.js';

/**
 * A vote typed in a group is acknowledged by a private receipt. When the bot cannot reach the voter
 * privately (not a WeChat friend, never started or blocked the Telegram bot), the group gets at most
 * one short message per poll and turnout interval naming the units recorded (never an option), which
 * also tells the voters named for the first time how to add the bot. That a voter was told is kept
 * as a row under the dedupe key `add-bot-hint:<platform>:<member>`, written when the message went out.
 */

const hintKey = (platform: Platform, memberId: number): string => `add-bot-hint:${platform}:${memberId}`;

/** What a private receipt that was not delivered leaves: the group's coalesced `recorded` row. */
export function receiptFallbackRows(row: ClaimedRow, reached: boolean, platform: Platform, now: Date): OutboxRow[] {
  const r = row.payload.receipt;
  if (reached || !r) return [];
  return [
    {
      communityId: row.communityId,
      platform,
      chatId: r.chatId,
      kind: 'recorded',
      priority: PRIORITY.ack,
      payload: { pollId: r.pollId, group: true, fromOutboxId: row.outboxId, ...(row.payload.locale ? { locale: row.payload.locale } : {}) },
      dedupeKey: `${row.dedupeKey}:recorded`,
      coalesceKey: r.line,
      notBefore: new Date(now.getTime() + r.intervalMs),
      createdAt: now,
    },
  ];
}

interface Undelivered {
  outbox_id: string | number;
  unit: string;
  poll_no: string | number;
  member_id: string | number;
  name: string;
}

/**
 * Sends a `recorded` row: the units of the receipts of its poll and group not delivered since the last
 * one (each once, in the order voted), and the hint for the voters among them not told before. Nothing
 * is sent when there are none.
 */
export async function sendRecordedLine(
  db: Db,
  transport: ChatTransport,
  platform: Platform,
  row: ClaimedRow,
  now: Date,
): Promise<{ messageId: string | null; note?: Record<string, unknown> }> {
  const key = row.coalesceKey;
  if (!key) return { messageId: null };
  const last = await lastSentNote(db, key);
  const from = Math.max(Number(last?.upTo ?? 0) + 1, row.payload.fromOutboxId ?? 0);
  const found = await rows<Undelivered>(
    db,
    sql`select outbox_id, payload->'receipt'->>'unit' as unit, payload->'receipt'->>'pollNo' as poll_no,
      payload->'receipt'->>'memberId' as member_id, payload->'receipt'->>'name' as name from outbox
    where outbox_id >= ${from} and kind = 'private' and payload->'receipt'->>'line' = ${key} and payload->>'reached' = 'false'
    order by outbox_id`,
  );
  const units = [...new Set(found.map((f) => f.unit).filter(Boolean))];
  if (!units.length || !found[0]) return { messageId: null };
  const voters = new Map<number, string>();
  for (const f of found) if (!voters.has(Number(f.member_id))) voters.set(Number(f.member_id), f.name);
  const keys = [...voters.keys()].map((m) => hintKey(platform, m));
  const told = new Set((await rows<{ dedupe_key: string }>(db, sql`select dedupe_key from outbox where dedupe_key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`)).map((x) => x.dedupe_key));
  const untold = [...voters].filter(([m]) => !told.has(hintKey(platform, m)));
  const t = catalogue(row.payload.locale === 'en' ? 'en' : 'zh-CN');
  const lines = [t.quiet.recordedLine(Number(found[0].poll_no), units), ...(untold.length ? [t.quiet.addBotHint(untold.map(([, name]) => name), platform)] : [])];
  const sent = await transport.send(row.chatId, { text: lines.join('\n') });
  if (untold.length) {
    // Told now, in this message: kept as rows that are never sent on their own.
    const marks = JSON.stringify(untold.map(([m]) => ({ dedupe_key: hintKey(platform, m) })));
    await db.execute(sql`insert into outbox (community_id, platform, chat_id, kind, priority, payload, dedupe_key, status, not_before, created_at, sent_at)
      select ${row.communityId}::int, ${platform}, ${row.chatId}, 'send', ${PRIORITY.ack}, ${JSON.stringify({ group: true, hintIn: row.outboxId })}::jsonb,
        v.dedupe_key, 'sent', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${marks}::jsonb) as v(dedupe_key text)
      on conflict do nothing`);
  }
  return { messageId: sent?.messageId ?? null, note: { upTo: Number(found[found.length - 1]!.outbox_id) } };
}
