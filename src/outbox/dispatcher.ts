import { performance } from 'node:perf_hooks';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { Db } from '../db/client.js';
import {
  claimOutbox,
  dropLowPriority,
  forgetPicturesRefused,
  insertOutbox,
  lastSentNote,
  markFailed,
  markPart,
  markRetry,
  markSent,
  picturesRefusedSince,
  rememberPicturesRefused,
  type ClaimedRow,
} from '../db/outbox-repo.js';
import { pollMessages } from '../db/schema.js';
import type { ChatTransport, OutMessage, Platform } from '../chat/model.js';
import { createBudget, type SendLimits } from './budget.js';
import { failureKind, FINAL_FAILURES, reportDrops, reportFailure, retryAfterOf, UNREACHABLE, type FailureKind } from './failures.js';
import { messageOf, PRIORITY, type OutboxPayload } from './outbox-rows.js';
import { receiptFallbackRows, sendRecordedLine } from './receipt-fallback.js';

/** A link to a poll's page: its address, a button's label, and the line that says it in a text. */
export interface PageLink {
  url: string;
  label: string;
  line: string;
}

/** What is rendered at send time from the latest state (so one edit shows every vote before it). */
export interface OutboxRenderer {
  /** A poll's live card (text and buttons), or null when the poll is gone. */
  card(pollId: number): Promise<OutMessage | null>;
  /** The short turnout line of a poll for a group (with the households counted at the last line), or null. */
  turnout(pollId: number, before: number): Promise<{ text: string; voted: number } | null>;
  /** A poll's result as a picture with its caption, or null when it cannot be drawn here. */
  chart(pollId: number): Promise<{ png: Buffer; caption: string } | null>;
  /** Where a poll's result chart can be seen, for a chat that refuses pictures; null when the poll is gone. */
  chartElsewhere(pollId: number): Promise<string | null>;
  /** A poll's page, or for one person (`to`) a personal sign-in link to it; null without pages. */
  page?(pollId: number, to?: { platform: Platform; userId: string }): Promise<PageLink | null>;
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
  /** Attempts of one part before its row is given up (default 8). */
  maxAttempts?: number;
  /** How long a chat that refused a picture gets text alone before a picture is tried there again (default a day). */
  recheckPicturesMs?: number;
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

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** One part of a row went out: the row is done, or waits for its next part with what to note. */
type Step = { done: true; messageId: string | null; note?: Record<string, unknown> } | { done: false; note: Partial<OutboxPayload> };

/** A refusal that ends a part without failing the row (a picture the chat refused, a person not reached). */
class Refused {
  constructor(
    readonly kind: FailureKind,
    readonly error: unknown,
  ) {}
}

/**
 * Sends one platform's outbox: claims due rows atomically in PostgreSQL (one per chat per round, in
 * priority order), keeps within the platform's budget (all chats, each group per minute, each chat's
 * spacing), honours a 429's retry_after, and records each outcome. A message in parts (long texts
 * split, then a picture) goes one part per claim, each marked delivered on its own, so a retry never
 * sends again what went out; a row waiting for its retry is not due, so the chat's later rows go on.
 * A row claimed by a dispatcher that died is sent by another once its lease ran out.
 */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { db, transport, clock, log } = opts;
  const leaseMs = opts.leaseMs ?? 60_000;
  const idleMs = opts.idleMs ?? 200;
  const maxAttempts = opts.maxAttempts ?? 8;
  const recheckMs = opts.recheckPicturesMs ?? 24 * 3_600_000;
  const budget = createBudget(opts.limits);
  const counts = { sent: 0, failed: 0, retried: 0 };
  const split = (text: string): string[] => (transport.split ? transport.split(text) : [text]);
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;

  /** Failures already logged, per chat, for an hour: one line per chat and reason, not per retry. */
  const logged = new LRUCache<string, Set<FailureKind>>({ max: 10_000, ttl: 3_600_000 });
  function failed(row: ClaimedRow, kind: FailureKind, err: unknown, what: string): void {
    reportFailure(opts.platform, kind);
    const seen = logged.get(row.chatId) ?? new Set<FailureKind>();
    if (seen.has(kind)) return;
    seen.add(kind);
    logged.set(row.chatId, seen);
    const code = (err as { errorCode?: unknown } | null)?.errorCode;
    log.warn({ chat: row.chatId, outbox: row.outboxId, kind: row.kind, reason: kind, ...(typeof code === 'number' ? { code } : {}) }, what);
  }

  /** Result pictures drawn in the last minute, by poll: a retry, or the same result to the next group, is not drawn again. */
  const charts = new LRUCache<number, { png: Buffer; caption: string }>({ max: 16, ttl: 60_000 });
  async function chartOf(pollId: number): Promise<{ png: Buffer; caption: string } | null> {
    const kept = charts.get(pollId);
    if (kept) return kept;
    const drawn = await opts.render.chart(pollId).catch(() => null);
    if (drawn) charts.set(pollId, drawn);
    return drawn;
  }

  /**
   * A kept message as this platform sends it: buttons where it shows them, else the text for no buttons;
   * a link to a poll's page (for `to`, privately, a personal sign-in link) as a URL button or the last line.
   */
  const plain = async (kept: OutMessage, to?: string): Promise<OutMessage> => {
    const m = messageOf(kept);
    // (the picture, and whom a group message is addressed to, as kept)
    const carried = { ...(m.image ? { image: m.image } : {}), ...(m.mention ? { mention: m.mention } : {}) };
    const want = m.page && opts.render.page ? m.page : null;
    const link = want ? await opts.render.page!(want.pollId, want.signIn && to ? { platform: opts.platform, userId: to } : undefined).catch(() => null) : null;
    if (transport.edit) {
      const buttons = [...(m.buttons ?? []), ...(link ? [[{ label: link.label, url: link.url }]] : [])];
      return { text: m.text, ...(buttons.length ? { buttons } : {}), ...carried };
    }
    const text = m.textWithoutButtons ?? m.text;
    return { text: link && text ? `${text}\n${link.line}` : text, ...carried };
  };

  /** A transport call whose final refusal of kind `kinds` is taken as an answer (not a failure of the row). */
  async function refusable<T>(kinds: ReadonlySet<FailureKind>, call: () => Promise<T>): Promise<T | Refused> {
    try {
      return await call();
    } catch (err) {
      const kind = failureKind(err);
      if (!kinds.has(kind)) throw err;
      return new Refused(kind, err);
    }
  }
  const PICTURE_REFUSALS: ReadonlySet<FailureKind> = new Set(['rights']);

  /** A group message: its text parts, then its picture (or, where pictures are refused, a word on where it can be seen). */
  async function sendStep(row: ClaimedRow): Promise<Step> {
    const p = row.payload;
    const m = await plain(p.msg!, p.group ? undefined : row.chatId);
    const done = p.parts ?? 0;
    const picture = Boolean(p.chart || m.image);
    const noPicture = picture && (p.noPicture ?? (done === 0 && (await picturesRefusedSince(db, opts.platform, row.chatId, new Date(clock.now().getTime() - recheckMs)))));
    const elsewhere = p.chart && (noPicture || p.pictureRefused) ? await opts.render.chartElsewhere(p.chart.pollId) : null;
    const texts = m.text ? split(noPicture && elsewhere ? `${m.text}\n\n${elsewhere}` : m.text) : [];
    // The mention (WeChat's `@name`) goes with the first text part.
    const withButtons = (i: number, text: string): OutMessage => ({
      text,
      ...(i === texts.length - 1 && m.buttons ? { buttons: m.buttons } : {}),
      ...(i === 0 && m.mention ? { mention: m.mention } : {}),
    });
    const keep = { ...(picture ? { noPicture } : {}) };

    if (done < texts.length) {
      const sent = await transport.send(row.chatId, withButtons(done, texts[done]!));
      const sentId = sent?.messageId;
      if (done === texts.length - 1 && sentId && p.track && row.communityId != null) {
        await db
          .insert(pollMessages)
          .values({ pollId: p.track.pollId, communityId: row.communityId, platform: opts.platform, chatId: row.chatId, messageId: sentId })
          .onConflictDoUpdate({ target: [pollMessages.pollId, pollMessages.platform, pollMessages.chatId], set: { messageId: sentId } });
      }
      if (done === texts.length - 1 && (!picture || noPicture)) return { done: true, messageId: sentId ?? null };
      return { done: false, note: { parts: done + 1, ...keep, ...(sentId ? { sentId } : {}) } };
    }
    if (done === texts.length && picture && !noPicture) {
      // A result's picture is drawn now, when it is sent (and left out when it cannot be drawn).
      const image = p.chart ? await chartOf(p.chart.pollId) : m.image;
      if (!image) return { done: true, messageId: p.sentId ?? null };
      const sent = await refusable(PICTURE_REFUSALS, () => transport.send(row.chatId, { text: '', image }));
      if (sent instanceof Refused) {
        // The group forbids media (members, the bot included): text alone there from now on.
        failed(row, sent.kind, sent.error, 'picture refused by the chat; sending text alone there');
        await rememberPicturesRefused(db, opts.platform, row.chatId, clock.now());
        if (!p.chart || !texts.length) return { done: true, messageId: p.sentId ?? null };
        return { done: false, note: { parts: done + 1, pictureRefused: true } };
      }
      await forgetPicturesRefused(db, opts.platform, row.chatId);
      return { done: true, messageId: p.sentId ?? sent?.messageId ?? null };
    }
    // The picture was refused after the text went out: the text says where the chart can be seen.
    if (p.pictureRefused && elsewhere) {
      const last = texts.at(-1)!;
      const amended = `${last}\n\n${elsewhere}`;
      if (transport.edit && p.sentId && split(amended).length === 1) await transport.edit(row.chatId, p.sentId, withButtons(texts.length - 1, amended));
      else await transport.send(row.chatId, { text: elsewhere });
    }
    return { done: true, messageId: p.sentId ?? null };
  }

  /** A private message: its text parts (then a picture); a person who cannot be reached ends it, and the group hears so when it asked. */
  async function privateStep(row: ClaimedRow): Promise<Step> {
    const p = row.payload;
    const m = await plain(p.msg!, row.chatId);
    const done = p.parts ?? 0;
    const texts = m.text ? split(m.text) : [];
    // Buttons (a link to a page) go under the last text part.
    const parts: OutMessage[] = [
      ...texts.map((text, i) => (i === texts.length - 1 && m.buttons ? { text, buttons: m.buttons } : { text })),
      ...(m.image ? [{ text: '', image: m.image }] : []),
    ];
    const part = parts[done];
    const r = part ? await refusable(UNREACHABLE, () => transport.sendPrivate(row.chatId, part)) : true;
    if (r instanceof Refused) failed(row, r.kind, r.error, 'person cannot be reached');
    else if (r === false) failed(row, 'blocked', null, 'person cannot be reached');
    const reached = r === true || done > 0;
    if (r === true && done + 1 < parts.length) return { done: false, note: { parts: done + 1 } };
    const say = p.notice && (reached ? p.notice.ok : p.notice.fallback);
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
    await insertOutbox(db, receiptFallbackRows(row, reached, opts.platform, clock.now()));
    return { done: true, messageId: null, note: { reached } };
  }

  async function sendRow(row: ClaimedRow): Promise<Step> {
    const p = row.payload;
    switch (row.kind) {
      case 'send':
        return sendStep(row);
      case 'private':
        return privateStep(row);
      case 'recorded':
        return { done: true, ...(await sendRecordedLine(db, transport, opts.platform, row, clock.now())) };
      case 'edit': {
        const card = transport.edit ? await opts.render.card(p.pollId!) : null;
        if (card) await transport.edit!(row.chatId, p.messageId!, card);
        return { done: true, messageId: null };
      }
      case 'react':
        if (transport.react) await transport.react(row.chatId, p.messageId!, p.emoji!);
        return { done: true, messageId: null };
      case 'turnout': {
        const last = row.coalesceKey ? await lastSentNote(db, row.coalesceKey) : null;
        const line = await opts.render.turnout(p.pollId!, Number(last?.voted ?? 0));
        if (!line) return { done: true, messageId: null };
        const sent = await transport.send(row.chatId, { text: line.text });
        return { done: true, messageId: sent?.messageId ?? null, note: { voted: line.voted } };
      }
    }
  }

  async function deliver(row: ClaimedRow, completed: () => void): Promise<void> {
    try {
      const r = await sendRow(row).finally(completed);
      if (r.done) {
        await markSent(db, row.outboxId, clock.now(), r.messageId, r.note);
        counts.sent++;
      } else await markPart(db, row.outboxId, clock.now(), r.note);
    } catch (err) {
      const kind = failureKind(err);
      const after = retryAfterOf(err);
      if (after != null) {
        // Flood control: nothing more to this chat until Telegram says so; the row waits as long.
        failed(row, kind, err, 'platform asked to slow down');
        budget.hold(performance.now() + after * 1000, row.chatId);
        counts.retried++;
        await markRetry(db, row.outboxId, new Date(clock.now().getTime() + after * 1000), describe(err));
      } else if (FINAL_FAILURES.has(kind) || row.attempts >= maxAttempts) {
        // Will not change (no rights, blocked, no such chat) or tried enough: that part is over, the chat goes on.
        failed(row, kind, err, 'message not delivered');
        counts.failed++;
        await markFailed(db, row.outboxId, describe(err));
      } else {
        failed(row, kind, err, 'sending failed; will retry');
        counts.retried++;
        const wait = Math.min(60_000, 1000 * 2 ** (row.attempts - 1));
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
    if (blocked.tight.length) {
      // A group's budget is nearly spent: its reactions and turnout notes give way to what says more.
      for (const [kind, n] of await dropLowPriority(db, opts.platform, blocked.tight)) {
        reportDrops(opts.platform, kind, n);
        log.info({ kind, dropped: n, groups: blocked.tight.length }, 'group budget tight; low-priority messages dropped');
      }
    }
    const claimed = await claimOutbox(db, {
      platform: opts.platform,
      now: clock.now(),
      leaseMs,
      limit,
      blocked: blocked.all,
      blockedMessages: blocked.messages,
      blockedReactions: blocked.reactions,
      tight: blocked.tight,
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
