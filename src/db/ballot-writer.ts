import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { ChatMessage } from '../chat/model.js';
import type { OutboxRow } from '../outbox/outbox-rows.js';
import { entryText, type AuditEntry } from './audit.js';
import { botIdOf, HANDLED_PAYLOAD, handledSet, storable } from './inbox-repo.js';
import { rows, type Db } from './client.js';
import { outboxRowFields, outboxWrites } from './outbox-repo.js';
import { holderKeySql, isOwnerRuleSql, mayCastSql, OWNER_RULES_SQL } from './holder-sql.js';
import { ballotHashSql } from './ballot-hash.js';
import { RECEIPT_CODE_MARK } from '../domain/receipt.js';

export { ballotHashSql } from './ballot-hash.js';

export interface CastBallot {
  communityId: number;
  pollId: number;
  platform: string;
  userId: string;
  /**
   * A vote from the pages: the voter is the member its session (by the session's key, `sessionKey`)
   * signs in as the ballot is written, not `platform`/`userId`; the audit entry's actor is then
   * `ACTOR_MARK`, which the statement replaces with the member's identity.
   */
  session?: string | null;
  optionNo: number;
  at: Date;
  sourceKey: string | null;
  audit: AuditEntry;
  /** A ballot entered for another household (paper, assisted, proxy): its unit; null for the member's own. */
  unitId?: number | null;
  channel?: BallotChannel;
  /** The turn the ballot is cast in: its mark and words are committed with the ballot, or not at all. */
  turn?: BallotTurn;
}

/** A turn whose ballot carries it: the update's "handled" mark and what the turn says. */
export interface BallotTurn {
  /** The update's inbox id; null for an update not kept yet (`msg`), which is kept handled with the ballot. */
  inboxId: number | null;
  msg?: ChatMessage;
  communityId: number | null;
  at: Date;
  /**
   * The turn's outbox rows when the ballot is the household's first, and when it replaces an earlier
   * one (the receipt says so); `RECEIPT_CODE_MARK` stands for the receipt code.
   */
  rows: Promise<{ first: OutboxRow[]; changed: OutboxRow[] }>;
}

export type BallotChannel = 'online' | 'paper' | 'assisted' | 'proxy';

/** Stands in an audit entry's text for the ballot's hash, which only the insert knows. */
export const BALLOT_HASH_MARK = '$BALLOT_HASH';
/** Stands for the actor of a vote from the pages (`platform:userId` of its session's member), which the statement reads. */
export const ACTOR_MARK = '$ACTOR';

/** `sealed`: the ballot's turn was marked handled and its words written with it. */
export type CastOutcome = { ballotId: number; previous: number; ballotHash: string; sealed: boolean } | null;

interface Pending {
  b: CastBallot & { key: string };
  rows?: { first: OutboxRow[]; changed: OutboxRow[] };
  resolve(v: CastOutcome): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 250;


/** The turns and outbox rows of a batch, as the statement reads them; both empty for ballots cast outside a turn. */
export interface BatchTurns {
  /** One per ballot cast in a turn: `{source_key, inbox_id, community_id}`, or for an update not kept yet its `platform, bot_id, update_key, chat_id`. */
  turns: string;
  /** The turns' outbox rows, each with `source_key` and `changed` (the variant for a ballot that replaces the household's earlier one). */
  rows: string;
  at: string;
}

const NO_TURNS: BatchTurns = { turns: '[]', rows: '[]', at: new Date(0).toISOString() };

/**
 * The one statement that writes a batch of ballots, their projection and their audit entries, and for
 * the ballots cast in a turn that turn's "handled" mark and outbox rows: a turn's mark and rows are
 * written exactly when its ballot is, in the same statement (one round trip, one commit).
 */
export function ballotBatchSql(communityId: number, input: string, t: BatchTurns = NO_TURNS): SQL {
  return sql`with recursive bv as (
    select * from jsonb_to_recordset(${input}::jsonb)
      as bv(idx int, poll_id int, platform text, user_id text, session_hash text, option_no int, at timestamptz, source_key text, entry text, action text, audit_at timestamptz, unit_id int, channel text)
  ),
  p as (
    select poll_id, rule, final, closes_at, opens_at, scope from polls
    where community_id = ${communityId} and status = 'open' and poll_id in (select poll_id from bv)
    for share
  ),
  m as (
    select bv.idx, bv.poll_id, bv.option_no, bv.at, bv.source_key, bv.channel, mm.member_id, mm.actor, u.unit_id, u.label, mm.relation, u.area_centi, nullif(u.owner_id, '') as owner_id
    from bv
    -- The voter by its chat identity, or (a vote from the pages) by its session, open and not expired.
    cross join lateral (
      select x.member_id, x.unit_id, x.relation, x.platform || ':' || x.user_id as actor from members x
      where bv.session_hash is null and x.community_id = ${communityId} and x.platform = bv.platform and x.user_id = bv.user_id
      union all
      select x.member_id, x.unit_id, x.relation, x.platform || ':' || x.user_id from web_sessions ws join members x on x.member_id = ws.member_id
      where bv.session_hash is not null and ws.token_hash = bv.session_hash and ws.kind = 'session' and ws.used_at is null
        and ws.expires_at > bv.at and x.community_id = ${communityId}
    ) mm
    -- One unit by its key per ballot (a join would read and hash the community's whole roster).
    cross join lateral (select unit_id, label, area_centi, owner_id from units
      where units.unit_id = coalesce(bv.unit_id, mm.unit_id) and units.community_id = ${communityId} limit 1) u
  ),
  hh as (
    select m.idx, m.poll_id, m.member_id, m.actor, m.unit_id, m.option_no, m.at, m.source_key, m.channel, p.final,
      ${holderKeySql(isOwnerRuleSql(sql`p.rule`), 'm')} as holder_key,
      case when p.rule in ${OWNER_RULES_SQL} and m.owner_id is not null
        then (select sum(area_centi) from units x where x.community_id = ${communityId} and x.owner_id = m.owner_id and (p.scope is null or yishi_in_scope(x.label, p.scope)))
        else m.area_centi end as area,
      case when p.rule in ${OWNER_RULES_SQL} and m.owner_id is not null
        then (select count(*) from units x where x.community_id = ${communityId} and x.owner_id = m.owner_id and (p.scope is null or yishi_in_scope(x.label, p.scope)))
        when p.scope is null or yishi_in_scope(m.label, p.scope) then 1 else 0 end as n_units
    from m join p on p.poll_id = m.poll_id
    where p.closes_at > m.at and coalesce(p.opens_at, m.at) <= m.at
      and ${mayCastSql(isOwnerRuleSql(sql`p.rule`), sql`m.relation`, sql`m.channel`)}
  ),
  tk as (
    select * from jsonb_to_recordset(${t.turns}::jsonb)
      as tk(source_key text, inbox_id bigint, community_id int, platform text, bot_id text, update_key text, chat_id text)
  ),
  -- An update handled before (kept by an earlier delivery) casts nothing again.
  seen as (
    select tk.source_key from tk join inbox i on i.platform = tk.platform and i.bot_id = tk.bot_id and i.update_key = tk.update_key
    where tk.inbox_id is null and i.handled_at is not null
  ),
  h as (select * from hh where n_units > 0 and source_key not in (select source_key from seen)),
  ins as (
    insert into ballots (community_id, poll_id, holder_key, holder_area_centi, holder_units, unit_id, member_id, option_no, cast_at, source_key, final, channel)
    select ${communityId}, poll_id, holder_key, area, n_units, unit_id, member_id, option_no, at, source_key, final, channel from h order by idx
    on conflict do nothing
    returning ballot_id, poll_id, holder_key, option_no, holder_area_centi, holder_units, source_key, ${ballotHashSql('ballots')} as ballot_hash
  ),
  proj as (
    insert into poll_votes (community_id, poll_id, holder_key, option_no, area_centi, units, ballot_id)
    select distinct on (poll_id, holder_key) ${communityId}, poll_id, holder_key, option_no, holder_area_centi, holder_units, ballot_id
    from ins order by poll_id, holder_key, ballot_id desc
    on conflict (poll_id, holder_key) do update set option_no = excluded.option_no, area_centi = excluded.area_centi,
      units = excluded.units, ballot_id = excluded.ballot_id
    where poll_votes.ballot_id < excluded.ballot_id
  ),
  head as (select seq, hash from audit_heads where community_id = ${communityId} for update),
  numbered as (
    select row_number() over (order by ins.ballot_id) as rn, bv.action, bv.audit_at,
      case when bv.session_hash is null then replace(bv.entry, ${BALLOT_HASH_MARK}, ins.ballot_hash)
        else replace(replace(bv.entry, ${BALLOT_HASH_MARK}, ins.ballot_hash), ${JSON.stringify(ACTOR_MARK)}, to_json(h.actor)::text) end as entry
    from ins join bv on bv.source_key = ins.source_key join h on h.source_key = ins.source_key
  ),
  chain as (
    select 0::bigint as rn, head.seq, head.hash, null::text as prev_hash, null::text as entry, null::text as action, null::timestamptz as at from head
    union all
    select n.rn, c.seq + 1, encode(sha256(convert_to(c.hash || '|' || (c.seq + 1)::text || '|' || n.entry, 'UTF8')), 'hex'), c.hash, n.entry, n.action, n.audit_at
    from chain c join numbered n on n.rn = c.rn + 1
  ),
  audit as (
    insert into audit_log (community_id, seq, at, action, entry, prev_hash, hash)
    select ${communityId}, seq, at, action, entry, prev_hash, hash from chain where rn > 0
  ),
  moved as (
    update audit_heads set seq = t.seq, hash = t.hash, prev_hash = t.prev_hash
    from (select seq, hash, prev_hash from chain where rn > 0 order by rn desc limit 1) t
    where audit_heads.community_id = ${communityId}
  ),
  -- Earlier ballots of the household: those committed before, and those earlier in this batch.
  outc as (
    select ins.ballot_id, ins.source_key, ins.ballot_hash,
      (select count(*)::int from ballots x where x.poll_id = ins.poll_id and x.holder_key = ins.holder_key)
        + (count(*) over (partition by ins.poll_id, ins.holder_key order by ins.ballot_id))::int - 1 as previous
    from ins
  ),
  -- The batch's keys as objects, looked up by key: the CTEs' row counts are unknown to the planner,
  -- which would otherwise compare every ballot with every turn.
  ik as materialized (select coalesce(jsonb_object_agg(source_key, true), '{}'::jsonb) as k from ins),
  tkk as materialized (
    select coalesce(jsonb_object_agg(tk.platform || chr(31) || tk.bot_id || chr(31) || tk.update_key, tk.source_key), '{}'::jsonb) as k
    from tk where tk.inbox_id is null
  ),
  -- The turns whose ballot went in are marked handled: a kept update by its id, one not kept yet is kept
  -- handled; either way as \`handledSet\` says (without its words).
  mk as (
    update inbox set ${handledSet(t.at, sql`tk.community_id`)}
    from tk, ik where tk.inbox_id is not null and inbox.inbox_id = tk.inbox_id and inbox.handled_at is null
      and jsonb_exists(ik.k, tk.source_key)
    returning tk.source_key
  ),
  ad as (
    insert into inbox (platform, bot_id, update_key, chat_id, payload, received_at, handled_at, attempts, community_id)
    select tk.platform, tk.bot_id, tk.update_key, tk.chat_id, ${HANDLED_PAYLOAD}, ${t.at}::timestamptz, ${t.at}::timestamptz, 1, tk.community_id
    from tk, ik where tk.inbox_id is null and jsonb_exists(ik.k, tk.source_key)
    on conflict (platform, bot_id, update_key) do update set ${handledSet(t.at, sql`excluded.community_id`)}
    where inbox.handled_at is null
    returning platform, bot_id, update_key
  ),
  sealed as (
    select source_key from mk
    union all
    select tkk.k ->> (ad.platform || chr(31) || ad.bot_id || chr(31) || ad.update_key) from ad, tkk
  ),
  sk as materialized (select coalesce(jsonb_object_agg(source_key, true), '{}'::jsonb) as k from sealed),
  -- Read once (referenced once, it would be inlined and read again for every ballot of the join).
  ov as materialized (
    select * from jsonb_to_recordset(${t.rows}::jsonb) as ov(source_key text, changed boolean, community_id int, platform text, chat_id text,
      kind text, priority int, payload jsonb, dedupe_key text, coalesce_key text, not_before timestamptz, created_at timestamptz)
  ),
  -- Each marked turn's ballot: whether it replaced an earlier one and its receipt code (as \`receiptCode\`
  -- writes it), as one object, so that the rows below look it up instead of joining.
  took as (
    select coalesce(jsonb_object_agg(outc.source_key, jsonb_build_object('changed', outc.previous > 0,
      'code', upper(substr(outc.ballot_hash, 1, 4) || '-' || substr(outc.ballot_hash, 5, 4) || '-' || substr(outc.ballot_hash, 9, 4)))), '{}'::jsonb) as m
    from outc, sk where jsonb_exists(sk.k, outc.source_key)
  ),
  -- What the marked turns say, in the variant their ballot took, with its receipt code.
  v as (
    select ov.community_id, ov.platform, ov.chat_id, ov.kind, ov.priority,
      replace(ov.payload::text, ${RECEIPT_CODE_MARK}, took.m -> ov.source_key ->> 'code')::jsonb as payload,
      ov.dedupe_key, ov.coalesce_key, ov.not_before, ov.created_at
    from ov, took
    where ov.changed = (took.m -> ov.source_key ->> 'changed')::boolean
  ),
  ${outboxWrites(sql`true`)}
  select outc.ballot_id, outc.source_key, outc.ballot_hash, outc.previous, jsonb_exists(sk.k, outc.source_key) as sealed
  from outc, sk order by outc.ballot_id`;
}

/**
 * Writes ballots in per-community batches: while one batch commits, the next votes queue up and go
 * in the following transaction. Each vote resolves only after its batch committed. Within a batch,
 * eligibility, the open poll (locked against a concurrent close), the holder and its area are
 * checked in SQL; the ballots, the latest-vote projection and their audit-chain entries are written
 * in one statement under the community's chain head lock, and with them each ballot's turn: its
 * update's "handled" mark and its outbox rows (so a counted vote is always acknowledged, and an
 * acknowledged one always counted).
 */
export function createBallotWriter(db: Db) {
  const queues = new Map<number, { items: Pending[]; running: boolean }>();

  async function flush(communityId: number, batch: Pending[]): Promise<Map<string, CastOutcome>> {
    const input = JSON.stringify(
      batch.map((p, idx) => ({
        idx,
        poll_id: p.b.pollId,
        platform: p.b.platform,
        user_id: p.b.userId,
        session_hash: p.b.session ?? null,
        option_no: p.b.optionNo,
        at: p.b.at.toISOString(),
        source_key: p.b.key,
        entry: entryText(p.b.audit),
        action: p.b.audit.action,
        audit_at: p.b.audit.at,
        unit_id: p.b.unitId ?? null,
        channel: p.b.channel ?? 'online',
      })),
    );
    const turns: unknown[] = [];
    const out: unknown[] = [];
    for (const p of batch) {
      const t = p.b.turn;
      if (!t) continue;
      const m = t.inboxId == null ? t.msg : undefined;
      turns.push({
        source_key: p.b.key,
        inbox_id: t.inboxId,
        community_id: t.communityId,
        ...(m ? { platform: m.platform, bot_id: botIdOf(m), update_key: m.updateKey, chat_id: m.chatId } : {}),
      });
      const { first, changed } = p.rows!;
      for (const r of first) out.push({ source_key: p.b.key, changed: false, ...outboxRowFields(r) });
      for (const r of changed) out.push({ source_key: p.b.key, changed: true, ...outboxRowFields(r) });
    }
    const at = batch.find((p) => p.b.turn)?.b.turn!.at ?? new Date();
    // One statement, so one round trip and one commit per batch. The audit chain is extended in SQL
    // (the same formula as `chainHash`) under the community's chain head row lock.
    const inserted = await rows<{ ballot_id: string | number; source_key: string; previous: number; ballot_hash: string; sealed: boolean }>(
      db,
      ballotBatchSql(communityId, input, { turns: storable(turns), rows: storable(out), at: at.toISOString() }),
    );
    const found = new Map<string, CastOutcome>();
    for (const r of inserted) found.set(r.source_key, { ballotId: Number(r.ballot_id), previous: r.previous, ballotHash: r.ballot_hash, sealed: r.sealed });
    return found;
  }

  async function run(communityId: number): Promise<void> {
    const q = queues.get(communityId)!;
    q.running = true;
    try {
      // Let the votes that arrive in the same turn of the event loop join the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (q.items.length) {
        // A second delivery of the same update waits for the next batch, where it finds its ballot in.
        const taken: Pending[] = [];
        const keys = new Set<string>();
        const later: Pending[] = [];
        for (const p of q.items) {
          if (taken.length < MAX_BATCH && !keys.has(p.b.key)) {
            keys.add(p.b.key);
            taken.push(p);
          } else later.push(p);
        }
        q.items = later;
        // A turn's rows are made while its ballot waits; a turn whose rows could not be made casts nothing.
        const made = await Promise.allSettled(taken.map((p) => p.b.turn?.rows));
        const batch: Pending[] = [];
        for (const [i, p] of taken.entries()) {
          const r = made[i]!;
          if (r.status === 'rejected') p.reject(r.reason);
          else batch.push(r.value ? { ...p, rows: r.value } : p);
        }
        if (!batch.length) continue;
        try {
          const out = await flush(communityId, batch);
          for (const p of batch) p.resolve(out.get(p.b.key) ?? null);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      q.running = false;
      if (!q.items.length) queues.delete(communityId);
    }
  }

  return {
    /** Casts one ballot; resolves after commit with its id, or null when nothing was inserted. */
    cast(b: CastBallot): Promise<CastOutcome> {
      return new Promise<CastOutcome>((resolve, reject) => {
        let q = queues.get(b.communityId);
        if (!q) queues.set(b.communityId, (q = { items: [], running: false }));
        q.items.push({ b: { ...b, key: b.sourceKey ?? `local:${randomUUID()}` }, resolve, reject });
        if (!q.running) void run(b.communityId);
      });
    },
  };
}

export type BallotWriter = ReturnType<typeof createBallotWriter>;
