/**
 * The topics' reminder provider (SPEC §7): before each deliberation day, the agenda (3 days before
 * with a call for topics, 1 day and 2 hours before, and at the start); assigned topics past their due
 * date, a note to the committee each morning until done.
 */
import type { Clock } from '../../app/clock.js';
import { getCommunity, type Community } from '../../app/communities.js';
import { agendaOf, rollOverAgenda } from '../../app/deliberation.js';
import { formatLocal } from '../../app/local-time.js';
import { assignedTopicsDue, getTopic } from '../../app/topics.js';
import { committeeMembers } from '../../app/members.js';
import { catalogue, localeFor } from '../../chat/i18n/index.js';
import type { Effect, Locale } from '../../chat/model.js';
import { formatDay } from '../../chat/render-topic.js';
import type { Db } from '../../db/client.js';
import { LATE_LIMIT_MS, morningNotes, remindersBefore, type WantedReminder } from '../../domain/reminders.js';
import { nextOccurrences } from '../../domain/schedule.js';
import type { DueReminder, ReminderCommunity } from '../manifest.js';
import { agendaOpening } from '../registry.js';
import { topicsText, type TopicsText } from './i18n.js';
import { DELIBERATION_KIND, OVERDUE_KIND } from './manifest.js';

/** The next deliberation days (up to three within about two months, or begun less than six hours ago) and the overdue topics' mornings. */
export async function wantedTopicReminders(db: Db, c: ReminderCommunity, now: Date): Promise<WantedReminder[]> {
  const since = new Date(now.getTime() - LATE_LIMIT_MS);
  const horizon = new Date(now.getTime() + 62 * 86_400_000);
  const days = nextOccurrences(c.deliberationCron, c.timezone, since, 3).filter((d) => d.getTime() < horizon.getTime());
  const assigned = await assignedTopicsDue(db, c.communityId);
  return [
    ...remindersBefore(DELIBERATION_KIND, days.map((d) => ({ ref: d.toISOString(), objectId: null, at: d })), c.offsets.deliberation, c.timezone),
    ...morningNotes(OVERDUE_KIND, assigned.map((x) => ({ id: x.topicId, dueAt: x.dueAt })), c.overdueAt, c.timezone, now),
  ];
}

const groupLocale = (community: Community): Locale => (community.locale === 'en' ? 'en' : 'zh-CN');

async function agendaLines(db: Db, clock: Clock, x: TopicsText, community: Community, draft: boolean): Promise<string[]> {
  const agenda = await agendaOf(db, clock, community);
  const items = agenda.topics.filter((topic) => !agenda.day || !topic.agendaDate || topic.agendaDate.getTime() === agenda.day.getTime());
  return [
    // What the features put first (last month's repair requests by building).
    ...(await agendaOpening(db, clock, community, groupLocale(community))),
    draft ? x.reminders.agendaDraft : x.reminders.agenda,
    ...(items.length ? items.map((topic, i) => x.reminders.agendaItem(i + 1, topic.topicNo, topic.title)) : [x.reminders.agendaEmpty]),
  ];
}

/** What a due deliberation-day reminder or overdue note says: the agenda to the groups, the overdue topic to the committee privately. */
export async function renderTopicReminder(db: Db, clock: Clock, r: DueReminder): Promise<Effect[]> {
  const community = await getCommunity(db, r.communityId);
  if (!community) return [];
  const tz = community.timezone;
  if (r.kind === DELIBERATION_KIND) {
    const x = topicsText(groupLocale(community));
    const at = new Date(r.naturalKey.split(':').slice(1, -1).join(':'));
    const day = formatDay(catalogue(groupLocale(community)), at, tz);
    const offset = r.naturalKey.split(':').at(-1)!;
    const minutes = offset === 'start' ? 0 : Number(offset.replace('m', ''));
    const rem = x.reminders;
    const head = minutes === 0 ? rem.deliberationNow(day) : minutes <= -2880 ? rem.deliberationAhead(day) : minutes <= -720 ? rem.deliberationTomorrow(day) : rem.deliberationSoon(day);
    const lines = [head, ...(await agendaLines(db, clock, x, community, minutes <= -2880))];
    if (minutes <= -2880) lines.push(rem.callForTopics);
    return [{ kind: 'announce', communityId: r.communityId, text: lines.join('\n'), reminder: true }];
  }
  const topic = r.objectId == null ? null : await getTopic(db, r.objectId);
  if (!topic || topic.status !== 'assigned' || !topic.dueAt) return [];
  return (await committeeMembers(db, r.communityId)).map((m) => ({
    kind: 'private',
    platform: m.platform,
    userId: m.userId,
    text: topicsText(localeFor(m.locale)).reminders.overdue(topic.topicNo, topic.title, topic.assignee ?? '', formatLocal(topic.dueAt!, tz).slice(0, 10)),
    reminder: true,
  }));
}

/** On a deliberation day's due reminder, before it is said: what was on the agenda moves to the next day, with its audit entries. */
export async function rollOverBeforeTheDay(db: Db, clock: Clock, communityId: number): Promise<void> {
  const community = await getCommunity(db, communityId);
  if (community) await rollOverAgenda(db, clock, community);
}
