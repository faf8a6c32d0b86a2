import { getCommunity, type Community } from '../app/communities.js';
import { agendaOf } from '../app/deliberation.js';
import { formatLocal } from '../app/local-time.js';
import { getPoll, pollTally } from '../app/polls.js';
import { meetingToRemind, type Reminder } from '../app/reminders.js';
import { membersToRemind, notVotedUnits } from '../app/eligibility.js';
import { committeeMembers } from '../app/members.js';
import { getTopic } from '../app/topics.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../app/clock.js';
import { agendaOpening, reminderProvider } from '../features/registry.js';
import { catalogue, localeFor, type Catalogue } from './i18n/index.js';
import type { Effect } from './model.js';
import { renderTurnout } from './render-poll.js';
import { formatDay } from './render-topic.js';

const hm = (at: Date, tz: string) => formatLocal(at, tz).slice(11);

async function agendaLines(db: Db, clock: Clock, t: Catalogue, community: Community, draft: boolean): Promise<string[]> {
  const agenda = await agendaOf(db, clock, community);
  const items = agenda.topics.filter((x) => !agenda.day || !x.agendaDate || x.agendaDate.getTime() === agenda.day.getTime());
  return [
    // What the features put first (last month's repair requests by building).
    ...(await agendaOpening(db, clock, community, community.locale === 'en' ? 'en' : 'zh-CN')),
    draft ? t.reminders.agendaDraft : t.reminders.agenda,
    ...(items.length ? items.map((x, i) => t.reminders.agendaItem(i + 1, x.topicNo, x.title)) : [t.reminders.agendaEmpty]),
  ];
}

/**
 * What a due reminder says, as effects: group announcements (counts only, never names) and private
 * messages (personal poll reminders to households that have not voted; overdue topics to the committee).
 */
export async function reminderEffects(db: Db, clock: Clock, r: Reminder): Promise<Effect[]> {
  const community = await getCommunity(db, r.communityId);
  if (!community) return [];
  const t = catalogue(community.locale === 'en' ? 'en' : 'zh-CN');
  const tz = community.timezone;
  const announce = (lines: string[]): Effect[] => [{ kind: 'announce', communityId: r.communityId, text: lines.join('\n'), reminder: true }];
  switch (r.kind) {
    case 'deliberation': {
      const at = new Date(r.naturalKey.split(':').slice(1, -1).join(':'));
      const day = formatDay(t, at, tz);
      const offset = r.naturalKey.split(':').at(-1)!;
      const minutes = offset === 'start' ? 0 : Number(offset.replace('m', ''));
      const head =
        minutes === 0 ? t.reminders.deliberationNow(day) : minutes <= -2880 ? t.reminders.deliberationAhead(day) : minutes <= -720 ? t.reminders.deliberationTomorrow(day) : t.reminders.deliberationSoon(day);
      const lines = [head, ...(await agendaLines(db, clock, t, community, minutes <= -2880))];
      if (minutes <= -2880) lines.push(t.reminders.callForTopics);
      return announce(lines);
    }
    case 'meeting': {
      const m = await meetingToRemind(db, r.objectId!);
      if (!m || m.cancelled) return [];
      const soon = m.startsAt.getTime() - r.dueAt.getTime() <= 6 * 3_600_000;
      const when = soon ? t.reminders.inTwoHours(hm(m.startsAt, tz)) : t.reminders.tomorrow(hm(m.startsAt, tz));
      return announce([t.reminders.meeting(when, m.title, m.place, m.rsvps, m.meetingNo)]);
    }
    case 'poll': {
      const poll = await getPoll(db, r.objectId!);
      if (!poll || poll.status !== 'open') return [];
      const tally = await pollTally(db, poll);
      const unvoted = await notVotedUnits(db, poll, 1);
      return announce([t.reminders.poll(poll.pollNo, poll.title, formatLocal(poll.closesAt, tz)), ...renderTurnout(t, tally), t.reminders.unvoted(unvoted.total)]);
    }
    case 'personal': {
      const poll = await getPoll(db, r.objectId!);
      if (!poll || poll.status !== 'open') return [];
      const who = await membersToRemind(db, poll, clock.now());
      return who.map((m) => ({
        kind: 'private',
        platform: m.platform,
        userId: m.userId,
        text: catalogue(localeFor(m.locale)).reminders.personal(poll.pollNo, poll.title, formatLocal(poll.closesAt, tz)),
        page: { pollId: poll.pollId, signIn: true },
        reminder: true,
      }));
    }
    case 'overdue': {
      const topic = await getTopic(db, r.objectId!);
      if (!topic || topic.status !== 'assigned' || !topic.dueAt) return [];
      return (await committeeMembers(db, r.communityId)).map((m) => ({
        kind: 'private',
        platform: m.platform,
        userId: m.userId,
        text: catalogue(localeFor(m.locale)).reminders.overdue(topic.topicNo, topic.title, topic.assignee ?? '', formatLocal(topic.dueAt!, tz).slice(0, 10)),
        reminder: true,
      }));
    }
    default: {
      // A kind registered by a feature: its provider says it.
      const provider = reminderProvider(r.kind);
      return provider ? provider.render(db, clock, r) : [];
    }
  }
}
