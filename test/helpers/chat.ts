import pino from 'pino';
import { createManualClock } from '../../src/app/clock.js';
import { allFeatures } from '../../src/chat/features/index.js';
import { createMessaging, NO_LIMITS } from '../../src/messaging.js';
import { createMemoryTransport } from '../../src/chat/memory-transport.js';
import type { ChatMessage, Platform } from '../../src/chat/model.js';
import type { Feature } from '../../src/chat/context.js';
import type { Db } from '../../src/db/client.js';

let seq = 0;

/** An in-process chat world over the real core and features, with memory transports. */
export function createChatWorld(
  db: Db,
  opts: {
    start?: string;
    platform?: Platform;
    rateLimit?: { max: number; windowMs: number };
    /** People the bot cannot message privately (not a friend, never started the bot). */
    unreachable?: Set<string>;
    /** Card edits and turnout lines (default: both at once). */
    timing?: { cardIntervalMs?: number; turnoutIntervalMs?: number };
    /** The features (default: all of them). */
    features?: Feature[];
    /** The pages' address (PUBLIC_URL): poll cards, receipts and reminders link to them. */
    publicUrl?: string;
    /** false: messages cannot be edited and show no buttons (as on WeChat). */
    editable?: boolean;
  } = {},
) {
  const clock = createManualClock(opts.start ?? '2026-12-01T02:00:00Z');
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const platform = opts.platform ?? 'telegram';
  const transport = createMemoryTransport(platform, { ...(opts.unreachable ? { unreachable: opts.unreachable } : {}), ...(opts.editable === false ? { editable: false } : {}) });
  const messaging = createMessaging({
    db,
    clock,
    log,
    features: opts.features ?? allFeatures(),
    rateLimit: opts.rateLimit ?? { max: 1000, windowMs: 60_000 },
    limits: () => NO_LIMITS,
    timing: { cardIntervalMs: 0, turnoutIntervalMs: 0, ...opts.timing },
    ...(opts.publicUrl ? { publicUrl: () => opts.publicUrl! } : {}),
  });
  const dispatcher = messaging.addTransport(transport);
  const core = messaging.core;
  /** A person says something; what the bot says back is sent before this resolves (the outbox drained). */
  const say = async (
    where: { group: string } | 'private',
    who: { id: string; name?: string; lang?: string },
    text: string,
    extra: Partial<ChatMessage> = {},
  ) =>
    core.receive({
      platform,
      updateKey: `u${++seq}`,
      chatId: where === 'private' ? who.id : where.group,
      chatKind: where === 'private' ? 'private' : 'group',
      chatTitle: where === 'private' ? '' : `群 ${where.group}`,
      sender: { userId: who.id, name: who.name ?? who.id, ...(who.lang ? { languageCode: who.lang } : {}) },
      text,
      mentioned: false,
      mentions: [],
      ...extra,
    }).then(async (effects) => {
      await messaging.drain();
      return effects;
    });
  return { clock, core, transport, say, log, messaging, dispatcher, drain: () => messaging.drain() };
}
