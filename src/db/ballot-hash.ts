import { sql, type SQL } from 'drizzle-orm';

/**
 * A ballot row's SHA-256 (hex) over everything that decides how it counts; the receipt code and the
 * audit entry come from it, and `audit verify` recomputes it. `alias` names the ballots row.
 */
export function ballotHashSql(alias: string): SQL {
  const b = sql.raw(alias);
  return sql`encode(sha256(convert_to(concat_ws('|', ${b}.nonce, ${b}.poll_id, ${b}.holder_key, ${b}.unit_id, ${b}.member_id,
    ${b}.option_no, ${b}.channel, ${b}.source_key, ${b}.holder_area_centi, ${b}.holder_units), 'UTF8')), 'hex')`;
}
