/** The meetings' reminder provider (SPEC §7): a day and two hours before each meeting (the community's offsets), to its groups. */
import type { Clock } from '../../app/clock.js';
import { getCommunity } from '../../app/communities.js';
import { formatLocal } from '../../app/local-time.js';
import type { Effect } from '../../chat/model.js';
import { meetingsToRemind, meetingToRemind } from '../../app/meetings.js';
import type { Db } from '../../db/client.js';
import { LATE_LIMIT_MS, remindersBefore, type WantedReminder } from '../../domain/reminders.js';
import type { DueReminder, ReminderCommunity } from '../manifest.js';
import { meetingsText } from './i18n.js';
import { MEETING_KIND } from './manifest.js';

const hm = (at: Date, tz: string) => formatLocal(at, tz).slice(11);

/** Meetings not cancelled that start later (or began less than six hours ago). */
export async function wantedMeetingReminders(db: Db, c: ReminderCommunity, now: Date): Promise<WantedReminder[]> {
  const since = new Date(now.getTime() - LATE_LIMIT_MS);
  const meetings = await meetingsToRemind(db, c.communityId, since);
  return remindersBefore(MEETING_KIND, meetings.map((m) => ({ ref: m.meetingId, objectId: m.meetingId, at: m.startsAt })), c.offsets.meeting, c.timezone);
}

/** The meeting, its time, place and how many attend, to the groups; nothing once it is cancelled. */
export async function renderMeetingReminder(db: Db, _clock: Clock, r: DueReminder): Promise<Effect[]> {
  const community = await getCommunity(db, r.communityId);
  if (!community || r.objectId == null) return [];
  const x = meetingsText(community.locale === 'en' ? 'en' : 'zh-CN');
  const tz = community.timezone;
  const m = await meetingToRemind(db, r.objectId);
  if (!m || m.cancelled) return [];
  const soon = m.startsAt.getTime() - r.dueAt.getTime() <= 6 * 3_600_000;
  const when = soon ? x.reminders.inTwoHours(hm(m.startsAt, tz)) : x.reminders.tomorrow(hm(m.startsAt, tz));
  return [{ kind: 'announce', communityId: r.communityId, text: x.reminders.meeting(when, m.title, m.place, m.rsvps, m.meetingNo), reminder: true }];
}
