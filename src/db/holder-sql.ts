import { sql, type SQL } from 'drizzle-orm';
import { HOLDER_PREFIX, OWNER_RULES } from '../domain/holder.js';

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
