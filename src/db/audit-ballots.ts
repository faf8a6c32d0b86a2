import { sql } from 'drizzle-orm';
import { ballotHashSql } from './ballot-hash.js';
import { rows, type Db } from './client.js';

/** The first entry (or ballot, or poll) that does not hold up. */
export interface BadEntry {
  seq: number;
  action: string;
  at: string;
  reason: string;
}

type Exec = Pick<Db, 'execute'>;

/**
 * Checks that every ballot is in the audit chain as it was cast, and every ballot entry still has
 * its ballot (SPEC §10): a ballot's hash (`ballotHashSql`) must equal the hash its entry recorded.
 * Returns the problem with the lowest entry number, or null.
 */
export async function verifyBallots(db: Exec, communityId: number): Promise<BadEntry | null> {
  const entries = await rows<{ seq: number; at: string; source: string | null; hash: string | null; option: number | null }>(
    db,
    sql`select seq, at::text as at, (entry::jsonb -> 'data' ->> 'source') as source, (entry::jsonb -> 'data' ->> 'ballot') as hash,
          (entry::jsonb -> 'data' ->> 'option')::int as option
        from audit_log where community_id = ${communityId} and action = 'ballot.cast' order by seq`,
  );
  const ballots = await rows<{ ballot_id: string | number; source_key: string | null; option_no: number; hash: string }>(
    db,
    sql`select b.ballot_id, b.source_key, b.option_no, ${ballotHashSql('b')} as hash from ballots b where b.community_id = ${communityId}`,
  );
  const bySource = new Map(ballots.map((b) => [b.source_key ?? '', b]));
  const seen = new Set<string>();
  for (const e of entries) {
    const b = e.source === null ? undefined : bySource.get(e.source);
    const bad = (reason: string): BadEntry => ({ seq: e.seq, action: 'ballot.cast', at: e.at, reason });
    if (!b) return bad('its ballot is missing from the ballots table (deleted)');
    seen.add(e.source!);
    if (e.hash !== null ? e.hash !== b.hash : e.option !== null && e.option !== b.option_no) {
      return bad(`ballot ${b.ballot_id} was changed after it was cast (its hash no longer matches this entry)`);
    }
  }
  const stray = ballots.find((b) => !seen.has(b.source_key ?? ''));
  if (stray) return { seq: entries.length ? entries.at(-1)!.seq + 1 : 1, action: 'ballot', at: '', reason: `ballot ${stray.ballot_id} is not in the audit log` };
  return null;
}

/**
 * Checks that every tally the bot shows follows from the ballots: the latest-vote projection
 * (`poll_votes`, which `/results` reads) against the latest ballot of each holder, and each closed
 * poll's frozen result against the same counts. Reports the poll's opening entry.
 */
export async function verifyTallies(db: Exec, communityId: number): Promise<BadEntry | null> {
  const latest = sql`(select distinct on (poll_id, holder_key) poll_id, holder_key, option_no, holder_area_centi, holder_units, ballot_id
      from ballots where community_id = ${communityId} order by poll_id, holder_key, ballot_id desc)`;
  const proj = await rows<{ poll_id: number }>(
    db,
    sql`select coalesce(l.poll_id, v.poll_id) as poll_id from ${latest} l
        full join (select * from poll_votes where community_id = ${communityId}) v on v.poll_id = l.poll_id and v.holder_key = l.holder_key
        where l.poll_id is null or v.poll_id is null or l.option_no <> v.option_no or l.holder_area_centi <> v.area_centi
          or l.holder_units <> v.units or l.ballot_id <> v.ballot_id
        order by 1 limit 1`,
  );
  if (proj[0]) return pollEntry(db, communityId, proj[0].poll_id, 'the tally projection (poll_votes) differs from the ballots');
  const closed = await rows<{ poll_id: number; result: { options?: { optionNo: number; heads: number; areaCenti: number }[] } | string | null }>(
    db,
    sql`select poll_id, result from polls where community_id = ${communityId} and status = 'closed' and result is not null order by poll_no`,
  );
  if (!closed.length) return null;
  const counts = await rows<{ poll_id: number; option_no: number; heads: number; area: string | number }>(
    db,
    sql`select poll_id, option_no, count(*)::int as heads, sum(holder_area_centi)::bigint as area from ${latest} l group by poll_id, option_no`,
  );
  const key = (p: number, o: number) => `${p}:${o}`;
  const byKey = new Map(counts.map((c) => [key(c.poll_id, c.option_no), c]));
  for (const p of closed) {
    const result = typeof p.result === 'string' ? (JSON.parse(p.result) as { options?: { optionNo: number; heads: number; areaCenti: number }[] }) : p.result;
    const options = result?.options ?? [];
    const shown = options.reduce((n, o) => n + o.heads, 0);
    const counted = counts.filter((c) => c.poll_id === p.poll_id).reduce((n, c) => n + c.heads, 0);
    const differs =
      shown !== counted ||
      options.some((o) => {
        const c = byKey.get(key(p.poll_id, o.optionNo));
        return (c?.heads ?? 0) !== o.heads || Number(c?.area ?? 0) !== o.areaCenti;
      });
    if (differs) return pollEntry(db, communityId, p.poll_id, 'the announced result differs from the ballots');
  }
  return null;
}

async function pollEntry(db: Exec, communityId: number, pollId: number, why: string): Promise<BadEntry> {
  const r = await rows<{ seq: number; at: string; poll_no: number }>(
    db,
    sql`select a.seq, a.at::text as at, p.poll_no from polls p
        left join audit_log a on a.community_id = p.community_id and a.action = 'poll.opened' and (a.entry::jsonb -> 'data' ->> 'pollNo')::int = p.poll_no
        where p.poll_id = ${pollId} and p.community_id = ${communityId} order by a.seq limit 1`,
  );
  return { seq: r[0]?.seq ?? 0, action: 'poll.opened', at: r[0]?.at ?? '', reason: `poll #${r[0]?.poll_no ?? '?'}: ${why}` };
}
