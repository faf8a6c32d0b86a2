/**
 * Who holds a ballot and who may cast it (SPEC §6; 《民法典》第二百七十八条: owners' decisions count
 * owners and their exclusive area). The one definition: the tally uses these functions, and the SQL
 * of the ballot writer, the roster totals and the paper entry is built from the same constants
 * (`src/db/holder-sql.ts`).
 */

/** The rules that count owners (by owner id, with their area) rather than households. */
export const OWNER_RULES = ['owners-general', 'owners-major'] as const;

export type HolderRule = (typeof OWNER_RULES)[number] | 'residents' | 'simple';

/** Prefixes of a holder key: an owner (by owner id) or a household (by unit id). */
export const HOLDER_PREFIX = { owner: 'o:', unit: 'u:' } as const;

/** Whether the rule counts owners (by owner id) with their area. */
export function isOwnerRule(rule: HolderRule | string): boolean {
  return (OWNER_RULES as readonly string[]).includes(rule);
}

/** An owner id that names an owner: not null and not empty. */
export const namesOwner = (ownerId: string | null | undefined): ownerId is string => ownerId != null && ownerId !== '';

/**
 * The ballot holder key of a unit under a rule: owner rules → `o:<ownerId>` (all units of one owner
 * are one ballot), or `u:<unitId>` when the unit has no owner id; residents/simple → `u:<unitId>`.
 */
export function holderKey(rule: HolderRule | string, unit: { unitId: number; ownerId: string | null }): string {
  if (isOwnerRule(rule) && namesOwner(unit.ownerId)) return `${HOLDER_PREFIX.owner}${unit.ownerId}`;
  return `${HOLDER_PREFIX.unit}${unit.unitId}`;
}

/** How a ballot came in: the member's own (online) or entered for a household by the committee. */
export type CastChannel = 'online' | 'paper' | 'assisted' | 'proxy';

/**
 * Whether a member of the household may cast its ballot: under owner rules only an owner may vote
 * online (a tenant may not); a ballot the committee enters (paper, assisted, proxy) was signed by
 * the holder or the holder's proxy, whoever types it in. Other rules: any bound member.
 */
export function mayCast(rule: HolderRule | string, relation: string | null, channel: CastChannel = 'online'): boolean {
  return !isOwnerRule(rule) || relation === 'owner' || channel !== 'online';
}
