import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TopicStatus } from '../domain/topic-lifecycle.js';
import type { Db } from './client.js';
import { topicEvents, topics } from './schema.js';

/** A topic as the app and chat layers see it, with its co-sign count and the proposer's name. */
export interface Topic {
  topicId: number;
  communityId: number;
  topicNo: number;
  title: string;
  text: string;
  status: TopicStatus;
  proposedBy: number | null;
  proposerName: string | null;
  proposedAt: Date;
  agendaDate: Date | null;
  decision: string | null;
  decidedAt: Date | null;
  assignee: string | null;
  dueAt: Date | null;
  doneAt: Date | null;
  feedback: string | null;
  rejectReason: string | null;
  pollId: number | null;
  seconds: number;
}

export interface TopicEvent {
  action: string;
  actorName: string;
  at: Date;
  text: string | null;
  data: Record<string, unknown> | null;
}

const topicCols = {
  topicId: topics.topicId,
  communityId: topics.communityId,
  topicNo: topics.topicNo,
  title: topics.title,
  text: topics.text,
  status: topics.status,
  proposedBy: topics.proposedBy,
  proposerName: sql<string | null>`(select m.display_name from members m where m.member_id = topics.proposed_by)`,
  proposedAt: topics.proposedAt,
  agendaDate: topics.agendaDate,
  decision: topics.decision,
  decidedAt: topics.decidedAt,
  assignee: topics.assignee,
  dueAt: topics.dueAt,
  doneAt: topics.doneAt,
  feedback: topics.feedback,
  rejectReason: topics.rejectReason,
  pollId: topics.pollId,
  seconds: sql<number>`(select count(*)::int from topic_seconds s where s.topic_id = topics.topic_id)`,
};

function fix(r: Topic): Topic {
  return { ...r, seconds: Number(r.seconds) };
}

async function select(db: Pick<Db, 'select'>, where: SQL | undefined, order: 'no' | 'agenda' = 'no'): Promise<Topic[]> {
  const q = db.select(topicCols).from(topics).where(where);
  const r = order === 'agenda' ? await q.orderBy(asc(topics.agendaDate), asc(topics.topicNo)) : await q.orderBy(asc(topics.topicNo));
  return (r as Topic[]).map(fix);
}

export async function getTopicByNo(db: Pick<Db, 'select'>, communityId: number, topicNo: number): Promise<Topic | null> {
  return (await select(db, and(eq(topics.communityId, communityId), eq(topics.topicNo, topicNo))))[0] ?? null;
}

export async function getTopic(db: Pick<Db, 'select'>, topicId: number): Promise<Topic | null> {
  return (await select(db, eq(topics.topicId, topicId)))[0] ?? null;
}

/** Topics of a community in the given statuses, by number (or by agenda date, then number). */
export async function topicsIn(db: Pick<Db, 'select'>, communityId: number, statuses: readonly TopicStatus[], order: 'no' | 'agenda' = 'no'): Promise<Topic[]> {
  if (statuses.length === 0) return [];
  return select(db, and(eq(topics.communityId, communityId), inArray(topics.status, [...statuses])), order);
}

/** Locks a topic row for a step (inside a transaction) and returns its status and agenda date. */
export async function lockTopic(tx: Pick<Db, 'execute'>, topicId: number): Promise<{ status: TopicStatus; agendaDate: Date | null } | null> {
  const r = (await tx.execute(sql`select status, agenda_date from topics where topic_id = ${topicId} for update`)) as unknown;
  const list = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { status: TopicStatus; agenda_date: string | Date | null }[];
  const row = list[0];
  if (!row) return null;
  return { status: row.status, agendaDate: row.agenda_date === null ? null : new Date(row.agenda_date) };
}

/** Appends one step to a topic's history. */
export async function insertTopicEvent(
  tx: Pick<Db, 'insert'>,
  e: { communityId: number; topicId: number; action: string; actorMemberId: number | null; actor: string; actorName: string; at: Date; text?: string | null; data?: Record<string, unknown> | null },
): Promise<void> {
  await tx.insert(topicEvents).values({ ...e, text: e.text ?? null, data: e.data ?? null });
}

/** A topic's history, oldest first (the last `limit` steps). */
export async function topicHistory(db: Pick<Db, 'select'>, topicId: number, limit = 30): Promise<TopicEvent[]> {
  const r = await db
    .select({ action: topicEvents.action, actorName: topicEvents.actorName, at: topicEvents.at, text: topicEvents.text, data: topicEvents.data })
    .from(topicEvents)
    .where(eq(topicEvents.topicId, topicId))
    .orderBy(desc(topicEvents.eventId))
    .limit(limit);
  return (r as TopicEvent[]).reverse();
}
