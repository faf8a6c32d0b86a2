import { getCommunity } from '../app/communities.js';
import { formatLocal } from '../app/local-time.js';
import { getPoll, pollTally } from '../app/polls.js';
import type { Reminder } from '../app/reminders.js';
import { membersToRemind, notVotedUnits } from '../app/eligibility.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../app/clock.js';
import { reminderProvider } from '../features/registry.js';
import { catalogue, localeFor } from './i18n/index.js';
import type { Effect } from './model.js';
import { renderTurnout } from './render-poll.js';

/**
 * What a due reminder says, as effects: group announcements (counts only, never names) and private
 * messages (personal poll reminders to households that have not voted); the kinds a feature registered are said by its provider.
 */
export async function reminderEffects(db: Db, clock: Clock, r: Reminder): Promise<Effect[]> {
  const community = await getCommunity(db, r.communityId);
  if (!community) return [];
  const t = catalogue(community.locale === 'en' ? 'en' : 'zh-CN');
  const tz = community.timezone;
  const announce = (lines: string[]): Effect[] => [{ kind: 'announce', communityId: r.communityId, text: lines.join('\n'), reminder: true }];
  switch (r.kind) {
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
    default: {
      // A kind registered by a feature: its provider says it.
      const provider = reminderProvider(r.kind);
      return provider ? provider.render(db, clock, r) : [];
    }
  }
}
