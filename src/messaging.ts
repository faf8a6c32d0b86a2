import type { Logger } from 'pino';
import type { Clock } from './app/clock.js';
import { createServices, type Services } from './app/services.js';
import { createChatCore, type ChatCore } from './chat/core.js';
import type { Feature } from './chat/context.js';
import type { ChatTransport, Platform } from './chat/model.js';
import { createOutboxRenderer } from './chat/outbox-render.js';
import type { Db } from './db/client.js';
import { NO_LIMITS, TELEGRAM_LIMITS, WECHAT_LIMITS, type SendLimits } from './outbox/budget.js';
import { createDispatcher, type Dispatcher } from './outbox/dispatcher.js';
import { DEFAULT_TIMING, type RowTiming } from './outbox/outbox-rows.js';

/** The platform's sending budget in production. */
export const PLATFORM_LIMITS: Record<Platform, SendLimits> = { telegram: TELEGRAM_LIMITS, wechat: WECHAT_LIMITS };

export interface MessagingOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  features: Feature[];
  timing?: RowTiming;
  rateLimit?: { max: number; windowMs: number };
  /** Sending limits per platform (default: the platform's own; tests and the demo pass none). */
  limits?: (platform: Platform) => SendLimits;
  leaseMs?: number;
  idleMs?: number;
  /** Longest a message waits for the database before "try again later". */
  deadlineMs?: number;
  /** The address residents reach the pages at (PUBLIC_URL): poll cards, receipts and reminders link to them. */
  publicUrl?: () => string;
}

/** The message path, both ways: the chat core (in) and one outbox dispatcher per platform (out), built in one place. */
export interface Messaging {
  /** The instance's services, built here once and shared by the core, the adapters and the scheduler. */
  services: Services;
  core: ChatCore;
  dispatchers: Map<Platform, Dispatcher>;
  /** Registers a platform's transport and gives it a dispatcher. */
  addTransport(t: ChatTransport): Dispatcher;
  start(): void;
  stop(): Promise<void>;
  /** Sends everything due now (tests, the demo). */
  drain(): Promise<void>;
}

export function createMessaging(opts: MessagingOptions): Messaging {
  const timing = opts.timing ?? DEFAULT_TIMING;
  const services = createServices(opts.db, opts.clock);
  const core = createChatCore({
    services,
    db: opts.db,
    clock: opts.clock,
    log: opts.log,
    features: opts.features,
    timing,
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.deadlineMs ? { deadlineMs: opts.deadlineMs } : {}),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  });
  const render = createOutboxRenderer(opts.db, { ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}), now: () => opts.clock.now() });
  const dispatchers = new Map<Platform, Dispatcher>();
  let started = false;
  core.onEnqueued(() => {
    for (const d of dispatchers.values()) d.nudge();
  });
  return {
    services,
    core,
    dispatchers,
    addTransport(t) {
      core.registerTransport(t);
      const d = createDispatcher({
        db: opts.db,
        platform: t.platform,
        transport: t,
        clock: opts.clock,
        log: opts.log.child({ dispatcher: t.platform }),
        render,
        limits: opts.limits?.(t.platform) ?? PLATFORM_LIMITS[t.platform],
        ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
        ...(opts.idleMs ? { idleMs: opts.idleMs } : {}),
      });
      dispatchers.set(t.platform, d);
      if (started) d.start();
      return d;
    },
    start() {
      started = true;
      for (const d of dispatchers.values()) d.start();
    },
    async stop() {
      started = false;
      await Promise.all([...dispatchers.values()].map((d) => d.stop()));
    },
    async drain() {
      for (const d of dispatchers.values()) await d.drain();
    },
  };
}

export { NO_LIMITS };
