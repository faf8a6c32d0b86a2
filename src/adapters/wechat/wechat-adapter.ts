import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import { WechatyBuilder, qrcodeValueToImageUrl, types, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import type { Clock } from '../../app/clock.js';
import type { ChatCore } from '../../chat/core.js';
import { catalogue } from '../../chat/i18n/index.js';
import type { ChatMessage, Person } from '../../chat/model.js';
import type { IdentityStore } from '../../app/services.js';
import type { PlatformAdapter } from '../adapter.js';
import { cardPollNo } from '../../chat/read-message.js';
import { createWechatyDirectory } from './directory.js';
import { splitQuote } from './quote.js';
import { createWechatIdentity, type DirectoryContact } from './identity.js';

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
  const inFlight = new Set<Promise<void>>();
  const { dir, transport } = createWechatyDirectory(() => bot);
  const identity = createWechatIdentity({ store: opts.identities, clock: opts.clock, log, dir });

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
      clearTimeout(readyTimer);
      readyTimer = setTimeout(() => void identity.sweep(), opts.readyWaitMs ?? 15_000);
      readyTimer.unref?.();
    });
    b.on('ready', () => {
      clearTimeout(readyTimer);
      void identity.sweep();
    });
    b.on('logout', (_user, reason) => {
      loggedOut = reason ?? 'logged out';
      if (stopping) return void log.info('wechat: logged out (stopping)');
      log.warn({ reason: loggedOut }, 'wechat: logged out; the service keeps running, scan the new QR code to log in again');
    });
    b.on('room-topic', (room, topic) => {
      identity.roomRenamed(room.id, topic).catch((err) => log.warn({ err }, 'wechat: keeping a room topic failed'));
    });
    b.on('message', (m) => {
      if (stopping) return;
      const p = onMessage(m).catch((err) => log.error({ err, update: m.id }, 'wechat: message handling failed'));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    });
  }

  function selfContact(): Contact | null {
    try {
      return bot?.currentUser ?? null;
    } catch {
      return null;
    }
  }

  async function toChatMessage(m: Message, talker: Contact, room: Room | undefined): Promise<ChatMessage> {
    let text = m.text();
    let mentioned = false;
    // A 引用 reply: the reply is the text; a quoted poll card of the bot's makes it a reply to the bot.
    const quote = splitQuote(text);
    let replyToBot: ChatMessage['replyToBot'];
    if (quote) {
      text = quote.reply;
      const self = selfContact();
      const byBot = self !== null && (quote.name === self.name() || (room ? quote.name === (await room.alias(self).catch(() => undefined)) : false));
      if (byBot || cardPollNo(quote.quoted) !== null) replyToBot = { text: quote.quoted };
      if (byBot) mentioned = true;
    }
    const mentions: Person[] = [];
    if (room) {
      const selfId = dir.selfId();
      const list = await m.mentionList().catch(() => []);
      mentioned = mentioned || list.some((c) => c.id === selfId) || (await m.mentionSelf().catch(() => false));
      for (const c of list) if (c.id !== selfId) mentions.push({ userId: c.id, name: c.name() });
      if ((list.length || mentioned) && !quote) text = await m.mentionText();
    }
    return {
      platform: 'wechat',
      updateKey: m.id,
      botId: 'wechat',
      messageId: m.id,
      chatId: room ? room.id : talker.id,
      chatKind: room ? 'group' : 'private',
      chatTitle: room ? await room.topic() : '',
      sender: { userId: talker.id, name: talker.name() },
      text,
      mentioned,
      mentions,
      ...(replyToBot ? { replyToBot } : {}),
    };
  }

  async function onMessage(m: Message): Promise<void> {
    if (m.self()) return;
    const talker = m.talker();
    if (talker.type() === types.Contact.Official || talker.type() === types.Contact.Corporation) return;
    if (m.age() > MAX_AGE_S) return;
    const room = m.room();
    if (m.type() !== types.Message.Text) {
      if (!room && USER_MEDIA.has(m.type())) await transport.send(talker.id, { text: catalogue('zh-CN').common.notText });
      return;
    }
    const msg = await toChatMessage(m, talker, room);
    const sender: DirectoryContact = { id: talker.id, name: talker.name(), alias: (await talker.alias()) ?? '', friend: talker.friend() ?? undefined };
    const verdict = await identity.admit(msg, sender);
    if (verdict.pass) await core.receive(msg);
    if (verdict.replay) await core.receive(verdict.replay);
    await identity.remember(msg, sender);
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
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 10_000).unref?.())]);
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
