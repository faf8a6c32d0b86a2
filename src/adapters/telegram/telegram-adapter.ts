import { createHash } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, webhookCallback, type ApiClientOptions, type Transformer } from 'grammy';
import type { Logger } from 'pino';
import type { ChatCore } from '../../chat/core.js';
import type { HttpRoute } from '../../http.js';
import type { PlatformAdapter } from '../adapter.js';
import { commandMenu } from './bot-commands.js';
import { describeTelegramError } from './errors.js';
import type { Update } from 'grammy/types';
import type { ChatMessage } from '../../chat/model.js';
import { ALLOWED_UPDATES, callbackToChat, messageToChat, updateToChat } from './to-chat-message.js';
import { createTelegramTransport } from './transport.js';

/** grammY client options (`apiRoot`, `timeoutSeconds`, a custom `fetch`, …) plus a few knobs for tests. */
export interface TelegramClientOptions extends ApiClientOptions {
  /** First wait before reconnecting after a failure, doubling up to `maxRetryMs` (defaults 1 s and 60 s). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Long-poll timeout of getUpdates in seconds (default 30). */
  pollTimeoutSeconds?: number;
}

export interface TelegramAdapterOptions {
  token: string;
  /** Bot API root (`TELEGRAM_API_ROOT`); `client.apiRoot` wins when both are given. */
  apiRoot?: string;
  /** When set, updates come by webhook to this URL (served on the HTTP server at its path) instead of long polling. */
  webhookUrl?: string;
  client?: TelegramClientOptions;
  core: ChatCore;
  /**
   * Keeps updates durably before Telegram is told they arrived (the inbox), in one statement, and says
   * of each (by update key) its inbox id and whether it was handled before.
   */
  keepUpdates(msgs: ChatMessage[]): Promise<Map<string, { inboxId: number; handled: boolean }>>;
  log: Logger;
}

export interface TelegramAdapter extends PlatformAdapter {
  /** The webhook endpoint for the HTTP server (webhook mode only). */
  readonly webhookRoute?: HttpRoute;
  readonly bot: Bot;
}

type Status = ReturnType<PlatformAdapter['status']>;

/**
 * Methods whose failures are retried elsewhere, so auto-retry stays out of them: the adapter's own
 * connection calls (reported in status()), and what the outbox dispatcher sends (it keeps Telegram's
 * limits in its budget, the one place they are kept, and honours a 429's retry_after by putting the
 * row back, instead of holding a claimed row while waiting).
 */
const SELF_RETRIED = new Set(['getUpdates', 'getMe', 'setWebhook', 'deleteWebhook', 'sendMessage', 'editMessageText', 'setMessageReaction', 'sendPhoto']);
/** A toast longer than this is shown as an alert the person closes; Telegram cuts both at 200 characters. */
const TOAST_MAX = 64;

/**
 * The Telegram adapter (grammY): long polling with @grammyjs/runner (updates of one chat in order),
 * or a webhook; the adapter's own calls through auto-retry, what the dispatcher sends straight out (it
 * paces and retries them). Updates become ChatMessages for
 * the core; nothing else happens here.
 */
export function createTelegramAdapter(opts: TelegramAdapterOptions): TelegramAdapter {
  const log = opts.log.child({ platform: 'telegram' });
  const { retryMs = 1000, maxRetryMs = 60_000, pollTimeoutSeconds = 30, ...client } = opts.client ?? {};
  const bot = new Bot(opts.token, { client: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), ...client } });
  const { core } = opts;
  /** The bot's id is the token's first part (what getMe answers too); known before connecting, for the inbox. */
  const botId = opts.token.split(':')[0] ?? 'telegram';

  let status: Status = { state: 'starting' };
  let stopped = true;
  let runner: RunnerHandle | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = retryMs;
  let webhookInFlight = 0;

  function setStatus(next: Status): void {
    if (next.state !== status.state || next.detail !== status.detail) {
      if (next.state === 'down') log.warn({ reason: next.detail }, 'telegram is down');
      else if (next.state === 'up') log.info({ bot: bot.isInited() ? bot.botInfo.username : undefined }, 'telegram is up');
    }
    status = next;
  }

  // Polling health: a failing getUpdates marks the platform down until one succeeds again.
  const watchPolling: Transformer = async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (method === 'getUpdates' && !stopped) {
        if (res.ok) {
          if (status.state === 'down') setStatus({ state: 'up' });
        } else setStatus({ state: 'down', detail: `getUpdates failed: ${res.error_code} ${res.description}` });
      }
      return res;
    } catch (err) {
      if (method === 'getUpdates' && !stopped && !signal?.aborted) setStatus({ state: 'down', detail: `getUpdates failed: ${describeTelegramError(err)}` });
      throw err;
    }
  };
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true });
  // Updates are kept in the inbox before the next getUpdates tells Telegram they arrived, the whole
  // batch in one statement; if they cannot be kept (the database is down), the call fails and the
  // same updates come again. Each is mapped here once; its handler takes the message.
  const keepBeforeConfirm: Transformer = async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (method === 'getUpdates' && res.ok && Array.isArray(res.result) && res.result.length && bot.isInited()) {
      const msgs = (res.result as Update[])
        .map((u) => updateToChat(u, bot.botInfo))
        .filter((m): m is ChatMessage => m !== null)
        .map((m) => ({ ...m, botId }));
      try {
        const entries = await opts.keepUpdates(msgs);
        for (const m of msgs) {
          const entry = entries.get(m.updateKey);
          if (entry) kept.set(m.updateKey, { msg: m, ...entry });
        }
      } catch (err) {
        // The database is unreachable: each of these is answered "try again later" by the core (said
        // directly, since nothing can be written) and so is not left without a word.
        log.warn({ updates: msgs.length, reason: err instanceof Error ? err.message : String(err) }, 'updates could not be kept; answering them as unavailable');
      }
    }
    return res;
  };
  /** Updates kept just now, as mapped then, with their inbox entries; each taken by its handler. */
  const kept = new Map<string, { msg: ChatMessage; inboxId: number; handled: boolean }>();
  /** The message of an update: as kept (null when it was handled before), else mapped now (a webhook's, or one that could not be kept). */
  const take = (update: Update, map: (u: Update) => ChatMessage | null): ChatMessage | null => {
    const key = String(update.update_id);
    const k = kept.get(key);
    if (!k) {
      const msg = map(update);
      return msg && { ...msg, botId };
    }
    kept.delete(key);
    return k.handled ? null : { ...k.msg, inboxId: k.inboxId };
  };
  bot.api.config.use(keepBeforeConfirm);
  bot.api.config.use(watchPolling);
  bot.api.config.use((prev, method, payload, signal) => (SELF_RETRIED.has(method) ? prev(method, payload, signal) : retry(prev, method, payload, signal)));

  const transport = createTelegramTransport(bot.api, log);

  bot.catch((err) => {
    log.error({ update: err.ctx.update.update_id, reason: describeTelegramError(err.error) }, 'telegram update failed');
  });
  // One person's updates in one chat in order; different people side by side (their votes share a batch).
  bot.use(sequentialize((ctx) => (ctx.chat ? `${ctx.chat.id}:${ctx.from?.id ?? ''}` : undefined)));
  bot.on('message:text', async (ctx) => {
    const msg = take(ctx.update, (u) => messageToChat(u, ctx.me));
    if (msg) await core.receive(msg);
  });
  bot.on('callback_query', async (ctx) => {
    let answered = false;
    const answer = async (text?: string): Promise<void> => {
      if (answered) return;
      answered = true;
      if (!text) return void (await ctx.answerCallbackQuery());
      const alert = text.length > TOAST_MAX;
      await ctx.answerCallbackQuery({ text: text.length > 200 ? `${text.slice(0, 199)}…` : text, ...(alert ? { show_alert: true } : {}) });
    };
    try {
      const msg = take(ctx.update, (u) => callbackToChat(u, ctx.me));
      if (msg) await core.receive(msg, { toast: answer });
    } finally {
      // The button's spinner stops only when the query is answered: always answer.
      await answer().catch((err) => log.debug({ reason: describeTelegramError(err) }, 'answering a button press failed'));
    }
  });

  const webhook = opts.webhookUrl ? new URL(opts.webhookUrl) : undefined;
  const secretToken = createHash('sha256').update(`yishi-webhook:${opts.token}`).digest('hex');
  let webhookRoute: HttpRoute | undefined;
  if (webhook) {
    const handle = webhookCallback(bot, 'http', { secretToken, onTimeout: 'return', timeoutMilliseconds: 50_000 });
    const path = webhook.pathname || '/';
    webhookRoute = async (req, res) => {
      if ((req.url ?? '/').split('?')[0] !== path) return false;
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return true;
      }
      if (stopped || !bot.isInited()) {
        // Telegram keeps the update and tries again.
        res.writeHead(503, { 'retry-after': '5' }).end();
        return true;
      }
      webhookInFlight++;
      try {
        await handle(req, res);
      } catch (err) {
        log.error({ reason: describeTelegramError(err) }, 'telegram webhook request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      } finally {
        webhookInFlight--;
      }
      return true;
    };
  }

  async function registerCommands(): Promise<void> {
    try {
      await bot.api.setMyCommands(commandMenu('zh-CN'));
      await bot.api.setMyCommands(commandMenu('en'), { language_code: 'en' });
    } catch (err) {
      log.warn({ reason: describeTelegramError(err) }, 'setting the telegram command menu failed; commands still work');
    }
  }

  function retryLater(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), delay);
    timer.unref?.();
    delay = Math.min(delay * 2, maxRetryMs);
  }

  /** getMe, then the webhook or the poller; on failure, status says why and it tries again later. */
  async function connect(): Promise<void> {
    if (stopped) return;
    try {
      const me = await bot.api.getMe();
      if (stopped) return;
      bot.botInfo = me;
      core.setBotUsername('telegram', me.username);
      void registerCommands();
      if (webhook) {
        await bot.api.setWebhook(webhook.href, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] });
        setStatus({ state: 'up' });
      } else {
        await bot.api.deleteWebhook();
        if (stopped) return;
        setStatus({ state: 'up' });
        startPolling();
      }
      delay = retryMs;
    } catch (err) {
      setStatus({ state: 'down', detail: describeTelegramError(err) });
      retryLater();
    }
  }

  function startPolling(): void {
    const handle = run(bot, {
      runner: {
        silent: true,
        fetch: { timeout: pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        // Short outages are retried by the runner; a longer one ends it and connect() takes over.
        retryInterval: 'quadratic',
        maxRetryTime: 60_000,
      },
    });
    runner = handle;
    handle.task()?.then(
      () => {
        if (!stopped && runner === handle) {
          setStatus({ state: 'down', detail: 'polling stopped' });
          retryLater();
        }
      },
      (err: unknown) => {
        if (!stopped && runner === handle) {
          setStatus({ state: 'down', detail: `polling stopped: ${describeTelegramError(err)}` });
          retryLater();
        }
      },
    );
  }

  return {
    platform: 'telegram',
    botId,
    transport,
    bot,
    ...(webhookRoute ? { webhookRoute } : {}),
    async start() {
      if (!stopped) return;
      stopped = false;
      delay = retryMs;
      setStatus({ state: 'starting' });
      await connect();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const r = runner;
      runner = undefined;
      await r?.stop()?.catch(() => {});
      for (let i = 0; i < 200 && webhookInFlight > 0; i++) await new Promise((done) => setTimeout(done, 50));
      status = { state: 'down', detail: 'stopped' };
    },
    status: () => status,
  };
}
