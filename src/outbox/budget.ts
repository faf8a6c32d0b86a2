/** The sending limits of one platform. */
export interface SendLimits {
  /** Messages a second in all. */
  perSecond: number;
  /** Messages and edits a minute to one group (reactions not counted). */
  groupPerMinute: number;
  /** Least time between two sends to one chat, in ms. */
  chatSpacingMs: number;
  /** Least time between any two sends, in ms, plus up to `jitterMs` (WeChat: bursts get an account blocked). */
  spacingMs: number;
  jitterMs: number;
}

/** The most sends started at one instant (the rest follow at the platform's rate). */
const BURST = 5;

/**
 * Telegram: about 30 messages a second in all (29 here, a little margin for requests delayed on the
 * way), 20 a minute and one a second to a group.
 */
export const TELEGRAM_LIMITS: SendLimits = { perSecond: 29, groupPerMinute: 20, chatSpacingMs: 1000, spacingMs: 0, jitterMs: 0 };
/** WeChat (web protocol): a conservative pace with pauses. */
export const WECHAT_LIMITS: SendLimits = { perSecond: 1, groupPerMinute: 12, chatSpacingMs: 3000, spacingMs: 1200, jitterMs: 1300 };
/** No limits (in-memory chats of the demo and tests). */
export const NO_LIMITS: SendLimits = { perSecond: 1_000_000, groupPerMinute: 1_000_000, chatSpacingMs: 0, spacingMs: 0, jitterMs: 0 };

/**
 * Sliding-window budgets kept by one dispatcher (milliseconds of a monotonic clock): which chats may
 * receive something now, and how many sends fit in the global limit right now.
 */
export function createBudget(limits: SendLimits, random: () => number = Math.random) {
  // A send counts against the second from its start until a second after it completed (or while it is
  // still on its way): a request delayed on the way cannot arrive together with the next second's.
  let global: { at: number; done: boolean }[] = [];
  // Sends are spread over the second (a small burst at most), so that what arrives at the platform
  // stays within its limit even when requests are delayed on the way.
  const burst = Math.max(1, Math.min(limits.perSecond, BURST));
  // The last quarter of a group's minute is not spent on reactions and turnout notes.
  const reserve = Math.max(1, Math.floor(limits.groupPerMinute / 4));
  let tokens = burst;
  let refilledAt = 0;
  const groupSends = new Map<string, number[]>();
  const nextAt = new Map<string, number>();
  // Reactions keep their own spacing per chat: a message never waits behind one.
  const nextReactionAt = new Map<string, number>();
  let nextAny = 0;

  const prune = (list: number[], since: number) => {
    while (list.length && list[0]! <= since) list.shift();
  };

  return {
    /** How many sends may start now. */
    available(now: number): number {
      if (now < nextAny) return 0;
      global = global.filter((g) => !g.done || g.at > now - 1000);
      tokens = Math.min(burst, tokens + ((now - refilledAt) * limits.perSecond) / 1000);
      refilledAt = now;
      const n = Math.min(limits.perSecond - global.length, Math.floor(tokens));
      return limits.spacingMs > 0 ? Math.min(1, n) : Math.max(0, n);
    },
    /**
     * Chats that may receive nothing now, groups whose minute window is full, and groups whose
     * window is nearly full (`tight`: what is left is kept for results, cards and replies).
     */
    blocked(now: number): { all: string[]; messages: string[]; reactions: string[]; tight: string[] } {
      const all: string[] = [];
      const messages: string[] = [];
      const reactions: string[] = [];
      const tight: string[] = [];
      for (const [chat, at] of nextAt) {
        if (at > now) all.push(chat);
        else nextAt.delete(chat);
      }
      for (const [chat, at] of nextReactionAt) {
        if (at > now) reactions.push(chat);
        else nextReactionAt.delete(chat);
      }
      for (const [chat, list] of groupSends) {
        prune(list, now - 60_000);
        if (!list.length) groupSends.delete(chat);
        else {
          if (list.length >= limits.groupPerMinute) messages.push(chat);
          if (list.length >= limits.groupPerMinute - reserve) tight.push(chat);
        }
      }
      return { all, messages, reactions, tight };
    },
    /** Records a send starting now; call what it returns when the send completed. */
    spend(now: number, chatId: string, opts: { group: boolean; countsAsMessage: boolean }): (at: number) => void {
      const slot = { at: now, done: false };
      global.push(slot);
      tokens -= 1;
      // A reaction is not a message: it is spaced from other reactions only (a result never waits behind one).
      if (limits.chatSpacingMs > 0) (opts.countsAsMessage ? nextAt : nextReactionAt).set(chatId, now + limits.chatSpacingMs);
      if (limits.spacingMs > 0) nextAny = now + limits.spacingMs + Math.floor(random() * limits.jitterMs);
      if (opts.group && opts.countsAsMessage) {
        let list = groupSends.get(chatId);
        if (!list) groupSends.set(chatId, (list = []));
        list.push(now);
      }
      return (at) => {
        slot.at = Math.max(slot.at, at);
        slot.done = true;
      };
    },
    /** Nothing goes to this chat (or, without one, anywhere) before `until` (a 429's retry_after). */
    hold(until: number, chatId?: string): void {
      if (chatId) nextAt.set(chatId, Math.max(nextAt.get(chatId) ?? 0, until));
      else nextAny = Math.max(nextAny, until);
    },
  };
}
