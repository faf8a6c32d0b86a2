import { getCommunity, type Community } from '../app/communities.js';
import { ballotsByChannel, pollTally, type Poll } from '../app/polls.js';
import type { Db } from '../db/client.js';
import { catalogue, type Catalogue } from './i18n/index.js';
import type { Effect } from './model.js';
import { pollResultNotes } from './poll-notes.js';
import { renderResults } from './render-poll.js';

/** The ballots per channel, when any came in other than online (paper, assisted, proxy). */
export async function channelNote(db: Db, t: Catalogue, poll: Poll): Promise<string[]> {
  const counts = await ballotsByChannel(db, poll.pollId);
  if (Object.keys(counts).every((c) => c === 'online')) return [];
  const order = ['online', 'paper', 'assisted', 'proxy'] as const;
  return [t.matters.channels(order.filter((c) => counts[c]).map((c) => `${t.matters.channelName(c)} ${counts[c]}`))];
}

/**
 * What a poll's close says, wherever it was closed (`/close`, the desk, its deadline): its card
 * loses its buttons at once, and the result goes to every group of its community, in the
 * community's language and time zone (`community` when the caller has it; else it is read).
 */
export async function closedPollEffects(db: Db, poll: Poll, community?: Pick<Community, 'locale' | 'timezone'> | null): Promise<Effect[]> {
  const where = community ?? (await getCommunity(db, poll.communityId));
  const t = catalogue(where?.locale === 'en' ? 'en' : 'zh-CN');
  const tz = where?.timezone ?? 'Asia/Shanghai';
  const tally = await pollTally(db, poll);
  const notes = [...(await channelNote(db, t, poll)), ...(await pollResultNotes({ deps: { db }, t }, poll))];
  const text = [renderResults(t, poll, tally, tz, { hidden: false }), ...notes].join('\n');
  // Platforms without buttons are read on phones (WeChat): the same result in a few lines.
  const textWithoutButtons = [renderResults(t, poll, tally, tz, { hidden: false, compact: true }), ...notes].join('\n');
  // Many residents read a picture more easily than a table: the result also goes out as a chart,
  // drawn when it is sent (and left out when it cannot be drawn on this machine); the close does
  // not wait for it.
  return [
    { kind: 'card', pollId: poll.pollId, now: true },
    { kind: 'announce', communityId: poll.communityId, text, textWithoutButtons, chart: { pollId: poll.pollId } },
  ];
}
