import { sql } from 'drizzle-orm';
import { ballotHashSql } from '../db/ballot-hash.js';
import { rows, type Db } from '../db/client.js';
import { normalizeReceipt } from '../domain/receipt.js';

export type ReceiptCheck = { kind: 'bad' } | { kind: 'unknown' | 'counted' | 'replaced'; code: string };

/**
 * What a receipt code says about a poll's ballots (SPEC §6, §13): counted, replaced by a later
 * ballot of the same holder, or no ballot of this poll. Tells nothing else (not the option, not the unit).
 */
export async function checkReceipt(db: Db, pollId: number, typed: string): Promise<ReceiptCheck> {
  const code = normalizeReceipt(typed);
  if (!code) return { kind: 'bad' };
  const prefix = code.replace(/-/g, '').toLowerCase();
  const r = await rows<{ counted: boolean }>(
    db,
    sql`select exists (select 1 from poll_votes v where v.poll_id = h.poll_id and v.ballot_id = h.ballot_id) as counted
      from (select b.poll_id, b.ballot_id, ${ballotHashSql('b')} as hash from ballots b where b.poll_id = ${pollId}) h
      where left(h.hash, 12) = ${prefix}
      order by counted desc limit 1`,
  );
  if (!r[0]) return { kind: 'unknown', code };
  return { kind: r[0].counted ? 'counted' : 'replaced', code };
}
