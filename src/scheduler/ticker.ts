import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import { closePoll } from '../app/polls.js';
import { queueEffects } from '../app/outbox.js';
import { syncReminders } from '../app/reminders.js';
import type { Services } from '../app/services.js';
import type { ChatCore } from '../chat/core.js';
import { closedPollEffects } from '../chat/poll-result.js';
import { reminderEffects } from '../chat/reminder-messages.js';
import type { RowTiming } from '../outbox/outbox-rows.js';

export interface TickerDeps {
  /** The instance's services (the composition root's). */
  services: Services;
  clock: Clock;
  core: ChatCore;
  log: Logger;
  timing?: RowTiming;
}

/**
 * Closes polls whose deadline has passed and announces each result once: the close (a conditional
 * UPDATE, so with several instances only one of them closes), the card's last state, the result and
 * the poll's reminders are one transaction, so a close is never committed without its announcement.
 */
export async function closeDuePolls(deps: TickerDeps): Promise<number> {
  let closed = 0;
  for (const due of await deps.services.schedule.duePolls()) {
    const outcome = await deps.services.transaction(async (db) => {
      const r = await closePoll(db, deps.clock, { pollId: due.pollId, actor: null });
      if (!r.ok) return null;
      await queueEffects(db, await closedPollEffects(db, r.poll), { communityId: due.communityId, cause: `close:${due.pollId}` }, deps.clock.now(), deps.timing);
      await syncReminders(db, deps.clock, due.communityId);
      return r.result.outcome;
    });
    if (outcome === null) continue;
    closed++;
    deps.core.wake();
    deps.log.info({ pollId: due.pollId, communityId: due.communityId, outcome }, 'poll closed at its deadline');
  }
  return closed;
}

/**
 * Queues due reminders: each is taken once (also with several instances), and its outbox rows are
 * written in the transaction that marks it queued (the dispatcher sends them; `schedule` shows when
 * the send was confirmed); one more than six hours late is recorded as missed. What a provider does before its reminders
 * are said (a deliberation day's agenda rolled over) runs first, as a step of its own: rendering a reminder never writes.
 */
export async function sendDueReminders(deps: TickerDeps): Promise<{ sent: number; missed: number }> {
  let sent = 0;
  let missed = 0;
  const { schedule } = deps.services;
  await schedule.prepareDueReminders();
  for (;;) {
    const r = await schedule.takeDueReminders(async (tx, rem) => {
      const effects = await reminderEffects(tx, deps.clock, rem);
      return queueEffects(tx, effects, { communityId: rem.communityId, cause: `reminder:${rem.reminderId}` }, deps.clock.now(), deps.timing);
    });
    sent += r.queued.length;
    missed += r.missed.length;
    for (const m of r.missed) deps.log.warn({ communityId: m.communityId, reminder: m.naturalKey, due: m.dueAt.toISOString() }, 'reminder missed: more than six hours late');
    if (r.taken < 200) break;
  }
  if (sent) deps.log.info({ queued: sent }, 'reminders queued');
  return { sent, missed };
}

/** One round of the scheduler: deadlines, then reminders (due ones first, so a late one is judged before its object moves on). */
export async function tickOnce(deps: TickerDeps, opts: { sync?: boolean } = {}): Promise<void> {
  await closeDuePolls(deps);
  await sendDueReminders(deps);
  if (opts.sync) await deps.services.schedule.syncAllReminders();
}

/** Runs the scheduler every 15 seconds with node-cron; reminders of every community are re-synced every ten minutes. */
export function startTicker(deps: TickerDeps): { stop(): void; ready: Promise<void> } {
  let running = false;
  let lastSync = 0;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const sync = Date.now() - lastSync > 600_000;
      await tickOnce(deps, { sync });
      if (sync) lastSync = Date.now();
    } catch (err) {
      deps.log.warn({ err }, 'scheduler round failed; will retry');
    } finally {
      running = false;
    }
  };
  // At start: what came due while the service was down (late by under six hours: sent; later: missed).
  const ready = round();
  const task = cron.schedule('*/15 * * * * *', round);
  return { stop: () => void task.stop(), ready };
}
