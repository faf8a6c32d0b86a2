import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { verifyBallots, verifyTallies } from './audit-ballots.js';
import { rows, type Db } from './client.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  action: string;
  actor: string | null;
  data: Record<string, unknown>;
}

/** The exact text that is hashed and stored for an entry. */
export function entryText(e: AuditEntry): string {
  return JSON.stringify({ at: e.at, action: e.action, actor: e.actor, data: e.data });
}

/** Entry n's hash: SHA-256 over `prev|n|entry`, hex. Mirrored in SQL by `appendAuditSql`. */
export function chainHash(prevHash: string, seq: number, entry: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${entry}`, 'utf8').digest('hex');
}

/**
 * SQL CTE parts that append one entry to a community's chain in the same statement as the change.
 * `guard` is an SQL condition (e.g. `exists (select 1 from b)`) that must hold for the append.
 */
export function auditCtes(communityId: number, entry: AuditEntry, guard: SQL = sql`true`): SQL {
  const text = entryText(entry);
  return sql`audit_head as (
    update audit_heads set seq = seq + 1, prev_hash = hash,
      hash = encode(sha256(convert_to(hash || '|' || (seq + 1)::text || '|' || ${text}::text, 'UTF8')), 'hex')
    where community_id = ${communityId} and (${guard})
    returning seq, prev_hash, hash
  ),
  audit_row as (
    insert into audit_log (community_id, seq, at, action, entry, prev_hash, hash)
    select ${communityId}, seq, ${entry.at}::timestamptz, ${entry.action}, ${text}, prev_hash, hash from audit_head
    returning seq
  )`;
}

/** Appends one audit entry (inside the caller's transaction when given one). */
export async function appendAudit(db: Pick<Db, 'execute'>, communityId: number, entry: AuditEntry): Promise<void> {
  const r = await rows<{ seq: number }>(db, sql`with ${auditCtes(communityId, entry)} select seq from audit_row`);
  if (r.length !== 1) throw new Error(`audit chain head missing for community ${communityId}`);
}

/** Starts a community's chain. */
export async function initAudit(db: Pick<Db, 'execute'>, communityId: number): Promise<void> {
  await db.execute(
    sql`insert into audit_heads (community_id, seq, hash, prev_hash) values (${communityId}, 0, ${GENESIS_HASH}, ${GENESIS_HASH}) on conflict do nothing`,
  );
}

export type AuditVerify =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBad: { seq: number; action: string; at: string; reason: string } };

/**
 * Verifies a community (SPEC §10): the chain, then that every ballot is in it unchanged and no
 * ballot entry lost its ballot, then that every tally shown follows from the ballots.
 */
export async function verifyAudit(db: Pick<Db, 'execute'>, communityId: number): Promise<AuditVerify> {
  const chain = await verifyChain(db, communityId);
  if (!chain.ok) return chain;
  const bad = (await verifyBallots(db, communityId)) ?? (await verifyTallies(db, communityId));
  return bad ? { ok: false, entries: chain.entries, firstBad: bad } : chain;
}

/** Recomputes the chain of a community from the first entry; reports the first entry that does not match. */
export async function verifyChain(db: Pick<Db, 'execute'>, communityId: number): Promise<AuditVerify> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const batch = await rows<{ seq: number; action: string; at: string; entry: string; prev_hash: string; hash: string }>(
      db,
      sql`select seq, action, at::text as at, entry, prev_hash, hash from audit_log
          where community_id = ${communityId} and seq > ${afterSeq} order by seq limit 5000`,
    );
    if (batch.length === 0) break;
    for (const r of batch) {
      const bad = (reason: string): AuditVerify => ({
        ok: false,
        entries: count,
        firstBad: { seq: r.seq, action: r.action, at: r.at, reason },
      });
      if (r.seq !== expectedSeq) return bad(`expected entry ${expectedSeq}, found ${r.seq}`);
      if (r.prev_hash !== prev) return bad('previous hash does not match the entry before it');
      if (chainHash(prev, r.seq, r.entry) !== r.hash) return bad('hash does not match the entry content');
      prev = r.hash;
      expectedSeq++;
      count++;
      afterSeq = r.seq;
    }
  }
  const head = await rows<{ seq: number; hash: string }>(
    db,
    sql`select seq, hash from audit_heads where community_id = ${communityId}`,
  );
  if (head[0] && (head[0].seq !== count || head[0].hash !== prev)) {
    return {
      ok: false,
      entries: count,
      firstBad: { seq: count + 1, action: '?', at: '', reason: `entries after ${count} are missing (the chain head is at ${head[0].seq})` },
    };
  }
  return { ok: true, entries: count };
}
