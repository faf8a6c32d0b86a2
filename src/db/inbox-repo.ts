import { sql, type SQL } from 'drizzle-orm';
import type { ChatMessage } from '../chat/model.js';
import { rows, type Db } from './client.js';

/** Where an update stands in the inbox. */
export interface InboxEntry {
  inboxId: number;
  handled: boolean;
}

// JSON in PostgreSQL holds no NUL and no lone surrogate half: such characters are kept as U+FFFD.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// What JSON.stringify writes for such a character (and, harmlessly, for a typed "\\u0000"): only then is the slow way taken.
const ESCAPED_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;
/** The message as JSON that PostgreSQL accepts (what is handled is the message itself, unchanged). */
export const storable = (value: unknown): string => {
  const plain = JSON.stringify(value);
  if (!ESCAPED_UNSTORABLE.test(plain)) return plain;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(UNSTORABLE, '\uFFFD') : v));
};

/** The bot account an update is for: the adapter's, or the platform's name for messages made locally. */
export const botIdOf = (msg: Pick<ChatMessage, 'platform' | 'botId'>): string => msg.botId ?? msg.platform;

/**
 * What a handled update keeps of its message: nothing. Its keys (platform, bot, update id, chat) stay
 * for the redelivery check; its words (a binding code, a phone number, an amount) are read again only
 * while it waits to be handled (`unhandledUpdates`), so they go when it is marked handled.
 */
export const HANDLED_PAYLOAD = sql`'{}'::jsonb`;

/**
 * What marking an update handled sets, wherever it is marked (`markHandled`, a turn's commit, a
 * ballot's statement): when, one attempt more, its community if not known yet, and its words dropped.
 */
export const handledSet = (at: string, communityId: SQL): SQL =>
  sql`handled_at = ${at}::timestamptz, attempts = inbox.attempts + 1, community_id = coalesce(inbox.community_id, ${communityId}), payload = ${HANDLED_PAYLOAD}`;

/**
 * Keeps updates not kept yet, in one statement, and returns the inbox ids of those kept now: an update
 * delivered again is left out (for a platform that hands a message over once, whose handler must not
 * take a second delivery for a new one).
 */
export async function keepNewUpdates(db: Db, msgs: ChatMessage[], at: Date): Promise<Map<string, number>> {
  if (!msgs.length) return new Map();
  const input = storable(msgs.map((m) => ({ platform: m.platform, bot_id: botIdOf(m), update_key: m.updateKey, chat_id: m.chatId, payload: m })));
  const r = await rows<{ update_key: string; inbox_id: string | number }>(
    db,
    sql`insert into inbox (platform, bot_id, update_key, chat_id, payload, received_at)
    select platform, bot_id, update_key, chat_id, payload, ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${input}::jsonb) as v(platform text, bot_id text, update_key text, chat_id text, payload jsonb)
    on conflict do nothing returning update_key, inbox_id`,
  );
  return new Map(r.map((x) => [x.update_key, Number(x.inbox_id)]));
}

/**
 * Keeps updates as the platform handed them over (those not kept yet; an update already kept is left
 * as it is) and says of each whether it was handled before, in one statement for any number of
 * updates; the entries come in the order of `msgs`.
 */
export async function admitUpdates(db: Db, msgs: ChatMessage[], at: Date): Promise<InboxEntry[]> {
  const input = storable(msgs.map((m) => ({ platform: m.platform, bot_id: botIdOf(m), update_key: m.updateKey, chat_id: m.chatId, payload: m })));
  const r = await rows<{ platform: string; bot_id: string; update_key: string; inbox_id: string | number; handled: boolean }>(
    db,
    sql`with v as (
      select * from jsonb_to_recordset(${input}::jsonb) as v(platform text, bot_id text, update_key text, chat_id text, payload jsonb)
    ),
    ins as (
      insert into inbox (platform, bot_id, update_key, chat_id, payload, received_at)
      select distinct on (platform, bot_id, update_key) platform, bot_id, update_key, chat_id, payload, ${at.toISOString()}::timestamptz from v
      on conflict do nothing returning platform, bot_id, update_key, inbox_id
    )
    select platform, bot_id, update_key, inbox_id, false as handled from ins
    union all
    select i.platform, i.bot_id, i.update_key, i.inbox_id, i.handled_at is not null from inbox i
    where (i.platform, i.bot_id, i.update_key) in (select platform, bot_id, update_key from v)
      and not exists (select 1 from ins where ins.platform = i.platform and ins.bot_id = i.bot_id and ins.update_key = i.update_key)`,
  );
  const byKey = new Map(r.map((x) => [`${x.platform}\u0000${x.bot_id}\u0000${x.update_key}`, { inboxId: Number(x.inbox_id), handled: x.handled }]));
  return msgs.map((m) => {
    const e = byKey.get(`${m.platform}\u0000${botIdOf(m)}\u0000${m.updateKey}`);
    if (!e) throw new Error(`update ${m.updateKey} was neither kept nor found`);
    return e;
  });
}

/**
 * Marks updates handled; run inside the transaction of the change they make. Returns the ids that were
 * not handled before (a concurrent handler of the same update waits on the row, then gets nothing).
 */
export async function markHandled(db: Db, inboxIds: number[], at: Date, communityId: number | null = null): Promise<Set<number>> {
  if (!inboxIds.length) return new Set();
  const r = await rows<{ inbox_id: string | number }>(
    db,
    sql`update inbox set ${handledSet(at.toISOString(), sql`${communityId}::int`)}
    where inbox_id in (select jsonb_array_elements_text(${JSON.stringify(inboxIds)}::jsonb)::bigint) and handled_at is null
    returning inbox_id`,
  );
  return new Set(r.map((x) => Number(x.inbox_id)));
}

/** Updates kept but not handled (a crash came between), oldest first. */
export async function unhandledUpdates(db: Db, platform: string, botId: string, limit = 500, before?: Date): Promise<ChatMessage[]> {
  const r = await rows<{ payload: ChatMessage | string }>(
    db,
    sql`select payload from inbox where platform = ${platform} and bot_id = ${botId} and handled_at is null
      ${before ? sql`and received_at < ${before.toISOString()}::timestamptz` : sql``} order by inbox_id limit ${limit}`,
  );
  return r.map((x) => (typeof x.payload === 'string' ? (JSON.parse(x.payload) as ChatMessage) : x.payload));
}
