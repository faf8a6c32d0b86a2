import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { members, seenUsernames } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Platform } from './communities.js';

/** `@Carol_W` → `carol_w`: how usernames are kept and compared. */
export function usernameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/^@/, '').toLowerCase();
}

/**
 * Keeps the username an identity was seen with, in each of the given communities and in every
 * community where it is a member. A username seen with a new identity moves to it.
 * Returns how many communities were recorded.
 */
export async function rememberUsername(
  db: Db,
  clock: Clock,
  input: { platform: Platform; username: string; userId: string; displayName: string; communityIds: number[] },
): Promise<number> {
  const username = usernameKey(input.username);
  if (!/^[a-z0-9_]{3,64}$/.test(username)) return 0;
  const own = await db
    .select({ communityId: members.communityId })
    .from(members)
    .where(and(eq(members.platform, input.platform), eq(members.userId, input.userId)));
  const ids = [...new Set([...input.communityIds, ...own.map((r) => r.communityId)])];
  if (ids.length === 0) return 0;
  const now = clock.now();
  await db
    .insert(seenUsernames)
    .values(ids.map((communityId) => ({ communityId, platform: input.platform, username, userId: input.userId, displayName: input.displayName, seenAt: now })))
    .onConflictDoUpdate({
      target: [seenUsernames.communityId, seenUsernames.platform, seenUsernames.username],
      set: { userId: sql`excluded.user_id`, displayName: sql`excluded.display_name`, seenAt: sql`excluded.seen_at` },
    });
  return ids.length;
}

/** The identity last seen with this username in a community, if any. */
export async function findByUsername(
  db: Db,
  communityId: number,
  platform: Platform,
  username: string,
): Promise<{ userId: string; displayName: string } | null> {
  const r = await db
    .select({ userId: seenUsernames.userId, displayName: seenUsernames.displayName })
    .from(seenUsernames)
    .where(and(eq(seenUsernames.communityId, communityId), eq(seenUsernames.platform, platform), eq(seenUsernames.username, usernameKey(username))))
    .limit(1);
  return r[0] ?? null;
}
