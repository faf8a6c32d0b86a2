import { sql } from 'drizzle-orm';
import type { CastBallot } from './ballot-writer.js';
import { isOwnerRule, mayCast } from '../domain/holder.js';
import { holderInScopeSql, holderKeySql, notVotedSql, unitInScopeSql, type PollTerms } from './holder-sql.js';
import { rows, type Db } from './client.js';

/**
 * The roster totals E of a rule (heads and area), SPEC §6, limited to a building or entrance when
 * `scope` is given (`yishi_in_scope`, mirroring the domain's `inScope`). Mirrors `holderKey` of the domain tally.
 */
export async function eligibleTotals(
  db: Pick<Db, 'execute'>,
  communityId: number,
  ownerRule: boolean,
  scope: string | null = null,
): Promise<{ heads: number; areaCenti: number }> {
  const key = holderKeySql(ownerRule);
  const r = await rows<{ heads: number; area: string | number | null }>(
    db,
    sql`select count(distinct ${key})::int as heads, coalesce(sum(area_centi), 0)::bigint as area from units
        where community_id = ${communityId} and ${unitInScopeSql({ scope })}`,
  );
  return { heads: r[0]?.heads ?? 0, areaCenti: Number(r[0]?.area ?? 0) };
}

export type BallotRefusal =
  | 'duplicate'
  | 'not-member'
  | 'not-bound'
  | 'owners-only'
  | 'poll-closed'
  | 'final-cast'
  | 'not-open-yet'
  | 'out-of-scope'
  | 'no-poll';

/** Why the ballot writer inserted nothing. */
export async function diagnoseBallot(db: Pick<Db, 'execute'>, b: Omit<CastBallot, 'audit'>): Promise<BallotRefusal> {
  if (b.sourceKey) {
    const dup = await rows(db, sql`select 1 from ballots where community_id = ${b.communityId} and source_key = ${b.sourceKey}`);
    if (dup.length) return 'duplicate';
  }
  const at = b.at.toISOString();
  const p = await rows<{ open: boolean; started: boolean; rule: string; final: boolean; scope: string | null }>(
    db,
    sql`select status = 'open' and closes_at > ${at}::timestamptz as open, coalesce(opens_at <= ${at}::timestamptz, true) as started,
        rule, final, scope from polls where poll_id = ${b.pollId}`,
  );
  if (!p[0]) return 'no-poll';
  if (!p[0].open) return 'poll-closed';
  const terms: PollTerms = { pollId: b.pollId, ownerRule: isOwnerRule(p[0].rule), scope: p[0].scope };
  const m = await rows<{ unit_id: number | null; relation: string | null; in_scope: boolean | null }>(
    db,
    sql`select u.unit_id, m.relation, ${holderInScopeSql(terms, 'u')} as in_scope
        from members m left join units u on u.unit_id = coalesce(${b.unitId ?? null}::int, m.unit_id)
        where m.community_id = ${b.communityId} and m.platform = ${b.platform} and m.user_id = ${b.userId}`,
  );
  if (!m[0]) return 'not-member';
  if (m[0].unit_id == null) return 'not-bound';
  if (!mayCast(p[0].rule, m[0].relation, b.channel ?? 'online')) return 'owners-only';
  if (!m[0].in_scope) return 'out-of-scope';
  if (!p[0].started) return 'not-open-yet';
  if (p[0].final) return 'final-cast';
  return 'duplicate';
}

export interface OptionCountRow {
  optionNo: number;
  heads: number;
  areaCenti: number;
  households: number;
}

/**
 * The latest ballot of each holder, counted per option (heads, area, households): the sums the
 * triggers of `poll_counts` keep over the projection `poll_votes`, one row per option.
 */
export async function countBallots(db: Pick<Db, 'execute'>, pollId: number): Promise<OptionCountRow[]> {
  const r = await rows<{ option_no: number; heads: number; area: string | number; households: string | number }>(
    db,
    sql`select option_no, heads, area_centi as area, units as households from poll_counts where poll_id = ${pollId} and heads > 0`,
  );
  return r.map((x) => ({ optionNo: x.option_no, heads: x.heads, areaCenti: Number(x.area), households: Number(x.households) }));
}

/** How many counted ballots (one per holder, the latest) came in by each channel. */
export async function channelCounts(db: Pick<Db, 'execute'>, pollId: number): Promise<Record<string, number>> {
  const r = await rows<{ channel: string; n: number }>(
    db,
    sql`select b.channel, count(*)::int as n from poll_votes v join ballots b on b.ballot_id = v.ballot_id
        where v.poll_id = ${pollId} group by b.channel`,
  );
  return Object.fromEntries(r.map((x) => [x.channel, x.n]));
}

/** The poll's units (in its scope) whose holder has not voted yet, by label (for the committee, in private), and how many there are. */
export async function unvotedUnits(
  db: Pick<Db, 'execute'>,
  communityId: number,
  poll: PollTerms,
  limit = 200,
): Promise<{ labels: string[]; total: number }> {
  const r = await rows<{ label: string; total: number }>(
    db,
    sql`select u.label, count(*) over ()::int as total from units u
        where u.community_id = ${communityId} and ${unitInScopeSql(poll, 'u')} and ${notVotedSql(poll, 'u')}
        order by u.label limit ${limit}`,
  );
  return { labels: r.map((x) => x.label), total: r[0]?.total ?? 0 };
}
