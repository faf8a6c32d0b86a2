import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { findMemberById, type Member } from '../app/members.js';
import type { Db } from '../db/client.js';
import { webSessions } from './schema.js';

/** A sign-in link works once, for 15 minutes (SPEC §13). */
export const LINK_MS = 15 * 60_000;
/** A session lasts 30 days. */
export const SESSION_MS = 30 * 86_400_000;
/** The session cookie's name. */
export const SESSION_COOKIE = 'yishi_session';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** A single-use sign-in link's secret for a member (its path is `/s/TOKEN`). */
export async function issueSignInLink(db: Db, member: Pick<Member, 'memberId' | 'communityId'>, at: Date): Promise<string> {
  const token = newToken();
  await db.insert(webSessions).values({
    tokenHash: hash(token),
    kind: 'link',
    communityId: member.communityId,
    memberId: member.memberId,
    createdAt: at,
    expiresAt: new Date(at.getTime() + LINK_MS),
  });
  return token;
}

/**
 * Uses a sign-in link: a link unused and not expired becomes a session (its secret returned, for the
 * cookie); used, expired or unknown ones give null. Taking the link is one conditional UPDATE, so
 * two browsers opening it at once get one session between them.
 */
export async function redeemSignInLink(db: Db, token: string, at: Date): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const taken = await db
    .update(webSessions)
    .set({ usedAt: at })
    .where(and(eq(webSessions.tokenHash, hash(token)), eq(webSessions.kind, 'link'), isNull(webSessions.usedAt), gt(webSessions.expiresAt, at)))
    .returning({ communityId: webSessions.communityId, memberId: webSessions.memberId });
  const link = taken[0];
  if (!link) return null;
  return startSession(db, link, at);
}

/** A new 30-day session for a member; its secret, for the cookie. */
export async function startSession(db: Db, member: Pick<Member, 'memberId' | 'communityId'>, at: Date): Promise<string> {
  const session = newToken();
  await db.insert(webSessions).values({ tokenHash: hash(session), kind: 'session', communityId: member.communityId, memberId: member.memberId, createdAt: at, expiresAt: new Date(at.getTime() + SESSION_MS) });
  return session;
}

/** The key a session is kept under (its secret's hash), for a statement that reads the session itself; null for no session. */
export const sessionKey = (token: string | undefined): string | null => (token && TOKEN.test(token) ? hash(token) : null);

/** The member a session cookie signs in (as the member is now: a changed binding shows), or null. */
export async function sessionMember(db: Db, token: string | undefined, at: Date): Promise<Member | null> {
  const key = sessionKey(token);
  if (!key) return null;
  const session = db
    .select({ memberId: webSessions.memberId })
    .from(webSessions)
    .where(and(eq(webSessions.tokenHash, key), eq(webSessions.kind, 'session'), isNull(webSessions.usedAt), gt(webSessions.expiresAt, at)));
  return findMemberById(db, sql`(${session})`);
}

/** Ends a session (sign-out): it opens nothing afterwards. */
export async function endSession(db: Db, token: string | undefined, at: Date): Promise<void> {
  const key = sessionKey(token);
  if (!key) return;
  await db.update(webSessions).set({ usedAt: at }).where(and(eq(webSessions.tokenHash, key), eq(webSessions.kind, 'session')));
}

/** The form token of a session: derived from its secret, so a page of another site cannot know it. */
export const csrfTokenOf = (session: string): string => createHash('sha256').update(`csrf:${session}`).digest('base64url');

/** True when a posted form token belongs to the session. */
export function csrfMatches(session: string | undefined, posted: unknown): boolean {
  if (!session || typeof posted !== 'string') return false;
  const want = Buffer.from(csrfTokenOf(session));
  const got = Buffer.from(posted);
  return want.length === got.length && timingSafeEqual(want, got);
}
