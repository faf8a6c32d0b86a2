import { resultChartPng } from '../print/result-chart.js';
import { getCommunity } from '../app/communities.js';
import { getPoll, pollTally } from '../app/polls.js';
import type { Db } from '../db/client.js';
import type { OutboxRenderer } from '../outbox/dispatcher.js';
import { catalogue } from './i18n/index.js';
import { outcomeWords, pollButtons, renderPollCard } from './render-poll.js';

/** Renders what the dispatcher sends from the latest state: a poll's live card, a turnout line. */
export function createOutboxRenderer(db: Db): OutboxRenderer {
  async function load(pollId: number) {
    const poll = await getPoll(db, pollId);
    if (!poll) return null;
    const community = await getCommunity(db, poll.communityId);
    if (!community) return null;
    return { poll, community, t: catalogue(community.locale === 'en' ? 'en' : 'zh-CN'), tally: await pollTally(db, poll) };
  }
  return {
    async card(pollId) {
      const l = await load(pollId);
      if (!l) return null;
      const { poll, t, tally } = l;
      // Hidden results stay hidden until the close; a closed card loses its buttons.
      const shown = !poll.hideResults || poll.status === 'closed' ? tally : { ...tally, options: [] };
      const text = renderPollCard(t, poll, l.community.timezone, { buttons: true, tally: shown });
      const buttons = pollButtons(poll);
      return buttons ? { text, buttons } : { text };
    },
    async chart(pollId) {
      const l = await load(pollId);
      if (!l) return null;
      const { poll, t, tally } = l;
      const png = await resultChartPng(t, poll, tally);
      return { png, caption: t.chart.caption(poll.pollNo, outcomeWords(t, tally)) };
    },
    async chartElsewhere(pollId) {
      const l = await load(pollId);
      return l ? l.t.chart.elsewhere(l.poll.pollNo) : null;
    },
    async turnout(pollId, before) {
      const l = await load(pollId);
      if (!l || l.poll.status !== 'open') return null;
      const voted = l.tally.voted.heads;
      if (voted <= before) return null;
      return { text: l.t.quiet.turnoutLine(l.poll.pollNo, voted - before, voted, l.tally.eligible.heads), voted };
    },
  };
}
