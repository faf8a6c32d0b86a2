import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import { WechatyBuilder, qrcodeValueToImageUrl, types, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import type { Clock } from '../../app/clock.js';
import type { ChatCore } from '../../chat/core.js';
import { catalogue } from '../../chat/i18n/index.js';
import type { ChatMessage, Person } from '../../chat/model.js';
import type { IdentityStore, InboxService } from '../../app/services.js';
import type { PlatformAdapter } from '../adapter.js';
import { createWechatyDirectory } from './directory.js';
import { splitQuote } from './quote.js';
import { createWechatIdentity, type DirectoryContact, type QueueEffects } from './identity.js';
import { keptMessage, keptSender, type KeptWechatMessage, type MessageFacts } from './kept-message.js';
import { createKeptRecovery } from './kept-recovery.js';

export interface WechatAdapterOptions {
  /** A ready Wechaty puppet instance (tests, embedders); otherwise `puppetName` is loaded. */
  puppet?: unknown;
  /** The puppet package, e.g. `wechaty-puppet-wechat4u`. */
  puppetName?: string | undefined;
  puppetToken?: string | undefined;
  /** Where Wechaty keeps its memory card (the login session): `<dataDir>/yishi-wechat.memory-card.json`. */
  dataDir: string;
  core: ChatCore;
  /** Groups and identities (the services'). */
  identities: IdentityStore;
  /** Where messages are kept on receipt, before anything else is done with them (the services'). */
  inbox: InboxService;
  /** Writes what the identity recovery says to the outbox and tells the dispatchers (WeChat's dispatcher sends it). */
  queue: QueueEffects;
  clock: Clock;
  log: Logger;
  /** Milliseconds before starting again after the puppet failed to start (default 60 s). */
  retryMs?: number;
  /** Milliseconds to wait for the puppet's `ready` after a login before re-linking anyway (default 15 s). */
  readyWaitMs?: number;
}

export interface WechatAdapter extends PlatformAdapter {
  /** The Wechaty instance once `start()` has built it (tests drive its puppet). */
  readonly wechaty: Wechaty | null;
}

/** Messages older than this (a sync after a re-login) are not answered. */
const MAX_AGE_S = 30 * 60;
const USER_MEDIA = new Set([types.Message.Image, types.Message.Audio, types.Message.Video, types.Message.Attachment, types.Message.Emoticon]);

/** WeChat through Wechaty: room and private messages to the chat core, replies back with say(). Nothing else. */
export function createWechatAdapter(opts: WechatAdapterOptions): WechatAdapter {
  const { core, log } = opts;
  let bot: Wechaty | null = null;
  let phase: 'idle' | 'starting' | 'running' | 'failed' = 'idle';
  let stopping = false;
  let lastError: string | undefined;
  let waitingForScan = false;
  let loggedOut: string | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let readyTimer: NodeJS.Timeout | undefined;
  /** Messages in the chat core (a stop waits for them). */
  const handling = new Set<Promise<void>>();
  /** Messages this process kept and is still resolving or handling (recovery leaves them alone). */
  const receiving = new Set<string>();
  // After a login, kept messages of earlier sessions are handled first; new ones wait for them.
  let recovered: Promise<void> = Promise.resolve();
  let finishRecovery = (): void => {};
  let recoveryRan = false;
  const { dir, transport } = createWechatyDirectory(() => bot);
  const identity = createWechatIdentity({ store: opts.identities, clock: opts.clock, log, dir, queue: opts.queue, wake: () => core.wake() });

  function build(): Wechaty {
    const name = path.join(path.resolve(opts.dataDir), 'yishi-wechat');
    if (opts.puppet) return WechatyBuilder.build({ name, puppet: opts.puppet as never });
    const puppetName = opts.puppetName ?? 'wechaty-puppet-wechat4u';
    return WechatyBuilder.build({ name, puppet: puppetName as never, puppetOptions: opts.puppetToken ? { token: opts.puppetToken } : {} });
  }

  function listen(b: Wechaty): void {
    // A puppet that cannot reach WeChat retries many times a second: the same error is logged once a minute.
    let logged = { text: '', at: 0, repeated: 0 };
    b.on('error', (err) => {
      lastError = err?.message ?? String(err);
      const now = Date.now();
      if (lastError === logged.text && now - logged.at < 60_000) {
        logged.repeated++;
        return;
      }
      log.warn({ err: lastError, ...(logged.repeated ? { repeatedBefore: logged.repeated } : {}) }, 'wechat: error');
      logged = { text: lastError, at: now, repeated: 0 };
    });
    b.on('scan', (qrcode, status) => {
      waitingForScan = true;
      if (status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout) {
        log.info({ url: qrcodeValueToImageUrl(qrcode), qrcode }, 'wechat: scan the QR code with the bot account to log in');
        if (log.isLevelEnabled('info')) qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stdout.write(`${art}\n`));
      } else log.info({ status: types.ScanStatus[status] }, 'wechat: QR code scanned, waiting for confirmation on the phone');
    });
    b.on('login', (user) => {
      waitingForScan = false;
      loggedOut = undefined;
      lastError = undefined;
      log.info({ user: user.id }, 'wechat: logged in');
      identity.loggedIn();
      const earlier = finishRecovery;
      recoveryRan = false;
      recovered = new Promise<void>((resolve) => (finishRecovery = resolve));
      earlier();
      clearTimeout(readyTimer);
      readyTimer = setTimeout(() => void afterLogin(), opts.readyWaitMs ?? 15_000);
      readyTimer.unref?.();
    });
    b.on('ready', () => {
      clearTimeout(readyTimer);
      void afterLogin();
    });
    b.on('logout', (_user, reason) => {
      loggedOut = reason ?? 'logged out';
      if (stopping) return void log.info('wechat: logged out (stopping)');
      log.warn({ reason: loggedOut }, 'wechat: logged out; the service keeps running, scan the new QR code to log in again');
    });
    b.on('room-topic', (room, topic) => {
      identity.roomRenamed(room.id, topic).catch((err) => log.warn({ err }, 'wechat: keeping a room topic failed'));
    });
    // Also while stopping: a message handed over then is kept, and handled after the restart.
    b.on('message', (m) => {
      onMessage(m).catch((err) => log.error({ err, update: m.id }, 'wechat: message handling failed'));
    });
  }

  /** Once per login: re-link rooms and members, then handle what was kept and not handled before. */
  async function afterLogin(): Promise<void> {
    await identity.sweep();
    if (recoveryRan) return;
    recoveryRan = true;
    const done = finishRecovery;
    try {
      await recoverKept();
    } catch (err) {
      log.error({ err }, 'wechat: handling kept messages after login failed');
    } finally {
      done();
    }
  }

  async function afterRecovery(): Promise<void> {
    for (let r = recovered; ; r = recovered) {
      await r;
      if (r === recovered) return;
    }
  }

  function selfContact(): Contact | null {
    try {
      return bot?.currentUser ?? null;
    } catch {
      return null;
    }
  }

  /** What Wechaty has loaded with the message (no puppet call). */
  function factsOf(m: Message, talker: Contact, room: Room | undefined): MessageFacts {
    const self = selfContact();
    const ids = (m.payload as { mentionIdList?: unknown } | undefined)?.mentionIdList;
    return {
      id: m.id,
      text: m.text(),
      talker: { id: talker.id, name: talker.name(), alias: talker.payload?.alias ?? '', friend: talker.friend() ?? undefined },
      room: room ? { id: room.id, topic: room.payload?.topic ?? '' } : null,
      mentionIds: Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [],
      self: self ? { id: self.id, name: self.name() } : null,
    };
  }

  /** The kept message completed with what only the puppet can say: mentions by room alias, other people mentioned. */
  async function toChatMessage(m: Message, kept: KeptWechatMessage, room: Room | undefined): Promise<ChatMessage> {
    const { wechat: _facts, ...base } = kept;
    if (!room) return base;
    let { text, mentioned, replyToBot } = base;
    const quote = splitQuote(m.text());
    const self = selfContact();
    if (quote && !mentioned && self && quote.name === (await room.alias(self).catch(() => undefined))) {
      mentioned = true;
      replyToBot = { text: quote.quoted };
    }
    const mentions: Person[] = [];
    const selfId = dir.selfId();
    const list = await m.mentionList().catch(() => []);
    mentioned = mentioned || list.some((c) => c.id === selfId) || (await m.mentionSelf().catch(() => false));
    for (const c of list) if (c.id !== selfId) mentions.push({ userId: c.id, name: c.name() });
    if ((list.length || mentioned) && !quote) text = await m.mentionText();
    return { ...base, text, mentioned, mentions, ...(replyToBot ? { replyToBot } : {}), chatTitle: base.chatTitle || (await room.topic()) };
  }

  function inCore(msg: ChatMessage): Promise<void> {
    const p = core.receive(msg).then(() => {});
    handling.add(p);
    void p.finally(() => handling.delete(p));
    return p;
  }

  const settle = async (msg: ChatMessage): Promise<void> => {
    if (msg.inboxId != null) await opts.inbox.markHandled([msg.inboxId]);
  };

  /** A kept message whose room and sender are known in this session: identity recovery, then the core. */
  async function handle(msg: ChatMessage, sender: DirectoryContact): Promise<void> {
    const verdict = await identity.admit(msg, sender);
    // Stopping: what is not in the core yet stays kept, and is handled after the restart.
    if (stopping) return;
    if (verdict.pass) await inCore(msg);
    else if (!verdict.held) await settle(msg);
    if (verdict.dropped) await settle(verdict.dropped);
    if (verdict.replay) await inCore(verdict.replay);
    await identity.remember(msg, sender);
  }

  const recoverKept = createKeptRecovery({ inbox: opts.inbox, dir, store: opts.identities, log, receiving, handle, stopping: () => stopping });

  /**
   * Kept first, resolved after: the message is in the inbox before any puppet call is awaited, so a
   * crash (or a lookup that never returns) cannot lose it. One delivered again is not handled again.
   */
  async function onMessage(m: Message): Promise<void> {
    if (m.self()) return;
    const talker = m.talker();
    if (talker.type() === types.Contact.Official || talker.type() === types.Contact.Corporation) return;
    if (m.age() > MAX_AGE_S) return;
    const room = m.room();
    if (m.type() !== types.Message.Text) {
      // A picture or a voice note in a private chat: told that only text is read, through the outbox as every reply.
      if (!room && USER_MEDIA.has(m.type())) {
        const chat = { platform: 'wechat' as const, chatId: talker.id, chatKind: 'private' as const };
        await opts.queue([{ kind: 'reply', text: catalogue('zh-CN').common.notText }], { msg: chat, communityId: null, cause: `wechat:${m.id}:not-text` });
      }
      return;
    }
    const kept = keptMessage(factsOf(m, talker, room));
    receiving.add(kept.updateKey);
    try {
      let inboxId: number | undefined;
      try {
        inboxId = (await opts.inbox.keepNew([kept])).get(kept.updateKey);
        if (inboxId === undefined) return void log.debug({ update: m.id }, 'wechat: message delivered again; kept already');
      } catch (err) {
        // The database is unreachable: the core answers "try again later" directly.
        const reason = (err as { code?: unknown })?.code ?? (err instanceof Error ? err.name : 'unknown');
        log.warn({ update: m.id, reason }, 'wechat: message could not be kept; answering it as unavailable');
        if (stopping) return;
        return void (await inCore(await toChatMessage(m, kept, room)));
      }
      await afterRecovery();
      if (stopping) return;
      await handle({ ...(await toChatMessage(m, kept, room)), inboxId }, keptSender(kept));
    } finally {
      receiving.delete(kept.updateKey);
    }
  }

  function puppetRunning(b: Wechaty): boolean {
    try {
      return b.puppet.state.active() === true;
    } catch {
      return false;
    }
  }

  async function launch(b: Wechaty): Promise<void> {
    phase = 'starting';
    lastError = undefined;
    try {
      await b.start();
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (stopping) return;
    if (puppetRunning(b)) {
      phase = 'running';
      log.info({ puppet: opts.puppet ? 'instance' : (opts.puppetName ?? 'wechaty-puppet-wechat4u') }, 'wechat: started; waiting for login');
      return;
    }
    phase = 'failed';
    const retryMs = opts.retryMs ?? 60_000;
    log.error({ err: lastError, retryInMs: retryMs }, 'wechat: could not start; the service keeps running without WeChat and retries');
    retryTimer = setTimeout(() => {
      void (async () => {
        await b.stop().catch(() => {});
        if (!stopping) await launch(b);
      })();
    }, retryMs);
    retryTimer.unref?.();
  }

  return {
    platform: 'wechat',
    botId: 'wechat',
    recoversOwnInbox: true,
    transport,
    get wechaty() {
      return bot;
    },
    async start() {
      mkdirSync(opts.dataDir, { recursive: true });
      bot = build();
      listen(bot);
      await launch(bot);
    },
    async stop() {
      stopping = true;
      clearTimeout(retryTimer);
      clearTimeout(readyTimer);
      finishRecovery();
      await Promise.race([Promise.allSettled([...handling]), new Promise((r) => setTimeout(r, 10_000).unref?.())]);
      if (bot && phase === 'running') await bot.stop().catch((err) => log.warn({ err }, 'wechat: stop failed'));
      phase = 'idle';
    },
    status() {
      if (stopping) return { state: 'down', detail: 'stopped' };
      if (phase === 'idle' || phase === 'starting') return { state: 'starting' };
      if (phase === 'failed') return { state: 'down', detail: `WeChat could not start: ${lastError ?? 'unknown error'}` };
      if (bot?.isLoggedIn) return { state: 'up' };
      if (loggedOut) return { state: 'down', detail: `logged out (${loggedOut}); scan the QR code in the log to log in again` };
      if (waitingForScan) return { state: 'down', detail: 'waiting for a QR code scan (see the log)' };
      return { state: 'down', detail: lastError ? `not logged in; last error: ${lastError}` : 'not logged in' };
    },
  };
}
