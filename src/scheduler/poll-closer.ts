import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import { getCommunity } from '../app/communities.js';
import { closePoll, duePolls } from '../app/polls.js';
import type { Db } from '../db/client.js';
import type { ChatCore } from '../chat/core.js';
import { catalogue } from '../chat/i18n/index.js';
import { announceResult } from '../chat/features/polls.js';
import type { LiveTally } from '../chat/live-tally.js';

/**
 * Closes polls whose deadline has passed and announces each result once: the close is a conditional
 * UPDATE, so with several instances only one of them announces.
 */
export async function closeDuePolls(deps: { db: Db; clock: Clock; core: ChatCore; live: LiveTally; log: Logger }): Promise<number> {
  let closed = 0;
  for (const due of await duePolls(deps.db, deps.clock)) {
    const r = await closePoll(deps.db, deps.clock, { pollId: due.pollId, actor: null });
    if (!r.ok) continue;
    closed++;
    const community = await getCommunity(deps.db, due.communityId);
    const t = catalogue(community?.locale === 'en' ? 'en' : 'zh-CN');
    await deps.live.flush(due.pollId);
    await deps.core.deliver(await announceResult({ deps: { db: deps.db }, t }, r.poll, community?.timezone ?? 'Asia/Shanghai'));
    deps.log.info({ pollId: due.pollId, communityId: due.communityId, outcome: r.result.outcome }, 'poll closed at its deadline');
  }
  return closed;
}

/** Checks for due polls every 15 seconds with node-cron. */
export function startPollCloser(deps: Parameters<typeof closeDuePolls>[0]): { stop(): void } {
  let running = false;
  const task = cron.schedule('*/15 * * * * *', async () => {
    if (running) return;
    running = true;
    try {
      await closeDuePolls(deps);
    } catch (err) {
      deps.log.warn({ err }, 'closing due polls failed; will retry');
    } finally {
      running = false;
    }
  });
  return { stop: () => void task.stop() };
}
