import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { entryText, type AuditEntry } from './audit.js';
import { rows, type Db } from './client.js';
import { holderKeySql, isOwnerRuleSql, mayCastSql, OWNER_RULES_SQL } from './holder-sql.js';

export interface CastBallot {
  communityId: number;
  pollId: number;
  platform: string;
  userId: string;
  optionNo: number;
  at: Date;
  sourceKey: string | null;
  audit: AuditEntry;
  /** A ballot entered for another household (paper, assisted, proxy): its unit; null for the member's own. */
  unitId?: number | null;
  channel?: BallotChannel;
}

export type BallotChannel = 'online' | 'paper' | 'assisted' | 'proxy';

/** Stands in an audit entry's text for the ballot's hash, which only the insert knows. */
export const BALLOT_HASH_MARK = '$BALLOT_HASH';

export type CastOutcome = { ballotId: number; previous: number; ballotHash: string } | null;

interface Pending {
  b: CastBallot & { key: string };
  resolve(v: CastOutcome): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 250;

/** The one statement that writes a batch of ballots, their projection and their audit entries. */
export function ballotBatchSql(communityId: number, input: string): SQL {
  return sql`with recursive v as (
    select * from jsonb_to_recordset(${input}::jsonb)
      as v(idx int, poll_id int, platform text, user_id text, option_no int, at timestamptz, source_key text, entry text, action text, audit_at timestamptz, unit_id int, channel text)
  ),
  p as (
    select poll_id, rule, final, closes_at, opens_at, scope from polls
    where community_id = ${communityId} and status = 'open' and poll_id in (select poll_id from v)
    for share
  ),
  m as (
    select v.idx, v.poll_id, v.option_no, v.at, v.source_key, v.channel, mm.member_id, u.unit_id, u.label, mm.relation, u.area_centi, nullif(u.owner_id, '') as owner_id
    from v join members mm on mm.community_id = ${communityId} and mm.platform = v.platform and mm.user_id = v.user_id
    join units u on u.unit_id = coalesce(v.unit_id, mm.unit_id) and u.community_id = ${communityId}
  ),
  hh as (
    select m.idx, m.poll_id, m.member_id, m.unit_id, m.option_no, m.at, m.source_key, m.channel, p.final,
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
  h as (select * from hh where n_units > 0),
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
    select row_number() over (order by ins.ballot_id) as rn, replace(v.entry, ${BALLOT_HASH_MARK}, ins.ballot_hash) as entry, v.action, v.audit_at
    from ins join v on v.source_key = ins.source_key
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
  )
  select ins.ballot_id, ins.source_key, ins.ballot_hash,
    (select count(*)::int from ballots x where x.poll_id = ins.poll_id and x.holder_key = ins.holder_key) as previous
  from ins order by ins.ballot_id`;
}

/**
 * A ballot row's SHA-256 (hex) over everything that decides how it counts; the receipt code and the
 * audit entry come from it, and `audit verify` recomputes it. `alias` names the ballots row.
 */
export function ballotHashSql(alias: string): SQL {
  const b = sql.raw(alias);
  return sql`encode(sha256(convert_to(concat_ws('|', ${b}.nonce, ${b}.poll_id, ${b}.holder_key, ${b}.unit_id, ${b}.member_id,
    ${b}.option_no, ${b}.channel, ${b}.source_key, ${b}.holder_area_centi, ${b}.holder_units), 'UTF8')), 'hex')`;
}

/**
 * Writes ballots in per-community batches: while one batch commits, the next votes queue up and go
 * in the following transaction. Each vote resolves only after its batch committed. Within a batch,
 * eligibility, the open poll (locked against a concurrent close), the holder and its area are
 * checked in SQL; the ballots, the latest-vote projection and their audit-chain entries are written
 * in one statement under the community's chain head lock.
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
    // One statement, so one round trip and one commit per batch. The audit chain is extended in SQL
    // (the same formula as `chainHash`) under the community's chain head row lock.
    const inserted = await rows<{ ballot_id: string | number; source_key: string; previous: number; ballot_hash: string }>(db, ballotBatchSql(communityId, input));
    const out = new Map<string, CastOutcome>();
    for (const r of inserted) out.set(r.source_key, { ballotId: Number(r.ballot_id), previous: r.previous, ballotHash: r.ballot_hash });
    return out;
  }

  async function run(communityId: number): Promise<void> {
    const q = queues.get(communityId)!;
    q.running = true;
    try {
      // Let the votes that arrive in the same turn of the event loop join the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (q.items.length) {
        const batch = q.items.splice(0, MAX_BATCH);
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
