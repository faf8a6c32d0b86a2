import { eq, sql } from 'drizzle-orm';
import { LATE_LIMIT_MS, offsetsOf, type WantedReminder } from '../domain/reminders.js';
import { rows, type Db } from '../db/client.js';
import { communities } from '../db/schema.js';
import { reminderProviders } from '../features/registry.js';
import type { Clock } from './clock.js';

/** A reminder row as kept. */
export interface Reminder {
  reminderId: number;
  communityId: number;
  naturalKey: string;
  kind: WantedReminder['kind'];
  objectId: number | null;
  dueAt: Date;
  status: 'pending' | 'queued' | 'missed' | 'cancelled';
  /** When it was taken (queued, or recorded as missed). */
  queuedAt: Date | null;
}

/**
 * A reminder as the operator sees it: `queued` while its messages wait in the outbox, `sent` once the
 * platform confirmed them (at least one delivered, none waiting), `failed` when none could be delivered.
 */
export interface ScheduledReminder extends Omit<Reminder, 'status'> {
  status: Reminder['status'] | 'sent' | 'failed';
  /** The last confirmed send of its messages. */
  sentAt: Date | null;
}

/**
 * Brings a community's reminders in line with its objects: new ones are created, moved objects move
 * their pending reminders, and pending reminders of objects that are gone (a poll closed early, a
 * cancelled meeting, what a feature's provider no longer wants) are cancelled. Idempotent.
 */
export async function syncReminders(db: Db, clock: Clock, communityId: number): Promise<void> {
  const now = clock.now();
  const c = (await db.select().from(communities).where(eq(communities.communityId, communityId)))[0];
  if (!c) return;
  const offsets = offsetsOf(c.reminderOffsets);
  const wanted: WantedReminder[] = [];
  // The features' reminders (their providers say which are due).
  const community = { communityId, timezone: c.timezone, deliberationCron: c.deliberationCron, offsets, overdueAt: offsets.overdueAt };
  for (const p of reminderProviders()) wanted.push(...(await p.wanted(db, community, now)));
  // A time that passed before the community existed is nobody's reminder (a group linked on the
  // evening of a deliberation day is not told six hours late that the day has started).
  const kept = wanted.filter((w) => w.dueAt.getTime() >= c.createdAt.getTime());
  const input = JSON.stringify(kept.map((w) => ({ key: w.key, kind: w.kind, object_id: w.objectId, due_at: w.dueAt.toISOString() })));
  await db.execute(sql`insert into reminders (community_id, natural_key, kind, object_id, due_at, created_at)
    select ${communityId}, key, kind, object_id, due_at, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${input}::jsonb) as v(key text, kind text, object_id int, due_at timestamptz)
    on conflict (community_id, natural_key) do update set due_at = excluded.due_at
    where reminders.status = 'pending' and reminders.due_at <> excluded.due_at`);
  await db.execute(sql`update reminders set status = 'cancelled'
    where community_id = ${communityId} and status = 'pending'
      and natural_key not in (select jsonb_array_elements(${input}::jsonb) ->> 'key')`);
}

/** Syncs every community (at start and now and then, for what changes with time alone). */
export async function syncAllReminders(db: Db, clock: Clock): Promise<void> {
  const list = await db.select({ id: communities.communityId }).from(communities);
  for (const c of list) await syncReminders(db, clock, c.id);
}

/**
 * Runs the providers' steps that come before their due reminders are said (the deliberation day's
 * agenda is rolled over, with its audit entries), for each community with such a reminder due now:
 * rendering never writes.
 */
export async function prepareDueReminders(db: Db, clock: Clock): Promise<void> {
  for (const p of reminderProviders()) {
    if (!p.beforeDue) continue;
    const r = await rows<{ community_id: number }>(
      db,
      sql`select distinct community_id from reminders where status = 'pending' and kind = ${p.beforeDue.kind} and due_at <= ${clock.now().toISOString()}::timestamptz`,
    );
    for (const x of r) await p.beforeDue.run(db, clock, Number(x.community_id));
  }
}

/**
 * Takes due reminders (SKIP LOCKED, so several instances take each once): those at most six hours
 * late are marked queued and handed to `send` inside the same transaction, which writes their outbox
 * rows and returns how many; one with nothing to say (its object is gone) is cancelled instead. Later
 * ones are marked missed. Returns what was queued and what was missed.
 */
export async function takeDueReminders(
  db: Db,
  clock: Clock,
  send: (tx: Db, r: Reminder) => Promise<number>,
  limit = 200,
): Promise<{ queued: Reminder[]; missed: Reminder[]; taken: number }> {
  const now = clock.now();
  const late = new Date(now.getTime() - LATE_LIMIT_MS).toISOString();
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    const taken = await rows<Record<string, unknown>>(
      txDb,
      sql`update reminders set status = case when due_at < ${late}::timestamptz then 'missed' else 'queued' end, queued_at = ${now.toISOString()}::timestamptz
      where reminder_id in (
        select reminder_id from reminders where status = 'pending' and due_at <= ${now.toISOString()}::timestamptz
        order by due_at, reminder_id limit ${limit} for update skip locked)
      returning reminder_id, community_id, natural_key, kind, object_id, due_at, status, queued_at`,
    );
    const list = taken.map(toReminder).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.reminderId - b.reminderId);
    const queued: Reminder[] = [];
    const silent: number[] = [];
    for (const r of list.filter((x) => x.status === 'queued')) {
      if ((await send(txDb, r)) > 0) queued.push(r);
      else silent.push(r.reminderId);
    }
    if (silent.length) await txDb.execute(sql`update reminders set status = 'cancelled' where reminder_id = any(${`{${silent.join(',')}}`}::bigint[])`);
    return { queued, missed: list.filter((r) => r.status === 'missed'), taken: list.length };
  });
}

function toReminder(x: Record<string, unknown>): Reminder {
  return {
    reminderId: Number(x.reminder_id),
    communityId: Number(x.community_id),
    naturalKey: String(x.natural_key),
    kind: x.kind as Reminder['kind'],
    objectId: x.object_id == null ? null : Number(x.object_id),
    dueAt: new Date(x.due_at as string),
    status: x.status as Reminder['status'],
    queuedAt: x.queued_at ? new Date(x.queued_at as string) : null,
  };
}

type ShownStatus = ScheduledReminder['status'];

/**
 * A community's reminders for the operator (the CLI's `schedule`): what is due, queued, sent (the
 * send confirmed) and missed. Whether a queued reminder went out is read from its outbox rows
 * (their dedupe keys start with `reminder:ID#`), in one pass over the community's reminder rows.
 */
export async function scheduleOf(db: Db, communityId: number, statuses: ShownStatus[] = ['pending', 'queued', 'sent', 'failed', 'missed']): Promise<ScheduledReminder[]> {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`with o as (
      select split_part(substr(dedupe_key, 10), '#', 1)::bigint as reminder_id,
        count(*) filter (where status in ('pending', 'sending')) as waiting,
        count(*) filter (where status = 'sent') as sent,
        max(sent_at) as sent_at
      from outbox where community_id = ${communityId} and dedupe_key like 'reminder:%#%'
      group by 1
    )
    select r.reminder_id, r.community_id, r.natural_key, r.kind, r.object_id, r.due_at, r.queued_at, o.sent_at,
      case when r.status <> 'queued' or o.reminder_id is null or o.waiting > 0 then r.status when o.sent > 0 then 'sent' else 'failed' end as status
    from reminders r left join o on o.reminder_id = r.reminder_id
    where r.community_id = ${communityId}
    order by r.due_at, r.reminder_id`,
  );
  return r
    .map((x) => ({ ...toReminder(x), status: x.status as ShownStatus, sentAt: x.sent_at ? new Date(x.sent_at as string) : null }))
    .filter((x) => statuses.includes(x.status));
}
