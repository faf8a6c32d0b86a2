import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { nextNumber } from '../db/numbering.js';
import { meetingRsvps, meetings } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Community } from './communities.js';
import { deliberationDay } from './deliberation.js';
import { localToInstant } from './local-time.js';
import type { Member } from './members.js';

export const MAX_MEETING_DAYS = 366;
export const MAX_MEETING_TITLE_CHARS = 100;
/** A meeting still counts as upcoming (listed, open for RSVPs in the list) this long after it starts. */
export const MEETING_LISTED_MS = 3 * 3_600_000;

export interface Meeting {
  meetingId: number;
  communityId: number;
  meetingNo: number;
  title: string;
  startsAt: Date;
  place: string | null;
  kind: 'meeting' | 'deliberation';
  rsvps: number;
}

const meetingCols = {
  meetingId: meetings.meetingId,
  communityId: meetings.communityId,
  meetingNo: meetings.meetingNo,
  title: meetings.title,
  startsAt: meetings.startsAt,
  place: meetings.place,
  kind: meetings.kind,
  rsvps: sql<number>`(select count(*)::int from meeting_rsvps r where r.meeting_id = meetings.meeting_id)`,
};

async function select(db: Pick<Db, 'select'>, where: SQL | undefined): Promise<Meeting[]> {
  const r = await db.select(meetingCols).from(meetings).where(where).orderBy(asc(meetings.startsAt), asc(meetings.meetingNo));
  return (r as Meeting[]).map((m) => ({ ...m, rsvps: Number(m.rsvps) }));
}

export async function getMeetingByNo(db: Db, communityId: number, meetingNo: number): Promise<Meeting | null> {
  return (await select(db, and(eq(meetings.communityId, communityId), eq(meetings.meetingNo, meetingNo), isNull(meetings.cancelledAt))))[0] ?? null;
}

export type CreateMeetingResult =
  | { ok: true; meeting: Meeting }
  | { ok: false; code: 'not-committee' | 'bad-time' | 'in-past' | 'too-far' | 'no-title' | 'too-long' }
  | { ok: false; code: 'exists'; meeting: Meeting };

/** Schedules a meeting (committee): `local` is 'YYYY-MM-DD HH:mm' in the community's zone. */
export async function createMeeting(
  db: Db,
  clock: Clock,
  input: { community: Community; member: Member | null; local: string; title: string; place?: string | null },
): Promise<CreateMeetingResult> {
  const { community, member } = input;
  if (!member || (member.role !== 'committee' && member.role !== 'chair')) return { ok: false, code: 'not-committee' };
  const title = input.title.trim();
  const place = input.place?.trim() || null;
  if (!title) return { ok: false, code: 'no-title' };
  if ([...title].length > MAX_MEETING_TITLE_CHARS || [...(place ?? '')].length > MAX_MEETING_TITLE_CHARS) return { ok: false, code: 'too-long' };
  const startsAt = localToInstant(input.local, community.timezone);
  if (!startsAt) return { ok: false, code: 'bad-time' };
  const now = clock.now();
  if (startsAt.getTime() <= now.getTime()) return { ok: false, code: 'in-past' };
  if (startsAt.getTime() > now.getTime() + MAX_MEETING_DAYS * 86_400_000) return { ok: false, code: 'too-far' };
  const id = await db.transaction(async (tx) => {
    const meetingNo = await nextNumber(tx, 'meetings', community.communityId);
    const r = await tx
      .insert(meetings)
      .values({ communityId: community.communityId, meetingNo, title, startsAt, place, kind: 'meeting', createdBy: member.memberId, createdAt: now })
      .onConflictDoNothing()
      .returning({ meetingId: meetings.meetingId });
    if (!r[0]) return null;
    await appendAudit(tx, community.communityId, {
      at: now.toISOString(),
      action: 'meeting.created',
      actor: `${member.platform}:${member.userId}`,
      data: { meetingNo, title, startsAt: startsAt.toISOString(), place },
    });
    return r[0].meetingId;
  });
  if (id === null) {
    const same = await select(db, and(eq(meetings.communityId, community.communityId), eq(meetings.kind, 'meeting'), eq(meetings.startsAt, startsAt)));
    return { ok: false, code: 'exists', meeting: same[0]! };
  }
  return { ok: true, meeting: (await select(db, eq(meetings.meetingId, id)))[0]! };
}

/**
 * The meeting row of the deliberation day people mean now (today's or the next), created on first
 * use so it can take RSVPs; idempotent (unique per community, kind and start). `title` is the
 * catalogue's name for it. Null when the rule has no further date.
 */
export async function ensureDeliberationMeeting(db: Db, clock: Clock, community: Community, title: string): Promise<Meeting | null> {
  const now = clock.now();
  const day = deliberationDay(community, now);
  if (!day) return null;
  const where = and(eq(meetings.communityId, community.communityId), eq(meetings.kind, 'deliberation'), eq(meetings.startsAt, day));
  const found = await select(db, and(where, isNull(meetings.cancelledAt)));
  if (found[0]) return found[0];
  await db.transaction(async (tx) => {
    const meetingNo = await nextNumber(tx, 'meetings', community.communityId);
    const r = await tx
      .insert(meetings)
      .values({ communityId: community.communityId, meetingNo, title, startsAt: day, kind: 'deliberation', createdAt: now })
      .onConflictDoUpdate({ target: [meetings.communityId, meetings.kind, meetings.startsAt], set: { cancelledAt: null } })
      .returning({ meetingNo: meetings.meetingNo });
    await appendAudit(tx, community.communityId, {
      at: now.toISOString(),
      action: 'meeting.deliberation-day',
      actor: 'system',
      data: { meetingNo: r[0]!.meetingNo, startsAt: day.toISOString() },
    });
  });
  return (await select(db, where))[0] ?? null;
}

/** Upcoming meetings (also those started in the last three hours), the deliberation day included. */
export async function upcomingMeetings(db: Db, clock: Clock, community: Community, deliberationTitle: string, limit = 10): Promise<Meeting[]> {
  await ensureDeliberationMeeting(db, clock, community, deliberationTitle);
  const since = new Date(clock.now().getTime() - MEETING_LISTED_MS);
  const list = await select(db, and(eq(meetings.communityId, community.communityId), gt(meetings.startsAt, since), isNull(meetings.cancelledAt)));
  return list.slice(0, limit);
}

export type RsvpResult =
  | { ok: true; meeting: Meeting }
  | { ok: false; code: 'not-member' | 'no-meeting' }
  | { ok: false; code: 'already' | 'started'; meeting: Meeting };

/** Says a member will attend (参加): once per member and meeting, before it starts. */
export async function rsvpMeeting(db: Db, clock: Clock, input: { community: Community; member: Member | null; meetingNo: number }): Promise<RsvpResult> {
  const { community, member } = input;
  if (!member || (member.unitId == null && member.role === 'resident')) return { ok: false, code: 'not-member' };
  const meeting = await getMeetingByNo(db, community.communityId, input.meetingNo);
  if (!meeting) return { ok: false, code: 'no-meeting' };
  const now = clock.now();
  if (meeting.startsAt.getTime() <= now.getTime()) return { ok: false, code: 'started', meeting };
  const added = await db.transaction(async (tx) => {
    const r = await tx
      .insert(meetingRsvps)
      .values({ communityId: community.communityId, meetingId: meeting.meetingId, memberId: member.memberId, at: now })
      .onConflictDoNothing()
      .returning({ memberId: meetingRsvps.memberId });
    if (!r[0]) return false;
    await appendAudit(tx, community.communityId, {
      at: now.toISOString(),
      action: 'meeting.rsvp',
      actor: `${member.platform}:${member.userId}`,
      data: { meetingNo: meeting.meetingNo },
    });
    return true;
  });
  const fresh = (await getMeetingByNo(db, community.communityId, meeting.meetingNo)) ?? meeting;
  return added ? { ok: true, meeting: fresh } : { ok: false, code: 'already', meeting: fresh };
}

/** Meetings not cancelled that start after `since` (what the meeting reminders are kept for). */
export async function meetingsToRemind(db: Db, communityId: number, since: Date): Promise<{ meetingId: number; startsAt: Date }[]> {
  return db
    .select({ meetingId: meetings.meetingId, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), eq(meetings.kind, 'meeting'), isNull(meetings.cancelledAt), gt(meetings.startsAt, since)));
}

/** A meeting as its reminder tells it: when and where, whether it was cancelled, and how many said they come. */
export async function meetingToRemind(
  db: Db,
  meetingId: number,
): Promise<{ meetingNo: number; title: string; place: string | null; startsAt: Date; cancelled: boolean; rsvps: number } | null> {
  const m = (await db.select().from(meetings).where(eq(meetings.meetingId, meetingId)))[0];
  if (!m) return null;
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(meetingRsvps).where(eq(meetingRsvps.meetingId, m.meetingId));
  return { meetingNo: m.meetingNo, title: m.title, place: m.place, startsAt: m.startsAt, cancelled: m.cancelledAt != null, rsvps: Number(n?.n ?? 0) };
}
