import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { publicUrlOf, type Config } from './config.js';
import { systemClock, type Clock } from './app/clock.js';
import { commitSaying, queueEffects } from './app/outbox.js';
import { createDatabase, type Database } from './db/client.js';
import type { ChatCore } from './chat/core.js';
import { ANSWER_DEADLINE_MS } from './chat/deadline.js';
import { allFeatures } from './chat/features/index.js';
import type { Platform } from './chat/model.js';
import type { PlatformAdapter } from './adapters/adapter.js';
import type { TelegramClientOptions } from './adapters/telegram/telegram-adapter.js';
import { startHttp, type HttpRoute } from './http.js';
import { createLogger } from './logger.js';
import { startTicker } from './scheduler/ticker.js';
import { createMessaging, type Messaging } from './messaging.js';
import type { SendLimits } from './outbox/budget.js';
import type { RowTiming } from './outbox/outbox-rows.js';
import { recoverInbox } from './inbox-recovery.js';
import { createMetrics } from './metrics.js';
import { configSecrets, createRedactor } from './redact.js';
import { closeChartRenderer } from './print/result-chart.js';

export type { Config } from './config.js';
export { loadConfig, ConfigError } from './config.js';

export interface ServiceOptions {
  config: Config;
  /** A ready Wechaty puppet instance (tests, embedders); otherwise `config.WECHATY_PUPPET` is loaded by name. */
  wechatyPuppet?: unknown;
  /** grammY client options (e.g. `{ apiRoot }`, `timeoutSeconds`, a custom `fetch`). */
  telegramClient?: TelegramClientOptions;
  clock?: Clock;
  logger?: Logger;
  /** Live card edits and turnout lines: at most one per this many ms (defaults 5 s and 3 min). */
  timing?: Partial<RowTiming>;
  /** Sending limits per platform (default: each platform's own). */
  limits?: (platform: Platform) => SendLimits;
  /** Run the scheduler (deadline closes, reminders); default true. */
  scheduler?: boolean;
}

export interface ServiceHandle {
  core: ChatCore;
  messaging: Messaging;
  database: Database;
  adapters: PlatformAdapter[];
  /** The HTTP port actually bound (HTTP_PORT=0 picks a free one). */
  httpPort: number;
  log: Logger;
  /** Stops taking updates, finishes the messages in flight, closes the database. */
  stop(): Promise<void>;
}

/** Builds and starts the whole service: database (migrated), chat core, platforms, scheduler, HTTP. */
export async function startService(options: ServiceOptions): Promise<ServiceHandle> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.LOG_LEVEL, undefined, configSecrets(config));
  const clock = options.clock ?? systemClock;
  const started = Date.now();
  const database = await createDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    return await startOn(database, options, log, clock, started);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

/** The rest of the start on an open database (which the caller closes if this fails). */
async function startOn(database: Database, options: ServiceOptions, log: Logger, clock: Clock, started: number): Promise<ServiceHandle> {
  const { config } = options;
  const adapters: PlatformAdapter[] = [];
  let core: ChatCore | undefined;
  const metrics = createMetrics({ inFlight: () => core?.inFlight() ?? 0, adapters: () => adapters });
  await database.migrate();
  const db = database.db;
  // Links to the pages are built from PUBLIC_URL, else from the address the server listens on.
  let listening = config.HTTP_PORT;
  const publicUrl = () => publicUrlOf(config, listening);
  const timing: RowTiming = { cardIntervalMs: 5000, turnoutIntervalMs: 180_000, ...options.timing };
  // On a PostgreSQL server, nobody waits on a dead connection: after the deadline the answer is "try again later".
  const messaging = createMessaging({
    db,
    clock,
    log,
    features: allFeatures(),
    publicUrl,
    timing,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(database.kind === 'postgres' ? { deadlineMs: ANSWER_DEADLINE_MS } : {}),
  });
  core = metrics.timeCore(messaging.core);
  const routes: HttpRoute[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    // Platforms are loaded only when enabled (Wechaty and grammY are large).
    const { createTelegramAdapter } = await import('./adapters/telegram/telegram-adapter.js');
    const tg = createTelegramAdapter({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhookUrl: config.TELEGRAM_WEBHOOK_URL,
      client: options.telegramClient,
      core,
      keepUpdates: (msgs) => messaging.services.inbox.keep(msgs),
      log,
    });
    adapters.push(tg);
    if (tg.webhookRoute) routes.push(tg.webhookRoute);
  }
  if (config.WECHATY_PUPPET || options.wechatyPuppet) {
    const { createWechatAdapter } = await import('./adapters/wechat/wechat-adapter.js');
    adapters.push(
      createWechatAdapter({
        puppet: options.wechatyPuppet,
        puppetName: config.WECHATY_PUPPET,
        puppetToken: config.WECHATY_PUPPET_TOKEN,
        dataDir: config.DATA_DIR,
        core,
        identities: messaging.services.identities,
        inbox: messaging.services.inbox,
        queue: async (effects, origin) => {
          await queueEffects(db, effects, origin, clock.now(), timing);
          core!.wake();
        },
        clock,
        log,
      }),
    );
  }
  // The residents' pages (SPEC §13) on the same server as /healthz.
  const { createWebApp, webRoute } = await import('./web/app.js');
  routes.push(
    webRoute(
      createWebApp({
        db,
        now: () => clock.now(),
        publicUrl,
        ...(config.TELEGRAM_BOT_TOKEN ? { telegramToken: config.TELEGRAM_BOT_TOKEN } : {}),
        ballots: messaging.services.ballots,
        votePolls: messaging.services.votePolls,
        afterVote: (poll) => core!.enqueue([{ kind: 'card', pollId: poll.pollId }], { communityId: poll.communityId, cause: `web:${poll.pollId}:${randomUUID()}` }),
        commit: async (communityId, fn) => {
          const { result, queued } = await commitSaying(db, { communityId, cause: `desk:${randomUUID()}` }, () => clock.now(), fn, timing);
          if (queued) core!.wake();
          return result;
        },
      }),
    ),
  );
  for (const a of adapters) messaging.addTransport(a.transport);
  messaging.start();
  const http = await startHttp({
    port: config.HTTP_PORT,
    host: config.HTTP_HOST,
    redact: createRedactor(configSecrets(config)),
    routes,
    health: async () => {
      const dbUp = await database.ping();
      const platforms: Record<string, { state: string; detail?: string }> = {};
      for (const a of adapters) platforms[a.platform] = a.status();
      return { ok: dbUp, database: dbUp ? 'up' : 'down', platforms };
    },
    metrics: () => metrics.render(),
  });
  listening = http.port;
  // Updates kept before a crash are handled first, then the platforms take new ones.
  await recoverInbox({ db, core, log, adapters: adapters.filter((a) => !a.recoversOwnInbox) });
  // A platform that fails to start is reported by /healthz; the service stays up.
  await Promise.all(
    adapters.map((a) => a.start().catch((err) => log.error({ err, platform: a.platform }, 'platform failed to start'))),
  );
  const closer = options.scheduler === false ? null : startTicker({ services: messaging.services, clock, core, log, timing });
  const endpoint = await serveCliBeside(database, config.DATA_DIR);
  log.info({ ms: Date.now() - started, database: database.kind, platforms: adapters.map((a) => a.platform), port: http.port }, 'service started');
  let stopping: Promise<void> | null = null;
  return {
    core,
    messaging,
    database,
    adapters,
    httpPort: http.port,
    log,
    stop() {
      stopping ??= (async () => {
        closer?.stop();
        await Promise.all(adapters.map((a) => a.stop().catch((err) => log.warn({ err, platform: a.platform }, 'stop failed'))));
        for (let i = 0; i < 100 && core.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 50));
        await messaging.stop();
        closeChartRenderer();
        await http.close();
        await endpoint?.close();
        await database.close();
        metrics.stop();
        log.info('service stopped');
      })();
      return stopping;
    },
  };
}

/** On the embedded database (one process only), the operator CLI runs its commands here, over a local socket. */
async function serveCliBeside(database: Database, dataDir: string): Promise<{ close(): Promise<void> } | null> {
  if (database.kind !== 'pglite' || dataDir === 'memory://') return null;
  const { serveLocalEndpoint } = await import('./cli/local-endpoint.js');
  return serveLocalEndpoint(dataDir, async (argv, io) => {
    const { runAdmin } = await import('./cli/admin.js');
    return runAdmin(argv, io, { database });
  });
}

export type { Platform };
