/**
 * The one definition, in SQL, of whose ballot a poll counts: the holder key, the owner-units scope,
 * "this household has not voted" and who is eligible to vote. The tally's totals and not-voted
 * list, the reminders, the diagnosis of a refused ballot and the paper entry all build their
 * queries from these, mirroring the domain (`src/domain/holder.ts`, `src/domain/scope.ts`).
 */
import { SQL, sql } from 'drizzle-orm';
import { HOLDER_PREFIX, isOwnerRule, OWNER_RULES } from '../domain/holder.js';

/** The owner rules as an SQL list, from the domain's one definition. */
export const OWNER_RULES_SQL: SQL = sql.raw(`(${OWNER_RULES.map((r) => `'${r}'`).join(', ')})`);
const OWNER = sql.raw(`'${HOLDER_PREFIX.owner}'`);
const UNIT = sql.raw(`'${HOLDER_PREFIX.unit}'`);

/** `rule` (an SQL expression) is an owner rule: SQL of the domain's `isOwnerRule`. */
export const isOwnerRuleSql = (rule: SQL): SQL => sql`(${rule} in ${OWNER_RULES_SQL})`;

/**
 * The holder key of the units row `alias` (`unit_id`, `owner_id`): SQL of the domain's `holderKey`.
 * `ownerRule` is a known boolean or an SQL expression that is true under owner rules.
 */
export function holderKeySql(ownerRule: boolean | SQL, alias = 'units'): SQL {
  const u = sql.raw(alias);
  const byOwner = sql`case when coalesce(${u}.owner_id, '') <> '' then ${OWNER} || ${u}.owner_id else ${UNIT} || ${u}.unit_id end`;
  const byUnit = sql`${UNIT} || ${u}.unit_id`;
  if (typeof ownerRule === 'boolean') return ownerRule ? byOwner : byUnit;
  return sql`case when ${ownerRule} then ${byOwner} else ${byUnit} end`;
}

/** SQL of the domain's `mayCast`: the member's relation and the ballot's channel under the rule. */
export function mayCastSql(ownerRule: boolean | SQL, relation: SQL, channel: SQL = sql`'online'`): SQL {
  const rule = typeof ownerRule === 'boolean' ? sql.raw(String(ownerRule)) : ownerRule;
  return sql`(not ${rule} or ${relation} = 'owner' or ${channel} <> 'online')`;
}

/**
 * A poll as the predicates below read it: the values of one poll (`pollTerms`) or the columns of a
 * `polls` row in the query (`pollRowTerms`).
 */
export interface PollTerms {
  pollId: number | SQL;
  ownerRule: boolean | SQL;
  /** Null: the whole community. */
  scope: string | null | SQL;
}

/** The terms of one poll. */
export const pollTerms = (poll: { pollId: number; rule: string; scope: string | null }): PollTerms => ({
  pollId: poll.pollId,
  ownerRule: isOwnerRule(poll.rule),
  scope: poll.scope,
});

/** The terms of the `polls` row `alias` of the query. */
export const pollRowTerms = (alias = 'p'): PollTerms => {
  const p = sql.raw(alias);
  return { pollId: sql`${p}.poll_id`, ownerRule: isOwnerRuleSql(sql`${p}.rule`), scope: sql`${p}.scope` };
};

const scopeOf = (p: Pick<PollTerms, 'scope'>): SQL => (p.scope instanceof SQL ? p.scope : sql`${p.scope}::text`);

/** The unit `alias` lies in the poll's scope (every unit when it has none): SQL of the domain's `inScope`. */
export function unitInScopeSql(p: Pick<PollTerms, 'scope'>, alias = 'units'): SQL {
  return sql`yishi_in_scope(${sql.raw(alias)}.label, ${scopeOf(p)})`;
}

/**
 * The holder of unit `alias` counts in the poll's scope (the owner-units scope): under owner rules
 * an owner counts when any of the owner's units lies in it (and with those units only, as the
 * ballot writer weighs them); otherwise the unit itself must lie in it.
 */
export function holderInScopeSql(p: Pick<PollTerms, 'ownerRule' | 'scope'>, alias = 'units'): SQL {
  const u = sql.raw(alias);
  const own = unitInScopeSql(p, alias);
  if (p.ownerRule === false) return own;
  const owners = sql`(coalesce(${u}.owner_id, '') <> '' and exists (select 1 from units x where x.community_id = ${u}.community_id
    and x.owner_id = ${u}.owner_id and ${unitInScopeSql(p, 'x')}))`;
  if (p.ownerRule === true) return sql`(${own} or ${owners})`;
  return sql`(${own} or (${p.ownerRule} and ${owners}))`;
}

/** The holder of unit `alias` (its household, or its owner under owner rules) has no counted ballot in the poll. */
export function notVotedSql(p: PollTerms, alias = 'units'): SQL {
  return sql`not exists (select 1 from poll_votes nv where nv.poll_id = ${p.pollId} and nv.holder_key = ${holderKeySql(p.ownerRule, alias)})`;
}

/**
 * Who is eligible to vote on the poll: a member (of relation `relation`) bound to unit `alias` may
 * cast its holder's ballot by `channel` (`mayCast`), and that holder counts in the poll's scope.
 */
export function eligibleSql(p: PollTerms, alias: string, relation: SQL, channel?: SQL): SQL {
  return sql`(${mayCastSql(p.ownerRule, relation, channel)} and ${holderInScopeSql(p, alias)})`;
}
