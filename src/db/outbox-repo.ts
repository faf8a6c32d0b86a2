import { sql } from 'drizzle-orm';
import type { OutboxPayload, OutboxRow } from '../outbox/outbox-rows.js';
import { rows, type Db } from './client.js';
import { outbox } from './schema.js';

/** Writes outbox rows; a row whose dedupe key exists, or a second pending row of one coalesced message, is left out. */
export async function insertOutbox(db: Db, list: OutboxRow[]): Promise<void> {
  const plain: OutboxRow[] = [];
  for (const r of list) {
    if (!r.coalesceKey) {
      plain.push(r);
      continue;
    }
    // One pending row per coalesced message: an earlier time (the close) moves it forward.
    const moved = await rows(
      db,
      sql`update outbox set not_before = least(not_before, ${r.notBefore.toISOString()}::timestamptz)
        where coalesce_key = ${r.coalesceKey} and status = 'pending' returning outbox_id`,
    );
    if (moved.length) continue;
    // A new one waits its interval after the last one sent (a card is edited at most once per interval).
    const interval = r.notBefore.getTime() - r.createdAt.getTime();
    if (interval > 0) {
      const last = await rows<{ ms: string | number | null }>(
        db,
        // (one being sent right now counts as sent now)
        sql`select (extract(epoch from max(case when status = 'sending' then ${r.createdAt.toISOString()}::timestamptz else sent_at end)) * 1000)::bigint as ms
          from outbox where coalesce_key = ${r.coalesceKey} and (sent_at is not null or status = 'sending')`,
      );
      const after = last[0]?.ms == null ? 0 : Number(last[0].ms) + interval;
      plain.push(after > r.notBefore.getTime() ? { ...r, notBefore: new Date(after) } : r);
    } else plain.push(r);
  }
  for (let i = 0; i < plain.length; i += 500) {
    const part = plain.slice(i, i + 500);
    await db
      .insert(outbox)
      .values(part.map((r) => ({ ...r, payload: r.payload as unknown as Record<string, unknown> })))
      .onConflictDoNothing();
  }
}

/** A row claimed by a dispatcher. */
export interface ClaimedRow {
  outboxId: number;
  coalesceKey: string | null;
  communityId: number | null;
  chatId: string;
  kind: OutboxRow['kind'];
  priority: number;
  payload: OutboxPayload;
  dedupeKey: string;
  attempts: number;
}

export interface ClaimOptions {
  platform: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** Chats that may receive nothing now (spacing, a 429). */
  blocked: string[];
  /** Chats that may receive no message or edit now (their window is full); reactions still go. */
  blockedMessages: string[];
}

/**
 * Claims due rows atomically (also against other dispatchers): at most one per chat, in priority
 * order, skipping rows another dispatcher holds. A row whose lease ran out (its dispatcher died after
 * claiming) is due again.
 */
export async function claimOutbox(db: Db, o: ClaimOptions): Promise<ClaimedRow[]> {
  if (o.limit <= 0) return [];
  const now = o.now.toISOString();
  const lease = new Date(o.now.getTime() + o.leaseMs).toISOString();
  const r = await rows<Record<string, unknown>>(
    db,
    sql`with cand as (
      select outbox_id, row_number() over (partition by chat_id order by priority, outbox_id) as rn
      from outbox
      where platform = ${o.platform}
        and ((status = 'pending' and not_before <= ${now}::timestamptz) or (status = 'sending' and lease_until < ${now}::timestamptz))
        and not (chat_id = any(${toArray(o.blocked)}::text[]))
        and (kind = 'react' or not (chat_id = any(${toArray(o.blockedMessages)}::text[])))
    ),
    pick as (
      select x.outbox_id from outbox x join cand c on c.outbox_id = x.outbox_id
      where c.rn = 1
      order by x.priority, x.outbox_id
      limit ${o.limit}
      for update of x skip locked
    )
    update outbox set status = 'sending', lease_until = ${lease}::timestamptz, attempts = outbox.attempts + 1
    from pick
    where outbox.outbox_id = pick.outbox_id
      and (outbox.status = 'pending' or outbox.lease_until < ${now}::timestamptz)
    returning outbox.outbox_id, outbox.coalesce_key, outbox.community_id, outbox.chat_id, outbox.kind, outbox.priority, outbox.payload, outbox.dedupe_key, outbox.attempts`,
  );
  return r
    .map((x) => ({
      outboxId: Number(x.outbox_id),
      coalesceKey: x.coalesce_key == null ? null : String(x.coalesce_key),
      communityId: x.community_id == null ? null : Number(x.community_id),
      chatId: String(x.chat_id),
      kind: x.kind as ClaimedRow['kind'],
      priority: Number(x.priority),
      payload: (typeof x.payload === 'string' ? JSON.parse(x.payload) : x.payload) as OutboxPayload,
      dedupeKey: String(x.dedupe_key),
      attempts: Number(x.attempts),
    }))
    .sort((a, b) => a.priority - b.priority || a.outboxId - b.outboxId);
}

const toArray = (list: string[]): string => `{${list.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** Records a row as sent (with the platform's message id). */
export async function markSent(db: Db, id: number, at: Date, messageId: string | null, note?: Record<string, unknown>): Promise<void> {
  const r = await rows<{ coalesce_key: string | null }>(
    db,
    sql`update outbox set status = 'sent', sent_at = ${at.toISOString()}::timestamptz, message_id = ${messageId}, lease_until = null, error = null,
    payload = payload || ${JSON.stringify(note ?? {})}::jsonb where outbox_id = ${id} returning coalesce_key`,
  );
  const key = r[0]?.coalesce_key;
  // The next edit of the same card waits its interval after this one was sent.
  if (key) {
    await db.execute(sql`update outbox set not_before = greatest(not_before, ${at.toISOString()}::timestamptz + (not_before - created_at))
      where coalesce_key = ${key} and status = 'pending'`);
  }
}

/** What the last sent row of a coalesced message noted (the turnout count it showed). */
export async function lastSentNote(db: Db, coalesceKey: string): Promise<Record<string, unknown> | null> {
  const r = await rows<{ payload: Record<string, unknown> | string }>(
    db,
    sql`select payload from outbox where coalesce_key = ${coalesceKey} and status = 'sent' order by outbox_id desc limit 1`,
  );
  if (!r[0]) return null;
  return typeof r[0].payload === 'string' ? (JSON.parse(r[0].payload) as Record<string, unknown>) : r[0].payload;
}

/** Puts a row back to be tried at `notBefore` (a 429's retry_after, a transient failure). */
export async function markRetry(db: Db, id: number, notBefore: Date, error: string): Promise<void> {
  await db.execute(sql`update outbox set status = 'pending', not_before = ${notBefore.toISOString()}::timestamptz, lease_until = null, error = ${error}
    where outbox_id = ${id} and not exists (
      select 1 from outbox p where p.status = 'pending' and p.coalesce_key is not null and p.coalesce_key = outbox.coalesce_key)`);
  // A newer pending row of the same coalesced message says it better: this one is done.
  await db.execute(sql`update outbox set status = 'failed', lease_until = null, error = 'superseded' where outbox_id = ${id} and status = 'sending'`);
}

/** Gives up on a row (a permanent failure), keeping why. */
export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.execute(sql`update outbox set status = 'failed', lease_until = null, error = ${error} where outbox_id = ${id}`);
}

/** Counts of rows by status (metrics, tests). */
export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  const r = await rows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from outbox group by status`);
  return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
}
