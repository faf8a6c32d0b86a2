import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { eligibleSql, notVotedSql, pollTerms } from '../db/holder-sql.js';
import { unvotedUnits } from '../db/polls-repo.js';
import type { Platform } from './communities.js';
import type { Poll } from './polls.js';

/**
 * Who may still vote on a poll, read with the one set of predicates (`src/db/holder-sql.ts`) that
 * the tally, the diagnosis of a refused ballot and the paper entry also use.
 */

/** The poll's units (in its scope) whose holder has not voted yet: the first `limit` labels and how many there are. */
export function notVotedUnits(db: Db, poll: Poll, limit = 200): Promise<{ labels: string[]; total: number }> {
  return unvotedUnits(db, poll.communityId, pollTerms(poll), limit);
}

/**
 * The members to remind personally of an open poll: those who want reminders, may vote on it
 * (online, in its scope) and whose household has not voted; none before the poll opens.
 */
export async function membersToRemind(db: Db, poll: Poll, now: Date): Promise<{ platform: Platform; userId: string; locale: string | null }[]> {
  if (poll.opensAt.getTime() > now.getTime()) return [];
  const p = pollTerms(poll);
  return rows<{ platform: Platform; userId: string; locale: string | null }>(
    db,
    sql`select m.platform, m.user_id as "userId", m.locale from members m join units u on u.unit_id = m.unit_id
        where m.community_id = ${poll.communityId} and m.remind and ${eligibleSql(p, 'u', sql`m.relation`)} and ${notVotedSql(p, 'u')}
        order by m.member_id`,
  );
}
