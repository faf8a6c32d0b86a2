import { LRUCache } from 'lru-cache';
import { resultChartPng } from '../print/result-chart.js';
import { getCommunity } from '../app/communities.js';
import { findMember } from '../app/members.js';
import { getPoll, pollTally } from '../app/polls.js';
import type { Db } from '../db/client.js';
import type { OutboxRenderer, PageLink } from '../outbox/dispatcher.js';
import { linkKeyOf, pagePath } from '../web/links.js';
import { issueSignInLink } from '../web/sessions.js';
import { catalogue, localeFor } from './i18n/index.js';
import type { Platform } from './model.js';
import { outcomeWords, pollButtons, renderPollCard } from './render-poll.js';

export interface OutboxRendererOptions {
  /** The address residents reach the pages at (PUBLIC_URL); without it messages carry no page links. */
  publicUrl?: () => string;
  /** The time a sign-in link is issued at. */
  now?: () => Date;
}

/** Renders what the dispatcher sends from the latest state: a poll's live card, a turnout line, page links. */
export function createOutboxRenderer(db: Db, opts: OutboxRendererOptions = {}): OutboxRenderer {
  const now = opts.now ?? (() => new Date());
  async function load(pollId: number) {
    const poll = await getPoll(db, pollId);
    if (!poll) return null;
    const community = await getCommunity(db, poll.communityId);
    if (!community) return null;
    return { poll, community, t: catalogue(community.locale === 'en' ? 'en' : 'zh-CN'), tally: await pollTally(db, poll) };
  }
  // A poll's page key never changes: kept once read.
  const keys = new LRUCache<number, string>({ max: 5_000 });
  async function pageKey(poll: { pollId: number; communityId: number }): Promise<string> {
    const kept = keys.get(poll.pollId);
    if (kept) return kept;
    const key = await linkKeyOf(db, poll, 'poll', now());
    keys.set(poll.pollId, key);
    return key;
  }

  /** The poll's page as a button and a line, or for one person a sign-in link that opens it. */
  async function page(pollId: number, to?: { platform: Platform; userId: string }): Promise<PageLink | null> {
    const base = opts.publicUrl?.();
    if (!base) return null;
    const poll = await getPoll(db, pollId);
    if (!poll) return null;
    const key = await pageKey(poll);
    const member = to ? await findMember(db, poll.communityId, to.platform, to.userId) : null;
    if (member?.unitId) {
      const t = catalogue(localeFor(member.locale));
      const token = await issueSignInLink(db, member, now());
      const url = `${base}/s/${token}?p=${key}`;
      return { url, label: t.web.signInButton, line: t.web.signInLine(url) };
    }
    const community = await getCommunity(db, poll.communityId);
    const t = catalogue(community?.locale === 'en' ? 'en' : 'zh-CN');
    const url = `${base}${pagePath('poll', key)}`;
    return { url, label: t.web.pageButton, line: t.web.pageLine(url) };
  }

  return {
    async card(pollId) {
      const l = await load(pollId);
      if (!l) return null;
      const { poll, t, tally } = l;
      // Hidden results stay hidden until the close; a closed card loses its vote buttons, not its page.
      const shown = !poll.hideResults || poll.status === 'closed' ? tally : { ...tally, options: [] };
      const text = renderPollCard(t, poll, l.community.timezone, { buttons: true, tally: shown });
      const link = await page(pollId);
      const buttons = [...(pollButtons(poll) ?? []), ...(link ? [[{ label: link.label, url: link.url }]] : [])];
      return buttons.length ? { text, buttons } : { text };
    },
    page,
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
