import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { groups, members, units } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Platform } from './communities.js';
import type { Role } from './members.js';

/**
 * Storage for finding chats and people again when a platform changes its ids (WeChat's web
 * protocol does at every login): groups by title, members by stable key or display name.
 */

export interface StoredGroup {
  groupId: number;
  communityId: number;
  chatId: string;
  title: string;
  active: boolean;
  lostAt: Date | null;
}

/** The groups of a platform that are linked or were lost (deliberately deactivated ones are left out). */
export async function linkedOrLostGroups(db: Db, platform: Platform): Promise<StoredGroup[]> {
  return db
    .select({
      groupId: groups.groupId,
      communityId: groups.communityId,
      chatId: groups.chatId,
      title: groups.title,
      active: groups.active,
      lostAt: groups.lostAt,
    })
    .from(groups)
    .where(and(eq(groups.platform, platform), or(eq(groups.active, true), isNotNull(groups.lostAt))));
}

/** Points a group at the chat's new id (found again by title); false when that id is linked already. */
export async function relinkGroup(
  db: Db,
  clock: Clock,
  input: { groupId: number; platform: Platform; chatId: string; title: string; via: 'title' | 'same-id' },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const taken = await tx
      .select({ groupId: groups.groupId })
      .from(groups)
      .where(and(eq(groups.platform, input.platform), eq(groups.chatId, input.chatId)))
      .limit(1);
    if (taken[0] && taken[0].groupId !== input.groupId) return false;
    const r = await tx
      .update(groups)
      .set({ chatId: input.chatId, title: input.title, active: true, lostAt: null })
      .where(eq(groups.groupId, input.groupId))
      .returning({ communityId: groups.communityId });
    if (!r[0]) return false;
    await appendAudit(tx, r[0].communityId, {
      at: clock.now().toISOString(),
      action: 'group.relinked',
      actor: 'system',
      data: { groupId: input.groupId, platform: input.platform, chatId: input.chatId, via: input.via },
    });
    return true;
  });
}

/** Marks a group as lost (its chat could not be found again); true on the change from linked to lost. */
export async function markGroupLost(db: Db, clock: Clock, groupId: number, reason: 'not-found' | 'ambiguous'): Promise<boolean> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const r = await tx
      .update(groups)
      .set({ active: false, lostAt: now })
      .where(and(eq(groups.groupId, groupId), eq(groups.active, true)))
      .returning({ communityId: groups.communityId });
    if (!r[0]) return false;
    await appendAudit(tx, r[0].communityId, { at: now.toISOString(), action: 'group.lost', actor: 'system', data: { groupId, reason } });
    return true;
  });
}

/** Keeps the stored title of a linked chat in step with the platform (the title finds it again later). */
export async function renameGroup(db: Db, platform: Platform, chatId: string, title: string): Promise<void> {
  await db.update(groups).set({ title }).where(and(eq(groups.platform, platform), eq(groups.chatId, chatId)));
}

export interface StoredIdentity {
  memberId: number;
  communityId: number;
  userId: string;
  displayName: string;
  stableKey: string | null;
  unitLabel: string | null;
  role: Role;
}

const identityCols = {
  memberId: members.memberId,
  communityId: members.communityId,
  userId: members.userId,
  displayName: members.displayName,
  stableKey: members.stableKey,
  unitLabel: units.label,
  role: members.role,
};

/** Member rows of one platform identity, in every community. */
export async function identitiesOfUser(db: Db, platform: Platform, userId: string): Promise<StoredIdentity[]> {
  return db
    .select(identityCols)
    .from(members)
    .leftJoin(units, eq(units.unitId, members.unitId))
    .where(and(eq(members.platform, platform), eq(members.userId, userId)));
}

/** Member rows carrying a stable key (e.g. `alias:议事-12`). */
export async function identitiesByKey(db: Db, platform: Platform, stableKey: string): Promise<StoredIdentity[]> {
  return db
    .select(identityCols)
    .from(members)
    .leftJoin(units, eq(units.unitId, members.unitId))
    .where(and(eq(members.platform, platform), eq(members.stableKey, stableKey)));
}

/** The rows worth finding again in a community: bound to a unit or holding a role. */
export async function identitiesOfCommunity(db: Db, communityId: number, platform: Platform): Promise<StoredIdentity[]> {
  const r = await db
    .select(identityCols)
    .from(members)
    .leftJoin(units, eq(units.unitId, members.unitId))
    .where(and(eq(members.communityId, communityId), eq(members.platform, platform)));
  return r.filter((m) => m.unitLabel != null || m.role !== 'resident');
}

/** Records the stable key of every member row of an identity. */
export async function setStableKey(db: Db, platform: Platform, userId: string, stableKey: string): Promise<void> {
  await db.update(members).set({ stableKey }).where(and(eq(members.platform, platform), eq(members.userId, userId)));
}

/**
 * Re-points member rows at the identity's new id. A row whose community already has a row for the new
 * id is left alone (a conflict), unless that row is empty (no unit, no role), which is then replaced.
 */
export async function repointIdentities(
  db: Db,
  clock: Clock,
  input: { memberIds: number[]; platform: Platform; userId: string; displayName: string; via: 'alias' | 'confirmed-name' },
): Promise<{ moved: StoredIdentity[]; conflicts: number[] }> {
  if (!input.memberIds.length) return { moved: [], conflicts: [] };
  return db.transaction(async (tx) => {
    const rowsToMove = await tx
      .select({ memberId: members.memberId, communityId: members.communityId, userId: members.userId })
      .from(members)
      .where(inArray(members.memberId, input.memberIds));
    const moved: number[] = [];
    const conflicts: number[] = [];
    for (const row of rowsToMove) {
      if (row.userId === input.userId) continue;
      const clash = await tx
        .select({ memberId: members.memberId, unitId: members.unitId, role: members.role })
        .from(members)
        .where(and(eq(members.communityId, row.communityId), eq(members.platform, input.platform), eq(members.userId, input.userId)))
        .limit(1);
      if (clash[0]) {
        if (clash[0].unitId != null || clash[0].role !== 'resident') {
          conflicts.push(row.memberId);
          continue;
        }
        await tx.delete(members).where(eq(members.memberId, clash[0].memberId));
      }
      await tx.update(members).set({ userId: input.userId, displayName: input.displayName }).where(eq(members.memberId, row.memberId));
      await appendAudit(tx, row.communityId, {
        at: clock.now().toISOString(),
        action: 'member.relinked',
        actor: 'system',
        data: { memberId: row.memberId, from: `${input.platform}:${row.userId}`, to: `${input.platform}:${input.userId}`, via: input.via },
      });
      moved.push(row.memberId);
    }
    const after = moved.length
      ? await tx.select(identityCols).from(members).leftJoin(units, eq(units.unitId, members.unitId)).where(inArray(members.memberId, moved))
      : [];
    return { moved: after, conflicts };
  });
}

/** The chairs of a community on one platform. */
export async function chairsOf(db: Db, communityId: number, platform: Platform): Promise<{ userId: string }[]> {
  return db
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.communityId, communityId), eq(members.platform, platform), eq(members.role, 'chair')));
}
