/** The personal reminders' provider (SPEC §7): before each open poll closes, a private note to each member who asked for one and whose household has not voted. */
import type { Clock } from '../../app/clock.js';
import { getCommunity } from '../../app/communities.js';
import { membersToRemind } from '../../app/eligibility.js';
import { formatLocal } from '../../app/local-time.js';
import { getPoll, openPollDeadlines } from '../../app/polls.js';
import { catalogue, localeFor } from '../../chat/i18n/index.js';
import type { Effect } from '../../chat/model.js';
import type { Db } from '../../db/client.js';
import { remindersBefore, type WantedReminder } from '../../domain/reminders.js';
import type { DueReminder, ReminderCommunity } from '../manifest.js';
import { PERSONAL_KIND } from './manifest.js';

/** The open polls' personal reminders before their deadlines. */
export async function wantedPersonalReminders(db: Db, c: ReminderCommunity, _now: Date): Promise<WantedReminder[]> {
  const polls = await openPollDeadlines(db, c.communityId);
  return remindersBefore(PERSONAL_KIND, polls.map((p) => ({ ref: p.pollId, objectId: p.pollId, at: p.closesAt })), c.offsets.poll, c.timezone);
}

/** The poll and its deadline, privately, with a personal sign-in link; nothing once it is closed. */
export async function renderPersonalReminder(db: Db, clock: Clock, r: DueReminder): Promise<Effect[]> {
  const community = await getCommunity(db, r.communityId);
  if (!community || r.objectId == null) return [];
  const poll = await getPoll(db, r.objectId);
  if (!poll || poll.status !== 'open') return [];
  const who = await membersToRemind(db, poll, clock.now());
  return who.map((m) => ({
    kind: 'private',
    platform: m.platform,
    userId: m.userId,
    text: catalogue(localeFor(m.locale)).reminders.personal(poll.pollNo, poll.title, formatLocal(poll.closesAt, community.timezone)),
    page: { pollId: poll.pollId, signIn: true },
    reminder: true,
  }));
}
