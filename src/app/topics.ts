import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { agendaDateFor, transition, type TopicAction, type TopicInputRefusal, type TopicStateRefusal, type TopicStatus } from '../domain/topic-lifecycle.js';
import { appendAudit } from '../db/audit.js';
import { rows, type Db } from '../db/client.js';
import { nextNumber } from '../db/numbering.js';
import { topicSeconds, topics } from '../db/schema.js';
import { getTopic, getTopicByNo, insertTopicEvent, lockTopic, type Topic } from '../db/topics-repo.js';
import type { Clock } from './clock.js';
import type { Community } from './communities.js';
import type { Member } from './members.js';

export type { Topic, TopicEvent } from '../db/topics-repo.js';
export { getTopic, getTopicByNo, topicHistory, topicsIn } from '../db/topics-repo.js';

/** Longest topic text, and the longest title taken from its first line (code points). */
export const MAX_TOPIC_CHARS = 1000;
export const MAX_TOPIC_TITLE_CHARS = 60;

/** Statuses of topics still being worked on (listed by `/topics`). */
export const OPEN_TOPIC_STATUSES: readonly TopicStatus[] = ['proposed', 'on_agenda', 'decided', 'assigned'];

const actorOf = (m: Member) => `${m.platform}:${m.userId}`;
const canPropose = (m: Member | null): m is Member => Boolean(m && (m.unitId != null || m.role === 'committee' || m.role === 'chair'));
const isCommittee = (m: Member | null): m is Member => Boolean(m && (m.role === 'committee' || m.role === 'chair'));

/** The title of a proposal: its first line, cut to MAX_TOPIC_TITLE_CHARS. */
export function topicTitle(text: string): string {
  const first = [...(text.trim().split('\n')[0] ?? '').trim()];
  return first.length > MAX_TOPIC_TITLE_CHARS ? `${first.slice(0, MAX_TOPIC_TITLE_CHARS - 1).join('')}…` : first.join('');
}

export type ProposeResult = { ok: true; topic: Topic } | { ok: false; code: 'not-member' | 'empty' | 'too-long' };

/** Proposes a topic (提议): any member bound to a household, and the committee. */
export async function proposeTopic(db: Db, clock: Clock, input: { community: Community; member: Member | null; text: string }): Promise<ProposeResult> {
  const { member, community } = input;
  if (!canPropose(member)) return { ok: false, code: 'not-member' };
  const text = input.text.trim();
  if (!text) return { ok: false, code: 'empty' };
  if ([...text].length > MAX_TOPIC_CHARS) return { ok: false, code: 'too-long' };
  const now = clock.now();
  const topicId = await db.transaction(async (tx) => {
    const topicNo = await nextNumber(tx, 'topics', community.communityId);
    const title = topicTitle(text);
    const r = await tx
      .insert(topics)
      .values({ communityId: community.communityId, topicNo, title, text, proposedBy: member.memberId, proposedAt: now, updatedAt: now })
      .returning({ topicId: topics.topicId });
    const id = r[0]!.topicId;
    await insertTopicEvent(tx, { communityId: community.communityId, topicId: id, action: 'propose', actorMemberId: member.memberId, actor: actorOf(member), actorName: member.displayName, at: now, text });
    await appendAudit(tx, community.communityId, { at: now.toISOString(), action: 'topic.proposed', actor: actorOf(member), data: { topicNo, title } });
    return id;
  });
  return { ok: true, topic: (await getTopic(db, topicId))! };
}

export type SecondResult =
  | { ok: true; topic: Topic }
  | { ok: false; code: 'not-bound' | 'no-topic' | 'already-seconded' | 'own-household' | TopicStateRefusal | TopicInputRefusal; topic?: Topic };

/** Co-signs a topic (附议): once per household; the proposer's own household does not co-sign. */
export async function secondTopic(db: Db, clock: Clock, input: { community: Community; member: Member | null; topicNo: number }): Promise<SecondResult> {
  const { member, community } = input;
  if (!member || member.unitId == null) return { ok: false, code: 'not-bound' };
  const unitId = member.unitId;
  const topic = await getTopicByNo(db, community.communityId, input.topicNo);
  if (!topic) return { ok: false, code: 'no-topic' };
  const now = clock.now();
  const refusal = await db.transaction(async (tx) => {
    const locked = await lockTopic(tx, topic.topicId);
    const step = transition(locked!.status, 'second');
    if (!step.ok) return step.code;
    const own = await rows<{ unit_id: number | null }>(tx, sql`select unit_id from members where member_id = ${topic.proposedBy}`);
    if (own[0]?.unit_id === unitId) return 'own-household' as const;
    const ins = await tx
      .insert(topicSeconds)
      .values({ communityId: community.communityId, topicId: topic.topicId, unitId, memberId: member.memberId, at: now })
      .onConflictDoNothing()
      .returning({ unitId: topicSeconds.unitId });
    if (!ins[0]) return 'already-seconded' as const;
    await insertTopicEvent(tx, { communityId: community.communityId, topicId: topic.topicId, action: 'second', actorMemberId: member.memberId, actor: actorOf(member), actorName: member.displayName, at: now });
    await appendAudit(tx, community.communityId, { at: now.toISOString(), action: 'topic.seconded', actor: actorOf(member), data: { topicNo: topic.topicNo, unit: member.unitLabel } });
    return null;
  });
  const fresh = (await getTopic(db, topic.topicId))!;
  return refusal ? { ok: false, code: refusal, topic: fresh } : { ok: true, topic: fresh };
}

export type StepAction = Exclude<TopicAction, 'second'>;
export type StepResult =
  | { ok: true; topic: Topic; from: TopicStatus }
  | { ok: false; code: 'not-committee' | 'no-topic' | 'no-schedule' | 'too-long' | TopicStateRefusal | TopicInputRefusal; topic?: Topic };

/**
 * One committee step of the lifecycle (上会, 撤下, 不予受理, 决议, 交办, 进展, 办结), checked by the domain
 * state machine on the locked row, kept in the topic's history and the audit chain. `text` is the
 * reason, decision, assignee, note or feedback; `due` the assignment's due instant; `pollId` the
 * poll a decision opened.
 */
export async function stepTopic(
  db: Db,
  clock: Clock,
  input: { community: Community; member: Member | null; topicNo: number; action: StepAction; text?: string; due?: Date | null; pollId?: number | null },
): Promise<StepResult> {
  const { member, community, action } = input;
  if (!isCommittee(member)) return { ok: false, code: 'not-committee' };
  const text = (input.text ?? '').trim();
  if ([...text].length > MAX_TOPIC_CHARS) return { ok: false, code: 'too-long' };
  const topic = await getTopicByNo(db, community.communityId, input.topicNo);
  if (!topic) return { ok: false, code: 'no-topic' };
  const now = clock.now();
  type Outcome = { code: 'no-schedule' | TopicStateRefusal | TopicInputRefusal } | { from: TopicStatus };
  const r = await db.transaction(async (tx): Promise<Outcome> => {
    const locked = (await lockTopic(tx, topic.topicId))!;
    const step = transition(locked.status, action, { text });
    if (!step.ok) return { code: step.code };
    const set: Partial<typeof topics.$inferInsert> = { status: step.to, updatedAt: now };
    const data: Record<string, unknown> = { from: locked.status, to: step.to };
    if (action === 'agenda-add') {
      const date = agendaDateFor(now, community.deliberationCron, community.timezone);
      if (!date) return { code: 'no-schedule' };
      set.agendaDate = date;
      data.agendaDate = date.toISOString();
    } else if (action === 'agenda-remove') set.agendaDate = null;
    else if (action === 'reject') set.rejectReason = text;
    else if (action === 'decide') {
      Object.assign(set, { decision: text, decidedAt: now, pollId: input.pollId ?? null });
      if (input.pollId != null) data.pollId = input.pollId;
    } else if (action === 'assign') {
      Object.assign(set, { assignee: text, dueAt: input.due ?? null });
      data.due = input.due?.toISOString() ?? null;
    } else if (action === 'done') Object.assign(set, { feedback: text, doneAt: now });
    await tx.update(topics).set(set).where(and(eq(topics.topicId, topic.topicId), eq(topics.status, locked.status)));
    await insertTopicEvent(tx, { communityId: community.communityId, topicId: topic.topicId, action, actorMemberId: member.memberId, actor: actorOf(member), actorName: member.displayName, at: now, text: text || null, data });
    await appendAudit(tx, community.communityId, { at: now.toISOString(), action: `topic.${action}`, actor: actorOf(member), data: { topicNo: topic.topicNo, ...data, ...(text ? { text } : {}) } });
    return { from: locked.status };
  });
  const fresh = (await getTopic(db, topic.topicId))!;
  if ('code' in r) return { ok: false, code: r.code, topic: fresh };
  return { ok: true, topic: fresh, from: r.from };
}

/** Notes a linked poll's outcome in its topic's history (inside the poll's closing transaction). */
export async function recordTopicPollResult(tx: Db, input: { communityId: number; topicId: number; pollNo: number; outcome: string; at: Date }): Promise<void> {
  await insertTopicEvent(tx, {
    communityId: input.communityId,
    topicId: input.topicId,
    action: 'poll-closed',
    actorMemberId: null,
    actor: 'system',
    actorName: '',
    at: input.at,
    data: { pollNo: input.pollNo, outcome: input.outcome },
  });
}

/** The community's assigned topics with a due date (the committee is reminded of those past it). */
export async function assignedTopicsDue(db: Db, communityId: number): Promise<{ topicId: number; dueAt: Date }[]> {
  const r = await db
    .select({ topicId: topics.topicId, dueAt: topics.dueAt })
    .from(topics)
    .where(and(eq(topics.communityId, communityId), eq(topics.status, 'assigned'), isNotNull(topics.dueAt)));
  return r.map((x) => ({ topicId: x.topicId, dueAt: x.dueAt! }));
}
