import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import { rows, type Db } from '../db/client.js';
import { members, units } from '../db/schema.js';
import type { Clock } from './clock.js';
import { communityCols, type Community, type Platform } from './communities.js';
import type { Role } from '../domain/roles.js';

export { parseRole, ROLES, type Role } from '../domain/roles.js';

export interface Member {
  memberId: number;
  communityId: number;
  platform: Platform;
  userId: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitLabel: string | null;
  relation: 'owner' | 'tenant' | null;
  locale: string | null;
  /** Personal poll reminders are on (`提醒 开`). */
  remind: boolean;
}

const memberCols = {
  memberId: members.memberId,
  communityId: members.communityId,
  platform: members.platform,
  userId: members.userId,
  displayName: members.displayName,
  role: members.role,
  unitId: members.unitId,
  unitLabel: units.label,
  relation: members.relation,
  locale: members.locale,
  remind: members.remind,
};

/** The member record of an identity in a community (bound or only holding a role), if any. */
export async function findMember(db: Db, communityId: number, platform: Platform, userId: string): Promise<Member | null> {
  return (await findMembers(db, communityId, platform, [userId])).get(userId) ?? null;
}

/** A member by its id, or by a query that names one (a session's), read in the same statement. */
export async function findMemberById(db: Db, memberId: number | SQL): Promise<Member | null> {
  const r = await db.select(memberCols).from(members).leftJoin(units, eq(units.unitId, members.unitId)).where(eq(members.memberId, memberId)).limit(1);
  return (r[0] as Member | undefined) ?? null;
}

/**
 * The member record of a household signed in on the pages with its unit and code (no chat account):
 * one per unit and kind of code (`platform`, `userId` given by the pages), made once and audited like
 * a binding, so that the household's ballot is the same whoever of it signs in.
 */
export async function householdMember(
  db: Db,
  at: Date,
  input: { communityId: number; unitId: number; label: string; kind: 'owner' | 'tenant'; platform: Platform; userId: string },
): Promise<{ memberId: number; communityId: number }> {
  const { communityId, platform, userId } = input;
  return db.transaction(async (tx) => {
    const where = and(eq(members.communityId, communityId), eq(members.platform, platform), eq(members.userId, userId));
    const found = await tx.select({ memberId: members.memberId }).from(members).where(where).limit(1);
    if (found[0]) return { memberId: found[0].memberId, communityId };
    const made = await tx
      .insert(members)
      .values({ communityId, platform, userId, displayName: input.label, unitId: input.unitId, relation: input.kind, boundAt: at })
      .onConflictDoNothing()
      .returning({ memberId: members.memberId });
    if (made[0]) {
      await appendAudit(tx, communityId, { at: at.toISOString(), action: 'member.bound', actor: `${platform}:${userId}`, data: { unit: input.label, relation: input.kind, via: platform } });
      return { memberId: made[0].memberId, communityId };
    }
    const again = await tx.select({ memberId: members.memberId }).from(members).where(where).limit(1);
    return { memberId: again[0]!.memberId, communityId };
  });
}

/** The membership a private chat acts for (the most recently bound) and its community, in one query. */
export async function latestMembership(db: Db, platform: Platform, userId: string): Promise<{ member: Member; community: Community } | null> {
  return (await latestMemberships(db, platform, [userId])).get(userId) ?? null;
}

/**
 * Identities of a list are found each by its own keyed probe (`lateral … limit 1`, which the planner
 * cannot turn into a join): as `user_id in (select …)` they were a semi-join that the planner, without
 * column statistics (a roster just imported, or the embedded database, which never analyses), ran by
 * reading every member of the platform, and then every unit. Each probe is named after its table, so
 * that `memberCols` and `communityCols` name its columns.
 */
const memberFields = sql.join(Object.entries(memberCols).map(([field, c]) => sql`${c} as ${sql.identifier(field)}`), sql`, `);
/** `communityCols` as one JSON object of `Community`'s fields. */
const communityObject = sql`json_build_object(${sql.join(Object.entries(communityCols).map(([field, c]) => sql`${sql.raw(`'${field}'`)}, ${c}`), sql`, `)})`;
const idRows = (userIds: string[]) => sql`jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb) as k(uid)`;
const unitOf = sql`left join lateral (select * from units where units.unit_id = members.unit_id limit 1) as units on true`;

/** The statement of `latestMemberships`: one row per identity found, the member's fields and its `community`. */
export function latestMembershipsSql(platform: Platform, userIds: string[]): SQL {
  return sql`select ${memberFields}, ${communityObject} as community
    from ${idRows(userIds)}
    cross join lateral (select * from members where members.platform = ${platform} and members.user_id = k.uid
      order by coalesce(members.bound_at, 'epoch'::timestamptz) desc, members.member_id desc limit 1) as members
    ${unitOf}
    cross join lateral (select * from communities where communities.community_id = members.community_id limit 1) as communities`;
}

/** The memberships private chats of many identities of one platform act for, in one query (by user id). */
export async function latestMemberships(db: Db, platform: Platform, userIds: string[]): Promise<Map<string, { member: Member; community: Community }>> {
  const r = await rows<Member & { community: Community }>(db, latestMembershipsSql(platform, userIds));
  return new Map(r.map(({ community, ...member }) => [member.userId, { member, community }]));
}

/** The statement of `findMembers`: one row per identity found, the member's fields. */
export function findMembersSql(communityId: number, platform: Platform, userIds: string[]): SQL {
  return sql`select ${memberFields} from ${idRows(userIds)}
    cross join lateral (select * from members where members.community_id = ${communityId} and members.platform = ${platform}
      and members.user_id = k.uid limit 1) as members
    ${unitOf}`;
}

/** The member records of many identities in one community, in one query (by user id). */
export async function findMembers(db: Db, communityId: number, platform: Platform, userIds: string[]): Promise<Map<string, Member>> {
  const r = await rows<Member>(db, findMembersSql(communityId, platform, userIds));
  return new Map(r.map((m) => [m.userId, m]));
}

export type SetRoleResult = { ok: true; member: Member; previous: Role | null } | { ok: false; code: 'last-chair' };

/**
 * Sets the role of an identity (creating its member record if it has none yet).
 * The last chair of a community cannot be demoted; a new chair is named first.
 */
export async function setRole(
  db: Db,
  clock: Clock,
  input: { communityId: number; platform: Platform; userId: string; displayName?: string; role: Role; actor: string },
): Promise<SetRoleResult> {
  return db.transaction(async (tx) => {
    const before = await tx
      .select({ role: members.role })
      .from(members)
      .where(and(eq(members.communityId, input.communityId), eq(members.platform, input.platform), eq(members.userId, input.userId)))
      .limit(1);
    const previous = before[0]?.role ?? null;
    if (previous === 'chair' && input.role !== 'chair') {
      const chairs = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(members)
        .where(and(eq(members.communityId, input.communityId), eq(members.role, 'chair')));
      if ((chairs[0]?.n ?? 0) <= 1) return { ok: false as const, code: 'last-chair' as const };
    }
    await tx
      .insert(members)
      .values({
        communityId: input.communityId,
        platform: input.platform,
        userId: input.userId,
        displayName: input.displayName ?? '',
        role: input.role,
      })
      .onConflictDoUpdate({ target: [members.communityId, members.platform, members.userId], set: { role: input.role } });
    await appendAudit(tx, input.communityId, {
      at: clock.now().toISOString(),
      action: 'role.set',
      actor: input.actor,
      data: { member: `${input.platform}:${input.userId}`, role: input.role, previous },
    });
    const r = await tx
      .select(memberCols)
      .from(members)
      .leftJoin(units, eq(units.unitId, members.unitId))
      .where(and(eq(members.communityId, input.communityId), eq(members.platform, input.platform), eq(members.userId, input.userId)))
      .limit(1);
    return { ok: true as const, member: r[0] as Member, previous };
  });
}

/** Members of a community whose display name matches (for `/role @name` on platforms without user mentions). */
export async function membersByName(db: Db, communityId: number, platform: Platform, name: string): Promise<Member[]> {
  const r = await db
    .select(memberCols)
    .from(members)
    .leftJoin(units, eq(units.unitId, members.unitId))
    .where(and(eq(members.communityId, communityId), eq(members.platform, platform), eq(members.displayName, name)));
  return r as Member[];
}

/** Turns a member's personal reminders (`/remind on|off`) on or off, with its audit entry. */
export async function setPersonalReminders(db: Db, clock: Clock, member: Pick<Member, 'memberId' | 'communityId' | 'platform' | 'userId'>, on: boolean): Promise<void> {
  await db.update(members).set({ remind: on }).where(eq(members.memberId, member.memberId));
  await appendAudit(db, member.communityId, {
    at: clock.now().toISOString(),
    action: 'member.remind',
    actor: `${member.platform}:${member.userId}`,
    data: { member: `${member.platform}:${member.userId}`, remind: on },
  });
}

/** The committee members and the chair of a community (to be written to privately, or named), with their language; `byName`: ordered by name. */
export async function committeeMembers(
  db: Db,
  communityId: number,
  opts: { byName?: boolean } = {},
): Promise<{ memberId: number; displayName: string; platform: Platform; userId: string; locale: string | null }[]> {
  const q = db
    .select({ memberId: members.memberId, displayName: members.displayName, platform: members.platform, userId: members.userId, locale: members.locale })
    .from(members)
    .where(and(eq(members.communityId, communityId), inArray(members.role, ['committee', 'chair'])));
  return opts.byName ? q.orderBy(members.displayName, members.memberId) : q;
}
