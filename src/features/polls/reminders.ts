/** The polls' reminder provider (SPEC §7): before each open poll closes (the community's offsets), its turnout and how many households have not voted, to the groups. */
import type { Clock } from '../../app/clock.js';
import { getCommunity } from '../../app/communities.js';
import { notVotedUnits } from '../../app/eligibility.js';
import { formatLocal } from '../../app/local-time.js';
import { getPoll, openPollDeadlines, pollTally } from '../../app/polls.js';
import { catalogue } from '../../chat/i18n/index.js';
import type { Effect } from '../../chat/model.js';
import { renderTurnout } from '../../chat/render-poll.js';
import type { Db } from '../../db/client.js';
import { remindersBefore, type WantedReminder } from '../../domain/reminders.js';
import type { DueReminder, ReminderCommunity } from '../manifest.js';
import { POLL_KIND } from './manifest.js';

/** The open polls' reminders before their deadlines. */
export async function wantedPollReminders(db: Db, c: ReminderCommunity, _now: Date): Promise<WantedReminder[]> {
  const polls = await openPollDeadlines(db, c.communityId);
  return remindersBefore(POLL_KIND, polls.map((p) => ({ ref: p.pollId, objectId: p.pollId, at: p.closesAt })), c.offsets.poll, c.timezone);
}

/** The poll, its deadline, turnout and the count of households that have not voted (never names); nothing once it is closed. */
export async function renderPollReminder(db: Db, _clock: Clock, r: DueReminder): Promise<Effect[]> {
  const community = await getCommunity(db, r.communityId);
  if (!community || r.objectId == null) return [];
  const t = catalogue(community.locale === 'en' ? 'en' : 'zh-CN');
  const poll = await getPoll(db, r.objectId);
  if (!poll || poll.status !== 'open') return [];
  const tally = await pollTally(db, poll);
  const unvoted = await notVotedUnits(db, poll, 1);
  const text = [t.reminders.poll(poll.pollNo, poll.title, formatLocal(poll.closesAt, community.timezone)), ...renderTurnout(t, tally), t.reminders.unvoted(unvoted.total)].join('\n');
  return [{ kind: 'announce', communityId: r.communityId, text, reminder: true }];
}
