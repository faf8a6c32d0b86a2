import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { DEFAULT_DELIBERATION_CRON } from '../domain/schedule.js';
import { rows, type Db } from '../db/client.js';
import { appendAudit, initAudit } from '../db/audit.js';
import { communities, groups, members } from '../db/schema.js';
import type { Clock } from './clock.js';
import { randomCode, sha256Hex, normalizeCode } from './codes.js';
import { LIMITS, refundGuess, reserveGuess, type GuessLimit } from './guess-limits.js';

export type Platform = 'telegram' | 'wechat';

export interface Community {
  communityId: number;
  name: string;
  timezone: string;
  deliberationCron: string;
  locale: string;
  feeAnswers: boolean;
}

/** The columns of a `Community`. */
export const communityCols = {
  communityId: communities.communityId,
  name: communities.name,
  timezone: communities.timezone,
  deliberationCron: communities.deliberationCron,
  locale: communities.locale,
  feeAnswers: communities.feeAnswers,
};

export type CreateCommunityResult =
  | { ok: true; id: number; name: string; setupCode: string }
  | { ok: false; code: 'name-taken' | 'bad-name' };

/** Creates a community with a one-time-shown setup code (only its hash is kept). */
export async function createCommunity(
  db: Db,
  clock: Clock,
  input: { name: string; timezone: string; deliberationCron?: string; /** owners' notice period, default 15 days */ noticeDays?: number },
): Promise<CreateCommunityResult> {
  const name = input.name.normalize('NFKC').trim();
  if (!name || name.length > 100) return { ok: false, code: 'bad-name' };
  const setupCode = randomCode(8);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(communities)
      .values({
        name,
        timezone: input.timezone,
        deliberationCron: input.deliberationCron ?? DEFAULT_DELIBERATION_CRON,
        ...(input.noticeDays !== undefined ? { noticeDays: input.noticeDays } : {}),
        setupCodeHash: sha256Hex(setupCode),
        createdAt: clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: communities.communityId });
    const row = inserted[0];
    if (!row) return { ok: false as const, code: 'name-taken' as const };
    await initAudit(tx, row.id);
    await appendAudit(tx, row.id, {
      at: clock.now().toISOString(),
      action: 'community.created',
      actor: 'operator',
      data: { name, timezone: input.timezone, ...(input.noticeDays !== undefined ? { noticeDays: input.noticeDays } : {}) },
    });
    return { ok: true as const, id: row.id, name, setupCode };
  });
}

/** Finds a community by its name or its id. */
export async function findCommunity(db: Db, nameOrId: string): Promise<Community | null> {
  const byName = await db.select(communityCols).from(communities).where(eq(communities.name, nameOrId.trim())).limit(1);
  if (byName[0]) return byName[0];
  if (/^\d+$/.test(nameOrId.trim())) {
    const byId = await db.select(communityCols).from(communities).where(eq(communities.communityId, Number(nameOrId))).limit(1);
    if (byId[0]) return byId[0];
  }
  return null;
}

export async function getCommunity(db: Db, communityId: number): Promise<Community | null> {
  const r = await db.select(communityCols).from(communities).where(eq(communities.communityId, communityId)).limit(1);
  return r[0] ?? null;
}

export interface GroupLink {
  groupId: number;
  communityId: number;
  platform: Platform;
  chatId: string;
  title: string;
}

const groupCols = { groupId: groups.groupId, communityId: groups.communityId, platform: groups.platform, chatId: groups.chatId, title: groups.title };

/** The community a group chat is linked to, if any. */
export async function findGroup(db: Db, platform: Platform, chatId: string): Promise<GroupLink | null> {
  const r = await db
    .select(groupCols)
    .from(groups)
    .where(and(eq(groups.platform, platform), eq(groups.chatId, chatId), eq(groups.active, true)))
    .limit(1);
  return r[0] ?? null;
}

/** A group chat's link and its community. */
export async function findGroupWithCommunity(db: Db, platform: Platform, chatId: string): Promise<{ group: GroupLink; community: Community } | null> {
  return (await findGroupsWithCommunity(db, [{ platform, chatId }])).get(`${platform}:${chatId}`) ?? null;
}

/** The links and communities of many group chats, in one query (keyed `platform:chatId`). */
export async function findGroupsWithCommunity(db: Db, chats: { platform: Platform; chatId: string }[]): Promise<Map<string, { group: GroupLink; community: Community }>> {
  const input = JSON.stringify(chats.map((c) => ({ p: c.platform, c: c.chatId })));
  const r = await db
    .select({
      group: groupCols,
      community: communityCols,
    })
    .from(groups)
    .innerJoin(communities, eq(communities.communityId, groups.communityId))
    .where(and(eq(groups.active, true), sql`(${groups.platform}, ${groups.chatId}) in (select p, c from jsonb_to_recordset(${input}::jsonb) as x(p text, c text))`));
  return new Map((r as { group: GroupLink; community: Community }[]).map((x) => [`${x.group.platform}:${x.group.chatId}`, x]));
}

/** Every active group of a community, on all platforms. */
export async function groupsOf(db: Db, communityId: number): Promise<GroupLink[]> {
  return db
    .select(groupCols)
    .from(groups)
    .where(and(eq(groups.communityId, communityId), eq(groups.active, true)));
}

export type SetupResult =
  | { ok: true; community: Community; becameChair: boolean; relinked: boolean }
  | { ok: false; code: 'setup-locked'; minutes: number }
  | { ok: false; code: 'bad-setup-code' | 'group-linked-elsewhere' | 'setup-needs-committee' };

/** The limits one `/setup` attempt counts against: the identity, the chat, and the whole service. */
async function setupLimits(db: Db, input: { platform: Platform; chatId: string; sender: { id: string } }): Promise<GuessLimit[]> {
  const live = await db.select({ n: sql<number>`count(*)::int` }).from(communities).where(isNotNull(communities.setupCodeHash));
  return [
    { key: `setup:id:${input.platform}:${input.sender.id}`, ...LIMITS.setupPerIdentity },
    { key: `setup:chat:${input.platform}:${input.chatId}`, ...LIMITS.setupPerChat },
    { key: 'setup:all', ...LIMITS.setupService, weight: Math.max(1, live[0]?.n ?? 0) },
  ];
}

/** Issues a new setup code for the community (the old one stops working); shown once, only its hash is kept. */
export async function reissueSetupCode(db: Db, clock: Clock, communityId: number, actor: string): Promise<string> {
  const setupCode = randomCode(8);
  await db.update(communities).set({ setupCodeHash: sha256Hex(setupCode) }).where(eq(communities.communityId, communityId));
  await appendAudit(db, communityId, { at: clock.now().toISOString(), action: 'setup-code.reissued', actor, data: {} });
  return setupCode;
}

/**
 * `/setup CODE` in a group: links the chat to the community whose setup code it is. If the community
 * has no chair yet, the sender becomes chair. A group already linked to another community is refused.
 */
export async function setupGroup(
  db: Db,
  clock: Clock,
  input: { platform: Platform; chatId: string; title: string; code: string; sender: { id: string; name: string } },
): Promise<SetupResult> {
  // Reserved before the code is looked at: while a limit is reached, the right code is refused alike.
  const limits = await setupLimits(db, input);
  const reserved = await reserveGuess(db, clock.now(), limits);
  if (!reserved.ok) return { ok: false, code: 'setup-locked', minutes: reserved.minutes };
  const hash = sha256Hex(normalizeCode(input.code));
  const found = await db.select(communityCols).from(communities).where(eq(communities.setupCodeHash, hash)).limit(1);
  const community = found[0];
  if (!community) return { ok: false, code: 'bad-setup-code' };
  await refundGuess(db, limits);
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ communityId: groups.communityId, title: groups.title })
      .from(groups)
      .where(and(eq(groups.platform, input.platform), eq(groups.chatId, input.chatId)))
      .limit(1);
    if (existing[0] && existing[0].communityId !== community.communityId) {
      return { ok: false as const, code: 'group-linked-elsewhere' as const };
    }
    // The code is not secret for ever (it may have been typed in a group): once the community has a
    // group on this platform, only its committee links (or re-links) more groups there.
    const others = await rows<{ n: number; committee: boolean }>(
      tx,
      sql`select count(*)::int as n,
            exists (select 1 from members m where m.community_id = ${community.communityId} and m.platform = ${input.platform}
                    and m.user_id = ${input.sender.id} and m.role in ('committee', 'chair')) as committee
          from groups g where g.community_id = ${community.communityId} and g.platform = ${input.platform} and g.chat_id <> ${input.chatId}`,
    );
    if ((others[0]?.n ?? 0) > 0 && !others[0]?.committee) return { ok: false as const, code: 'setup-needs-committee' as const };
    // A chat the platform gave a new id (a WeChat re-login) that was not found again by its title: the
    // link of the lost group moves here (the one with the same title, else the only lost one).
    const lost = existing[0]
      ? []
      : await tx
          .select({ groupId: groups.groupId, title: groups.title })
          .from(groups)
          .where(and(eq(groups.communityId, community.communityId), eq(groups.platform, input.platform), isNotNull(groups.lostAt)));
    const moveFrom = lost.find((g) => g.title === input.title) ?? (lost.length === 1 ? lost[0] : undefined);
    const relinked = Boolean(existing[0] || moveFrom);
    if (moveFrom) {
      await tx
        .update(groups)
        .set({ chatId: input.chatId, title: input.title, active: true, lostAt: null })
        .where(eq(groups.groupId, moveFrom.groupId));
    } else {
      await tx
        .insert(groups)
        .values({ communityId: community.communityId, platform: input.platform, chatId: input.chatId, title: input.title })
        .onConflictDoUpdate({ target: [groups.platform, groups.chatId], set: { title: input.title, active: true, lostAt: null } });
    }
    const chairs = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from members where community_id = ${community.communityId} and role = 'chair'`,
    );
    let becameChair = false;
    if ((chairs[0]?.n ?? 0) === 0) {
      await tx
        .insert(members)
        .values({
          communityId: community.communityId,
          platform: input.platform,
          userId: input.sender.id,
          displayName: input.sender.name,
          role: 'chair',
        })
        .onConflictDoUpdate({
          target: [members.communityId, members.platform, members.userId],
          set: { role: 'chair' },
        });
      becameChair = true;
    }
    const at = clock.now().toISOString();
    await appendAudit(tx, community.communityId, {
      at,
      action: 'group.linked',
      actor: `${input.platform}:${input.sender.id}`,
      data: { platform: input.platform, chatId: input.chatId, relinked, ...(moveFrom ? { movedGroup: moveFrom.groupId } : {}) },
    });
    if (becameChair) {
      await appendAudit(tx, community.communityId, {
        at,
        action: 'role.set',
        actor: `${input.platform}:${input.sender.id}`,
        data: { member: `${input.platform}:${input.sender.id}`, role: 'chair', reason: 'first-setup' },
      });
    }
    return { ok: true as const, community, becameChair, relinked };
  });
}
