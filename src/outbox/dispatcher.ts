import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { Db } from '../db/client.js';
import { claimOutbox, insertOutbox, lastSentNote, markFailed, markRetry, markSent, type ClaimedRow } from '../db/outbox-repo.js';
import { pollMessages } from '../db/schema.js';
import type { ChatTransport, OutMessage, Platform } from '../chat/model.js';
import { createBudget, type SendLimits } from './budget.js';
import { messageOf, PRIORITY } from './outbox-rows.js';
import { receiptFallbackRows, sendRecordedLine } from './receipt-fallback.js';

/** What is rendered at send time from the latest state (so one edit shows every vote before it). */
export interface OutboxRenderer {
  /** A poll's live card (text and buttons), or null when the poll is gone. */
  card(pollId: number): Promise<OutMessage | null>;
  /** The short turnout line of a poll for a group (with the households counted at the last line), or null. */
  turnout(pollId: number, before: number): Promise<{ text: string; voted: number } | null>;
  /** A poll's result as a picture with its caption, or null when it cannot be drawn here. */
  chart(pollId: number): Promise<{ png: Buffer; caption: string } | null>;
}

export interface DispatcherOptions {
  db: Db;
  platform: Platform;
  transport: ChatTransport;
  clock: Clock;
  log: Logger;
  render: OutboxRenderer;
  limits: SendLimits;
  /** How long a claimed row is ours; after it, another dispatcher may take it (default 60 s). */
  leaseMs?: number;
  /** Wait between looks at the outbox when nothing is due (default 200 ms). */
  idleMs?: number;
  /** Attempts before a row is given up (default 8). */
  maxAttempts?: number;
}

export interface Dispatcher {
  start(): void;
  /** Stops claiming and waits for the sends under way. */
  stop(): Promise<void>;
  /** Look now (something was just written). */
  nudge(): void;
  /** One round: claims what may be sent now and sends it. Returns how many rows it claimed. */
  tick(): Promise<number>;
  /** Rounds until nothing due is left (tests, the demo). */
  drain(maxRounds?: number): Promise<void>;
  /** Sends so far, for metrics. */
  stats(): { sent: number; failed: number; retried: number };
}

const retryAfterOf = (err: unknown): number | null => {
  const r = (err as { retryAfter?: unknown })?.retryAfter;
  return typeof r === 'number' && r >= 0 ? r : null;
};
const permanent = (err: unknown): boolean => {
  const code = (err as { errorCode?: unknown })?.errorCode;
  return code === 400 || code === 403 || code === 404;
};
const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * Sends one platform's outbox: claims due rows atomically in PostgreSQL (one per chat per round, in
 * priority order), keeps within the platform's budget (all chats, each group per minute, each chat's
 * spacing), honours a 429's retry_after, and records each outcome. A row claimed by a dispatcher that
 * died is sent by another once its lease ran out.
 */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { db, transport, clock, log } = opts;
  const leaseMs = opts.leaseMs ?? 60_000;
  const idleMs = opts.idleMs ?? 200;
  const maxAttempts = opts.maxAttempts ?? 8;
  const budget = createBudget(opts.limits);
  const counts = { sent: 0, failed: 0, retried: 0 };
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;

  async function sendRow(row: ClaimedRow): Promise<{ messageId: string | null; note?: Record<string, unknown> }> {
    const p = row.payload;
    const plain = (kept: OutMessage): OutMessage => {
      const m = messageOf(kept);
      const image = m.image ? { image: m.image } : {};
      return transport.edit ? { text: m.text, ...(m.buttons ? { buttons: m.buttons } : {}), ...image } : { text: m.textWithoutButtons ?? m.text, ...image };
    };
    switch (row.kind) {
      case 'send': {
        // A result's picture is drawn now, when it is sent (and left out when it cannot be drawn).
        const image = p.chart ? await opts.render.chart(p.chart.pollId).catch(() => null) : null;
        const sent = await transport.send(row.chatId, image ? { ...plain(p.msg!), image } : plain(p.msg!));
        if (sent && p.track && row.communityId != null) {
          await db
            .insert(pollMessages)
            .values({ pollId: p.track.pollId, communityId: row.communityId, platform: opts.platform, chatId: row.chatId, messageId: sent.messageId })
            .onConflictDoUpdate({ target: [pollMessages.pollId, pollMessages.platform, pollMessages.chatId], set: { messageId: sent.messageId } });
        }
        return { messageId: sent?.messageId ?? null };
      }
      case 'private': {
        const ok = await transport.sendPrivate(row.chatId, plain(p.msg!));
        const say = p.notice && (ok ? p.notice.ok : p.notice.fallback);
        if (say && p.notice) {
          await insertOutbox(db, [
            {
              communityId: row.communityId,
              platform: opts.platform,
              chatId: p.notice.chatId,
              kind: 'send',
              priority: PRIORITY.reply,
              payload: { msg: { text: say }, group: true },
              dedupeKey: `${row.dedupeKey}:notice`,
              coalesceKey: null,
              notBefore: clock.now(),
              createdAt: clock.now(),
            },
          ]);
        }
        // A vote's receipt that could not be delivered: the group's line names the unit, the voter gets the hint once.
        await insertOutbox(db, receiptFallbackRows(row, ok, opts.platform, clock.now()));
        return { messageId: null, note: { reached: ok } };
      }
      case 'recorded':
        return sendRecordedLine(db, transport, opts.platform, row, clock.now());
      case 'edit': {
        const card = transport.edit ? await opts.render.card(p.pollId!) : null;
        if (card) await transport.edit!(row.chatId, p.messageId!, card);
        return { messageId: null };
      }
      case 'react':
        if (transport.react) await transport.react(row.chatId, p.messageId!, p.emoji!);
        return { messageId: null };
      case 'turnout': {
        const last = row.coalesceKey ? await lastSentNote(db, row.coalesceKey) : null;
        const line = await opts.render.turnout(p.pollId!, Number(last?.voted ?? 0));
        if (!line) return { messageId: null };
        const sent = await transport.send(row.chatId, { text: line.text });
        return { messageId: sent?.messageId ?? null, note: { voted: line.voted } };
      }
    }
  }

  async function deliver(row: ClaimedRow, completed: () => void): Promise<void> {
    try {
      const r = await sendRow(row).finally(completed);
      await markSent(db, row.outboxId, clock.now(), r.messageId, r.note);
      counts.sent++;
    } catch (err) {
      const after = retryAfterOf(err);
      if (after != null) {
        // Flood control: nothing more to this chat until Telegram says so; the row waits as long.
        budget.hold(performance.now() + after * 1000, row.chatId);
        counts.retried++;
        log.warn({ chat: row.chatId, retryAfter: after, outbox: row.outboxId }, 'platform asked to slow down');
        await markRetry(db, row.outboxId, new Date(clock.now().getTime() + after * 1000), describe(err));
      } else if (permanent(err) || row.attempts >= maxAttempts) {
        counts.failed++;
        log.warn({ chat: row.chatId, outbox: row.outboxId, kind: row.kind, reason: describe(err) }, 'message not delivered');
        await markFailed(db, row.outboxId, describe(err));
      } else {
        counts.retried++;
        const wait = Math.min(60_000, 1000 * 2 ** (row.attempts - 1));
        log.warn({ chat: row.chatId, outbox: row.outboxId, kind: row.kind, reason: describe(err) }, 'sending failed; will retry');
        await markRetry(db, row.outboxId, new Date(clock.now().getTime() + wait), describe(err));
      }
    }
  }

  /** The last round found no budget left (rows may be waiting): look again soon, not after the idle wait. */
  let starved = false;

  async function tick(): Promise<number> {
    const now = performance.now();
    const limit = Math.min(budget.available(now), 100);
    starved = limit <= 0;
    if (starved) return 0;
    const blocked = budget.blocked(now);
    const claimed = await claimOutbox(db, {
      platform: opts.platform,
      now: clock.now(),
      leaseMs,
      limit,
      blocked: blocked.all,
      blockedMessages: blocked.messages,
    });
    const spent = claimed.map((row) => budget.spend(performance.now(), row.chatId, { group: row.payload.group, countsAsMessage: row.kind !== 'react' }));
    // One row per chat: the sends of a round go out side by side.
    await Promise.all(claimed.map((row, i) => deliver(row, () => spent[i]!(performance.now()))));
    return claimed.length;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let n = 0;
      try {
        n = await tick();
      } catch (err) {
        log.warn({ reason: describe(err), platform: opts.platform }, 'outbox dispatch failed; will retry');
        await sleep(1000);
        continue;
      }
      if (!running) break;
      await sleep(n > 0 ? 5 : starved ? Math.max(5, Math.ceil(1000 / opts.limits.perSecond)) : idleMs);
      wake = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      wake?.();
      await loop;
      loop = null;
    },
    nudge() {
      if (wake) {
        clearTimeout(timer);
        const w = wake;
        wake = null;
        w();
      }
    },
    tick,
    async drain(maxRounds = 1000) {
      for (let i = 0; i < maxRounds; i++) if ((await tick()) === 0) return;
    },
    stats: () => ({ ...counts }),
  };
}
