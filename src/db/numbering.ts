import { sql } from 'drizzle-orm';
import { rows, type Db } from './client.js';

const NUMBERED = {
  topics: 'topic_no',
  meetings: 'meeting_no',
} as const;

/**
 * The next per-community number (`#1`, `#2`, …) of topics or meetings, inside the caller's
 * transaction. It first locks the community row (FOR NO KEY UPDATE, which leaves foreign-key checks
 * on it free), so concurrent inserts into one community take their numbers one after the other.
 */
export async function nextNumber(tx: Pick<Db, 'execute'>, table: keyof typeof NUMBERED, communityId: number): Promise<number> {
  await tx.execute(sql`select 1 from communities where community_id = ${communityId} for no key update`);
  const r = await rows<{ n: number }>(
    tx,
    sql`select coalesce(max(${sql.raw(NUMBERED[table])}), 0)::int + 1 as n from ${sql.raw(table)} where community_id = ${communityId}`,
  );
  return r[0]!.n;
}
