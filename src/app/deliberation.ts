import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { localDateOf, localTimeToInstant, nextOccurrence, parseScheduleRule } from '../domain/schedule.js';
import { rollOver, type AgendaMove } from '../domain/topic-lifecycle.js';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { communities, meetings, topics } from '../db/schema.js';
import { insertTopicEvent, topicsIn, type Topic } from '../db/topics-repo.js';
import type { Clock } from './clock.js';
import type { Community } from './communities.js';
import type { Member } from './members.js';

type Rule = Pick<Community, 'deliberationCron' | 'timezone'>;

const sameLocalDay = (a: Date, b: Date, tz: string): boolean => {
  const x = localDateOf(a, tz);
  const y = localDateOf(b, tz);
  return x.year === y.year && x.month === y.month && x.day === y.day;
};

/**
 * The deliberation day people mean at `now`: today's when today is one (also once it has started,
 * until the local day is over), otherwise the next one. Null when the rule has no further date.
 */
export function deliberationDay(community: Rule, now: Date): Date | null {
  const { deliberationCron: cron, timezone: tz } = community;
  const midnight = localTimeToInstant(localDateOf(now, tz), 0, 0, tz);
  const today = nextOccurrence(cron, tz, new Date(midnight.getTime() - 1));
  if (today && sameLocalDay(today, now, tz)) return today;
  return nextOccurrence(cron, tz, now);
}

/**
 * Moves agenda topics whose deliberation day is over without a decision to the next deliberation
 * day (they stay on the agenda), each step kept in the topic's history and the audit chain.
 */
export async function rollOverAgenda(db: Db, clock: Clock, community: Community): Promise<AgendaMove<number>[]> {
  const now = clock.now();
  const onAgenda = await topicsIn(db, community.communityId, ['on_agenda']);
  const byId = new Map(onAgenda.map((t) => [t.topicId, t]));
  const moves = rollOver(
    onAgenda.map((t) => ({ id: t.topicId, status: t.status, agendaDate: t.agendaDate })),
    now,
    community.deliberationCron,
    community.timezone,
  );
  const done: AgendaMove<number>[] = [];
  for (const move of moves) {
    const moved = await db.transaction(async (tx) => {
      const r = await tx
        .update(topics)
        .set({ agendaDate: move.to, updatedAt: now })
        .where(and(eq(topics.topicId, move.id), eq(topics.status, 'on_agenda'), move.from === null ? isNull(topics.agendaDate) : eq(topics.agendaDate, move.from)))
        .returning({ topicId: topics.topicId });
      if (!r[0]) return false;
      const data = { from: move.from?.toISOString() ?? null, to: move.to.toISOString() };
      await insertTopicEvent(tx, { communityId: community.communityId, topicId: move.id, action: 'roll-over', actorMemberId: null, actor: 'system', actorName: '', at: now, data });
      await appendAudit(tx, community.communityId, { at: now.toISOString(), action: 'topic.rolled-over', actor: 'system', data: { topicNo: byId.get(move.id)?.topicNo, ...data } });
      return true;
    });
    if (moved) done.push(move);
  }
  return done;
}

export interface Agenda {
  /** The deliberation day shown (today's or the next), null when the rule has none. */
  day: Date | null;
  /** Topics on the agenda, by agenda date then number. */
  topics: Topic[];
}

/**
 * The agenda as it stands: reads only. What was not reached on a past deliberation day is moved by
 * `rollOverAgenda`, a step of its own that the caller takes first (the scheduler, the /agenda command).
 */
export async function agendaOf(db: Db, clock: Clock, community: Community): Promise<Agenda> {
  return {
    day: deliberationDay(community, clock.now()),
    topics: await topicsIn(db, community.communityId, ['on_agenda'], 'agenda'),
  };
}

export type SetScheduleResult =
  | { ok: true; cron: string; previous: string; next: Date | null; moved: number }
  | { ok: false; code: 'not-chair' | 'bad-schedule' };

/**
 * Sets the deliberation-day rule (chair only) from Chinese, English or a cron line. Topics already
 * put on a coming deliberation day move to the first day of the new rule, and a coming deliberation
 * day the new rule no longer holds is cancelled.
 */
export async function setSchedule(db: Db, clock: Clock, input: { community: Community; member: Member | null; rule: string }): Promise<SetScheduleResult> {
  const { community, member } = input;
  if (!member || member.role !== 'chair') return { ok: false, code: 'not-chair' };
  const parsed = parseScheduleRule(input.rule);
  if (!parsed.ok) return { ok: false, code: 'bad-schedule' };
  const now = clock.now();
  const cron = parsed.cron;
  const next = nextOccurrence(cron, community.timezone, now);
  const actor = `${member.platform}:${member.userId}`;
  const moved = await db.transaction(async (tx) => {
    await tx.update(communities).set({ deliberationCron: cron }).where(eq(communities.communityId, community.communityId));
    const coming = await tx
      .select({ topicId: topics.topicId, topicNo: topics.topicNo, agendaDate: topics.agendaDate })
      .from(topics)
      .where(and(eq(topics.communityId, community.communityId), eq(topics.status, 'on_agenda'), gt(topics.agendaDate, now)));
    const toMove = next ? coming.filter((t) => t.agendaDate!.getTime() !== next.getTime()) : [];
    for (const t of toMove) {
      await tx.update(topics).set({ agendaDate: next, updatedAt: now }).where(eq(topics.topicId, t.topicId));
      const data = { from: t.agendaDate!.toISOString(), to: next!.toISOString() };
      await insertTopicEvent(tx, { communityId: community.communityId, topicId: t.topicId, action: 'reschedule', actorMemberId: member.memberId, actor, actorName: member.displayName, at: now, data });
    }
    await tx
      .update(meetings)
      .set({ cancelledAt: now })
      .where(
        and(
          eq(meetings.communityId, community.communityId),
          eq(meetings.kind, 'deliberation'),
          gt(meetings.startsAt, now),
          isNull(meetings.cancelledAt),
          ...(next ? [ne(meetings.startsAt, next)] : []),
        ),
      );
    await appendAudit(tx, community.communityId, {
      at: now.toISOString(),
      action: 'schedule.set',
      actor,
      data: { cron, previous: community.deliberationCron, movedTopics: toMove.map((t) => t.topicNo) },
    });
    return toMove.length;
  });
  return { ok: true, cron, previous: community.deliberationCron, next, moved };
}
