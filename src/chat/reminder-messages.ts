import { sql } from 'drizzle-orm';
import { getCommunity } from '../app/communities.js';
import { formatLocal } from '../app/local-time.js';
import { getPoll, pollTally } from '../app/polls.js';
import type { Reminder } from '../app/reminders.js';
import { isOwnerRule } from '../domain/tally.js';
import { rows, type Db } from '../db/client.js';
import { holderKeySql, mayCastSql } from '../db/holder-sql.js';
import { unvotedUnits } from '../db/polls-repo.js';
import type { Clock } from '../app/clock.js';
import { reminderProvider } from '../features/registry.js';
import { catalogue, localeFor } from './i18n/index.js';
import type { Effect, Platform } from './model.js';
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
      const unvoted = await unvotedUnits(db, poll.communityId, poll.pollId, isOwnerRule(poll.rule), 1, poll.scope);
      return announce([t.reminders.poll(poll.pollNo, poll.title, formatLocal(poll.closesAt, tz)), ...renderTurnout(t, tally), t.reminders.unvoted(unvoted.total)]);
    }
    case 'personal': {
      const poll = await getPoll(db, r.objectId!);
      if (!poll || poll.status !== 'open') return [];
      const owner = isOwnerRule(poll.rule);
      const who = await rows<{ platform: Platform; user_id: string; locale: string | null }>(
        db,
        sql`select m.platform, m.user_id, m.locale from members m join units u on u.unit_id = m.unit_id
          where m.community_id = ${poll.communityId} and m.remind and ${mayCastSql(owner, sql`m.relation`)}
            and yishi_in_scope(u.label, ${poll.scope}::text) and ${poll.opensAt.toISOString()}::timestamptz <= ${clock.now().toISOString()}::timestamptz
            and not exists (select 1 from poll_votes b where b.poll_id = ${poll.pollId} and b.holder_key = ${holderKeySql(owner, 'u')})
          order by m.member_id`,
      );
      return who.map((m) => ({
        kind: 'private',
        platform: m.platform,
        userId: m.user_id,
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
