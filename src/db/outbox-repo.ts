import { and, eq, gt, sql } from 'drizzle-orm';
import type { OutboxPayload, OutboxRow } from '../outbox/outbox-rows.js';
import { rows, type Db } from './client.js';
import { handledSet } from './inbox-repo.js';
import { chatMediaRefusals } from './schema.js';

/** A row's columns as `jsonb_to_recordset` reads them (see `input`). */
export const outboxRowFields = (r: OutboxRow) => ({
  community_id: r.communityId,
  platform: r.platform,
  chat_id: r.chatId,
  kind: r.kind,
  priority: r.priority,
  payload: r.payload,
  dedupe_key: r.dedupeKey,
  coalesce_key: r.coalesceKey,
  not_before: r.notBefore.toISOString(),
  created_at: r.createdAt.toISOString(),
});

/** The rows as one JSON parameter for `jsonb_to_recordset`, each tagged with the inbox id whose turn wrote it. */
function rowsJson(list: { inboxId: number | null; row: OutboxRow }[]): string {
  return JSON.stringify(list.map(({ inboxId, row }) => ({ inbox_id: inboxId, ...outboxRowFields(row) })));
}

/**
 * The statement part that writes outbox rows from `v` (filtered by `keep`): a row whose dedupe key
 * exists is left out; a coalesced row (a card edit, a turnout line) joins the pending row of its
 * message, moving it earlier when it is due sooner, else it waits its interval after the last one
 * sent (one being sent right now counts as sent now), so a card is edited at most once per interval.
 */
export function outboxWrites(keep: ReturnType<typeof sql>) {
  return sql`plain as (
    insert into outbox (community_id, platform, chat_id, kind, priority, payload, dedupe_key, coalesce_key, not_before, created_at)
    select community_id, platform, chat_id, kind, priority, payload, dedupe_key, null, not_before, created_at
    from v where coalesce_key is null and ${keep}
    on conflict do nothing
  ),
  co as (
    insert into outbox (community_id, platform, chat_id, kind, priority, payload, dedupe_key, coalesce_key, not_before, created_at)
    select distinct on (v.coalesce_key) v.community_id, v.platform, v.chat_id, v.kind, v.priority, v.payload, v.dedupe_key, v.coalesce_key,
      case when v.not_before > v.created_at then greatest(v.not_before, (
        select max(case when o.status = 'sending' then v.created_at else o.sent_at end) + (v.not_before - v.created_at)
        from outbox o where o.coalesce_key = v.coalesce_key and (o.sent_at is not null or o.status = 'sending')
      )) else v.not_before end,
      v.created_at
    from v where v.coalesce_key is not null and ${keep}
      and not exists (select 1 from outbox d where d.dedupe_key = v.dedupe_key)
    order by v.coalesce_key, v.not_before
    on conflict (coalesce_key) where status = 'pending' and coalesce_key is not null
    do update set not_before = least(outbox.not_before, excluded.not_before)
  )`;
}

const input = (json: string) => sql`v as (
    select * from jsonb_to_recordset(${json}::jsonb) as v(inbox_id bigint, community_id int, platform text, chat_id text,
      kind text, priority int, payload jsonb, dedupe_key text, coalesce_key text, not_before timestamptz, created_at timestamptz)
  )`;

/** Writes outbox rows in one statement (see `outboxWrites`). */
export async function insertOutbox(db: Db, list: OutboxRow[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const part = list.slice(i, i + 500).map((row) => ({ inboxId: null, row }));
    await db.execute(sql`with ${input(rowsJson(part))}, ${outboxWrites(sql`true`)} select 1`);
  }
}

/**
 * Marks updates handled and writes what they say, in one statement: a turn's rows are written only
 * when its mark was fresh (a second delivery handled at the same time waits on the row, then writes
 * nothing). Returns the inbox ids marked now.
 */
export async function commitTurns(db: Db, turns: { inboxId: number; communityId: number | null; rows: OutboxRow[] }[], at: Date): Promise<Set<number>> {
  if (!turns.length) return new Set();
  const marks = JSON.stringify(turns.map((t) => ({ inbox_id: t.inboxId, community_id: t.communityId })));
  const list = turns.flatMap((t) => t.rows.map((row) => ({ inboxId: t.inboxId, row })));
  const r = await rows<{ inbox_id: string | number }>(
    db,
    sql`with ${input(rowsJson(list))},
    mk as (select * from jsonb_to_recordset(${marks}::jsonb) as mk(inbox_id bigint, community_id int)),
    m as (
      update inbox set ${handledSet(at.toISOString(), sql`mk.community_id`)}
      from mk where inbox.inbox_id = mk.inbox_id and inbox.handled_at is null
      returning inbox.inbox_id
    ),
    ${outboxWrites(sql`v.inbox_id in (select inbox_id from m)`)}
    select inbox_id from m`,
  );
  return new Set(r.map((x) => Number(x.inbox_id)));
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
  /** Chats that may receive no reaction now (reactions are spaced apart from messages). */
  blockedReactions?: string[];
  /** Groups whose budget is tight: their reactions and turnout notes are not sent (see dropLowPriority). */
  tight?: string[];
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
        and not (kind = 'react' and chat_id = any(${toArray(o.blockedReactions ?? [])}::text[]))
        and not (kind in ('react', 'turnout') and chat_id = any(${toArray(o.tight ?? [])}::text[]))
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

/**
 * Records that one part of a row went out (a text part, the picture): the row waits, due now, for
 * its next part, which gets its own attempts; what is noted (how many parts went, the message id)
 * keeps a part that went out from being sent again.
 */
export async function markPart(db: Db, id: number, at: Date, note: Record<string, unknown>): Promise<void> {
  await db.execute(sql`update outbox set status = 'pending', not_before = ${at.toISOString()}::timestamptz, lease_until = null, attempts = 0, error = null,
    payload = payload || ${JSON.stringify(note)}::jsonb where outbox_id = ${id}`);
}

/**
 * Gives up on the pending reactions and turnout notes of some groups (their budget is tight, so what
 * says more goes first). Returns how many of each kind were dropped.
 */
export async function dropLowPriority(db: Db, platform: string, chats: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!chats.length) return out;
  const r = await rows<{ kind: string; n: number }>(
    db,
    sql`with d as (
      update outbox set status = 'failed', lease_until = null, error = 'dropped'
      where platform = ${platform} and status = 'pending' and kind in ('react', 'turnout') and chat_id = any(${toArray(chats)}::text[])
      returning kind
    ) select kind, count(*)::int as n from d group by kind`,
  );
  for (const x of r) out.set(x.kind, Number(x.n));
  return out;
}

/** The chat refused a picture since `since` (so pictures are not tried there now). */
export async function picturesRefusedSince(db: Db, platform: string, chatId: string, since: Date): Promise<boolean> {
  const r = await db
    .select({ at: chatMediaRefusals.refusedAt })
    .from(chatMediaRefusals)
    .where(and(eq(chatMediaRefusals.platform, platform), eq(chatMediaRefusals.chatId, chatId), gt(chatMediaRefusals.refusedAt, since)));
  return r.length > 0;
}

/** Remembers that the chat refused a picture now. */
export async function rememberPicturesRefused(db: Db, platform: string, chatId: string, at: Date): Promise<void> {
  await db
    .insert(chatMediaRefusals)
    .values({ platform, chatId, refusedAt: at })
    .onConflictDoUpdate({ target: [chatMediaRefusals.platform, chatMediaRefusals.chatId], set: { refusedAt: at } });
}

/** The chat took a picture: it no longer refuses them. */
export async function forgetPicturesRefused(db: Db, platform: string, chatId: string): Promise<void> {
  await db.delete(chatMediaRefusals).where(and(eq(chatMediaRefusals.platform, platform), eq(chatMediaRefusals.chatId, chatId)));
}

/** Gives up on a row (a permanent failure), keeping why. */
export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.execute(sql`update outbox set status = 'failed', lease_until = null, error = ${error} where outbox_id = ${id}`);
}
