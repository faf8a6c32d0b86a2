import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { webLinks } from './schema.js';

export type LinkPurpose = 'poll' | 'publication';

/** A page key as it appears in an address: 128 random bits, base64url. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The path of a poll's page, or of a closed poll's result and publication page. */
export const pagePath = (purpose: LinkPurpose, key: string): string => (purpose === 'poll' ? `/p/${key}` : `/g/${key}`);

/** The unguessable key of a poll's page (made on first use, the same ever after). */
export async function linkKeyOf(db: Db, poll: { pollId: number; communityId: number }, purpose: LinkPurpose, at: Date): Promise<string> {
  await db
    .insert(webLinks)
    .values({ key: randomBytes(16).toString('base64url'), communityId: poll.communityId, pollId: poll.pollId, purpose, createdAt: at })
    .onConflictDoNothing({ target: [webLinks.pollId, webLinks.purpose] });
  const r = await db.select({ key: webLinks.key }).from(webLinks).where(and(eq(webLinks.pollId, poll.pollId), eq(webLinks.purpose, purpose)));
  return r[0]!.key;
}

/** The poll a key opens, and for which page; null for a key nobody was given. */
export async function findLink(db: Db, key: string, purpose: LinkPurpose): Promise<{ pollId: number; communityId: number } | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const r = await db
    .select({ pollId: webLinks.pollId, communityId: webLinks.communityId })
    .from(webLinks)
    .where(and(eq(webLinks.key, key), eq(webLinks.purpose, purpose)));
  return r[0] ?? null;
}
