import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { getCommunity } from '../app/communities.js';
import { getPoll, pollTally } from '../app/polls.js';
import type { Db } from '../db/client.js';
import { pollMessages } from '../db/schema.js';
import { catalogue } from './i18n/index.js';
import type { ChatTransport, Platform } from './model.js';
import { pollButtons, renderPollCard } from './render-poll.js';

export interface LiveTally {
  /** A poll's counts changed: its cards are edited, at most once per interval. */
  touch(pollId: number): void;
  /** Remembers where a poll's card was posted. */
  track(pollId: number, communityId: number, platform: Platform, chatId: string, messageId: string): Promise<void>;
  /** Edits now (used at the close, to remove the buttons); never rejects. */
  flush(pollId: number): Promise<void>;
  stop(): void;
}

/** Keeps the poll cards in groups up to date, editing each at most once every `intervalMs`. */
export function createLiveTally(opts: { db: Db; transports: () => Map<Platform, ChatTransport>; log: Logger; intervalMs?: number }): LiveTally {
  const interval = opts.intervalMs ?? 5000;
  const timers = new Map<number, NodeJS.Timeout>();
  const lastEdit = new Map<number, number>();
  let stopped = false;

  async function edit(pollId: number): Promise<void> {
    timers.delete(pollId);
    lastEdit.set(pollId, Date.now());
    const poll = await getPoll(opts.db, pollId);
    if (!poll) return;
    // A closed poll's card is edited once more (buttons removed) and then never again.
    if (poll.status === 'closed') lastEdit.delete(pollId);
    const community = await getCommunity(opts.db, poll.communityId);
    if (!community) return;
    const t = catalogue(community.locale === 'en' ? 'en' : 'zh-CN');
    const where = await opts.db.select().from(pollMessages).where(and(eq(pollMessages.pollId, pollId)));
    const tally = await pollTally(opts.db, poll);
    for (const w of where) {
      const transport = opts.transports().get(w.platform as Platform);
      if (!transport?.edit) continue;
      const showTally = !poll.hideResults || poll.status === 'closed' ? tally : { ...tally, options: [] };
      const text = renderPollCard(t, poll, community.timezone, { buttons: true, tally: showTally });
      const buttons = pollButtons(poll);
      try {
        await transport.edit(w.chatId, w.messageId, buttons ? { text, buttons } : { text });
      } catch (err) {
        opts.log.warn({ err, pollId, chatId: w.chatId }, 'live tally edit failed');
      }
    }
  }

  return {
    touch(pollId) {
      if (stopped || timers.has(pollId)) return;
      const wait = Math.max(0, (lastEdit.get(pollId) ?? 0) + interval - Date.now());
      const timer = setTimeout(() => {
        edit(pollId).catch((err) => opts.log.warn({ err, pollId }, 'live tally failed'));
      }, Math.max(wait, 250));
      timer.unref?.();
      timers.set(pollId, timer);
    },
    async track(pollId, communityId, platform, chatId, messageId) {
      await opts.db.insert(pollMessages).values({ pollId, communityId, platform, chatId, messageId }).onConflictDoUpdate({
        target: [pollMessages.pollId, pollMessages.platform, pollMessages.chatId],
        set: { messageId },
      });
    },
    async flush(pollId) {
      const timer = timers.get(pollId);
      if (timer) clearTimeout(timer);
      // Best effort: a failed card edit must not stop the result being announced after a committed close.
      await edit(pollId).catch((err) => opts.log.warn({ err, pollId }, 'live tally failed'));
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
