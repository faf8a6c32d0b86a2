import { sql } from 'drizzle-orm';
import type { Poll } from './polls.js';
import { rows, type Db } from '../db/client.js';
import { ballotHashSql } from '../db/ballot-hash.js';
import { holderKeySql, pollTerms, unitInScopeSql } from '../db/holder-sql.js';
import { receiptCode } from '../domain/receipt.js';
import { isOwnerRule } from '../domain/tally.js';

/** One entrance of a building (the unit label's first two parts): its units in the poll's scope and those whose holder voted. */
export interface TurnoutRow {
  building: string;
  entrance: string;
  units: number;
  voted: number;
  areaCenti: number;
  votedAreaCenti: number;
}

/**
 * Turnout of a poll by building and entrance (SPEC §13): per entrance, the roster's units in scope
 * and how many of them are covered by a counted ballot (a ballot of an owner of several units
 * covers each), with their areas. Where the committee should go knocking.
 */
export async function turnoutByEntrance(db: Db, poll: Poll): Promise<TurnoutRow[]> {
  const owner = isOwnerRule(poll.rule);
  const r = await rows<{ building: string; entrance: string; units: number; voted: number; area: string | number; voted_area: string | number }>(
    db,
    sql`select split_part(u.label, '-', 1) as building, split_part(u.label, '-', 2) as entrance,
          count(*)::int as units, count(v.holder_key)::int as voted,
          coalesce(sum(u.area_centi), 0)::bigint as area,
          coalesce(sum(u.area_centi) filter (where v.holder_key is not null), 0)::bigint as voted_area
        from units u left join poll_votes v on v.poll_id = ${poll.pollId} and v.holder_key = ${holderKeySql(owner, 'u')}
        where u.community_id = ${poll.communityId} and ${unitInScopeSql(pollTerms(poll), 'u')}
        group by 1, 2
        order by length(split_part(u.label, '-', 1)), 1, length(split_part(u.label, '-', 2)), 2`,
  );
  return r.map((x) => ({ building: x.building, entrance: x.entrance, units: x.units, voted: x.voted, areaCenti: Number(x.area), votedAreaCenti: Number(x.voted_area) }));
}

/** A ballot entered for a household (paper, assisted or by a proxy), with who entered it. */
export interface EnteredBallot {
  ballotId: number;
  /** Its receipt code, which names it in a confirmation. */
  receipt: string;
  /** The member who entered it. */
  enteredById: number;
  unit: string;
  channel: 'paper' | 'assisted' | 'proxy';
  optionNo: number;
  castAt: Date;
  enteredBy: string;
  /** The ballot is its holder's latest, the one the tally counts. */
  counted: boolean;
}

/** The ballots of a poll that were entered for households, latest first (at most `limit`). */
export async function enteredBallots(db: Db, poll: Poll, limit = 500): Promise<EnteredBallot[]> {
  const r = await rows<{ ballot_id: number | string; hash: string; member_id: number; unit: string; channel: EnteredBallot['channel']; option_no: number; cast_at: string | Date; by: string | null; counted: boolean }>(
    db,
    sql`select b.ballot_id, ${ballotHashSql('b')} as hash, b.member_id, u.label as unit, b.channel, b.option_no, b.cast_at, coalesce(nullif(m.display_name, ''), m.platform || ':' || m.user_id) as by,
          exists (select 1 from poll_votes v where v.poll_id = b.poll_id and v.ballot_id = b.ballot_id) as counted
        from ballots b join units u on u.unit_id = b.unit_id left join members m on m.member_id = b.member_id
        where b.poll_id = ${poll.pollId} and b.channel <> 'online'
        order by b.ballot_id desc limit ${limit}`,
  );
  return r.map((x) => ({ ballotId: Number(x.ballot_id), receipt: receiptCode(x.hash), enteredById: x.member_id, unit: x.unit, channel: x.channel, optionNo: x.option_no, castAt: new Date(x.cast_at), enteredBy: x.by ?? '', counted: x.counted }));
}

/** The community's members bound to a unit, who may be named as a proxy. */
export async function boundMembers(db: Db, communityId: number, limit = 3000): Promise<{ memberId: number; platform: string; userId: string; name: string; unit: string }[]> {
  return rows(
    db,
    sql`select m.member_id as "memberId", m.platform, m.user_id as "userId", m.display_name as name, u.label as unit
        from members m join units u on u.unit_id = m.unit_id
        where m.community_id = ${communityId}
        order by u.label, m.display_name, m.member_id limit ${limit}`,
  );
}
