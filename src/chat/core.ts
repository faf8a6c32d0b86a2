import type { Logger } from 'pino';
import { sql } from 'drizzle-orm';
import type { Clock } from '../app/clock.js';
import { findGroupWithCommunity, groupsOf, type Community, type GroupLink } from '../app/communities.js';
import { isConnectionError } from '../app/errors.js';
import { findMember, latestMembership, type Member } from '../app/members.js';
import type { Db } from '../db/client.js';
import { rows } from '../db/client.js';
import type { Ctx, CoreDeps, Feature } from './context.js';
import { catalogue, localeFor } from './i18n/index.js';
import type { LiveTally } from './live-tally.js';
import type { ChatMessage, ChatTransport, Effect, Locale, OutMessage, Platform } from './model.js';
import { COMMAND_WORDS, parseCommand, type CommandName, type ParsedCommand } from './parse-command.js';
import { createRateLimiter } from './rate-limit.js';

export const MAX_TEXT = 4000;

export interface ChatCore {
  /** Handles one message and delivers its replies; never throws. */
  receive(msg: ChatMessage, respond?: { toast?(text: string): Promise<void> }): Promise<Effect[]>;
  /** Sends effects produced outside a message (announcements by the scheduler). */
  deliver(effects: Effect[], origin?: ChatMessage, respond?: { toast?(text: string): Promise<void> }): Promise<void>;
  registerTransport(t: ChatTransport): void;
  /** The bot's own username on a platform (known once the adapter connected), for `/cmd@bot` and `@bot` in commands. */
  setBotUsername(platform: Platform, username: string): void;
  transports: Map<Platform, ChatTransport>;
  /** Messages being handled right now (for a clean shutdown). */
  inFlight(): number;
}

export interface CoreOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  live: LiveTally;
  features: Feature[];
  botUsernames?: Partial<Record<Platform, string>>;
  rateLimit?: { max: number; windowMs: number };
}

/** The platform-neutral router: parses, resolves who and where, runs the feature behind one error boundary. */
export function createChatCore(opts: CoreOptions): ChatCore {
  const transports = new Map<Platform, ChatTransport>();
  const botUsernames: Partial<Record<Platform, string>> = { ...opts.botUsernames };
  const limiter = createRateLimiter(opts.rateLimit?.max ?? 20, opts.rateLimit?.windowMs ?? 60_000);
  const byCommand = new Map<CommandName, Feature>();
  for (const f of opts.features) for (const c of f.commands) byCommand.set(c, f);
  const deps: CoreDeps = {
    db: opts.db,
    clock: opts.clock,
    log: opts.log,
    live: opts.live,
    hasButtons: (p) => Boolean(transports.get(p)?.edit),
  };
  let active = 0;

  async function buildCtx(msg: ChatMessage): Promise<Ctx> {
    let group: GroupLink | null = null;
    let community: Community | null = null;
    let member: Member | null = null;
    if (msg.chatKind === 'group') {
      const linked = await findGroupWithCommunity(opts.db, msg.platform, msg.chatId);
      if (linked) {
        ({ group, community } = linked);
        member = await findMember(opts.db, linked.group.communityId, msg.platform, msg.sender.userId);
      }
    } else {
      const latest = await latestMembership(opts.db, msg.platform, msg.sender.userId);
      if (latest) ({ member, community } = latest);
    }
    const locale: Locale =
      msg.chatKind === 'group'
        ? community?.locale === 'en'
          ? 'en'
          : localeFor(undefined)
        : member?.locale
          ? localeFor(member.locale)
          : localeFor(msg.sender.languageCode);
    const effects: Effect[] = [];
    return {
      msg,
      deps,
      locale,
      t: catalogue(locale),
      group,
      community,
      member,
      effects,
      reply: (text, extra) => effects.push({ kind: 'reply', text, ...extra }),
      privately: (text, extra) => {
        const t = catalogue(locale);
        effects.push({
          kind: 'private',
          userId: msg.sender.userId,
          text,
          ...extra,
          ...(msg.chatKind === 'group' ? { okNotice: t.common.repliedPrivately, fallback: t.common.cannotReachPrivately } : {}),
        });
      },
      announce: (communityId, text, extra) => effects.push({ kind: 'announce', communityId, text, ...extra }),
      toast: (text) => effects.push({ kind: 'toast', text }),
      isCommittee: () => member?.role === 'committee' || member?.role === 'chair',
      isChair: () => member?.role === 'chair',
    };
  }

  /** Marks an update as handled; false when it was handled before (a redelivery). */
  async function firstDelivery(msg: ChatMessage, communityId: number | null): Promise<boolean> {
    const r = await rows(
      opts.db,
      sql`insert into processed_updates (community_id, source_key) values (${communityId}, ${`${msg.platform}:${msg.updateKey}`}) on conflict do nothing returning source_key`,
    );
    return r.length > 0;
  }

  /** The per-identity limit: null when allowed, the one explaining refusal, or [] to stay silent. */
  function overLimit(msg: ChatMessage, kind: 'reply' | 'toast'): Effect[] | null {
    const limit = limiter.hit(`${msg.platform}:${msg.sender.userId}`, opts.clock.now().getTime());
    if (limit === 'ok') return null;
    if (limit === 'silent') return [];
    return [{ kind, text: catalogue(localeFor(msg.sender.languageCode)).common.rateLimited }];
  }

  async function dispatch(msg: ChatMessage): Promise<Effect[] | null> {
    const inGroup = msg.chatKind === 'group';
    if (msg.button) {
      const feature = opts.features.find((f) => f.buttonPrefixes?.some((p) => msg.button!.data.startsWith(p)));
      if (!feature?.handleButton) return null;
      // Button presses count against the same per-identity limit as commands.
      const refused = overLimit(msg, 'toast');
      if (refused) return refused.length ? refused : null;
      const ctx = await buildCtx(msg);
      await feature.handleButton(ctx, msg.button.data);
      return ctx.effects;
    }
    const parsed = parseCommand(msg.text.length > MAX_TEXT * 4 ? msg.text.slice(0, MAX_TEXT + 1) : msg.text, {
      botUsername: botUsernames[msg.platform],
    });
    const addressed = parsed.kind !== 'none' || msg.mentioned || !inGroup;
    if (!addressed) return null; // ordinary chatter in a group: stay quiet
    const refused = overLimit(msg, 'reply');
    if (refused) return refused.length ? refused : null;
    const ctx = await buildCtx(msg);
    if (msg.text.length > MAX_TEXT) {
      ctx.reply(ctx.t.common.tooLong(MAX_TEXT));
      return ctx.effects;
    }
    if (parsed.kind === 'unknown-command') {
      const s = parsed.suggestion;
      ctx.reply(ctx.t.common.unknownCommand(parsed.word, s ? (ctx.locale === 'en' ? `/${COMMAND_WORDS[s].en}` : COMMAND_WORDS[s].zh[0]!) : null));
      return ctx.effects;
    }
    let cmd: ParsedCommand;
    if (parsed.kind === 'none') {
      // A mention or a private message that is not a command: answer with help.
      cmd = { name: 'help', args: '', argv: [], lines: [] };
    } else cmd = parsed.command;
    const feature = byCommand.get(cmd.name);
    if (!feature) {
      // A command of the product that this service does not offer yet: say so plainly.
      ctx.reply(ctx.t.common.notOffered(ctx.locale === 'en' ? `/${COMMAND_WORDS[cmd.name].en}` : COMMAND_WORDS[cmd.name].zh[0]!));
      return ctx.effects;
    }
    if (inGroup && !ctx.group && cmd.name !== 'setup' && cmd.name !== 'help') {
      ctx.reply(ctx.t.common.notLinked);
      return ctx.effects;
    }
    const marked = feature.mutating?.includes(cmd.name) ?? false;
    if (marked && !(await firstDelivery(msg, ctx.community?.communityId ?? null))) return null;
    try {
      await feature.handle(ctx, cmd);
    } catch (err) {
      // The handler failed: a redelivery of this update may try again.
      if (marked) await opts.db.execute(sql`delete from processed_updates where source_key = ${`${msg.platform}:${msg.updateKey}`}`).catch(() => {});
      throw err;
    }
    return ctx.effects;
  }

  async function deliver(effects: Effect[], origin?: ChatMessage, respond?: { toast?(text: string): Promise<void> }): Promise<void> {
    for (const e of effects) {
      try {
        if (e.kind === 'toast') {
          if (respond?.toast) await respond.toast(e.text);
          else if (origin) await send(origin.platform, origin.chatId, { text: e.text });
        } else if (e.kind === 'reply' && origin) {
          await send(origin.platform, origin.chatId, e);
        } else if (e.kind === 'private') {
          const platform = origin?.platform;
          const transport = platform && transports.get(platform);
          if (!transport) continue;
          const ok = await transport.sendPrivate(e.userId, outOf(e));
          const notice = ok ? e.okNotice : e.fallback;
          if (origin && notice) await transport.send(origin.chatId, { text: notice });
        } else if (e.kind === 'announce') {
          for (const g of await groupsOf(opts.db, e.communityId)) {
            const transport = transports.get(g.platform);
            if (!transport) continue;
            const sent = await send(g.platform, g.chatId, e);
            if (sent && e.track) await opts.live.track(e.track.pollId, g.communityId, g.platform, g.chatId, sent.messageId);
          }
        }
      } catch (err) {
        opts.log.warn({ err, effect: e.kind, platform: origin?.platform }, 'delivery failed');
      }
    }
  }

  function outOf(e: OutMessage): OutMessage {
    const out: OutMessage = e.buttons ? { text: e.text, buttons: e.buttons } : { text: e.text };
    return e.image ? { ...out, image: e.image } : out;
  }

  async function send(platform: Platform, chatId: string, e: OutMessage): Promise<{ messageId: string } | null> {
    const transport = transports.get(platform);
    if (!transport) return null;
    const out = transport.edit ? outOf(e) : { text: e.textWithoutButtons ?? e.text, ...(e.image ? { image: e.image } : {}) };
    return transport.send(chatId, out);
  }

  return {
    transports,
    registerTransport(t) {
      transports.set(t.platform, t);
    },
    setBotUsername(platform, username) {
      botUsernames[platform] = username;
    },
    inFlight: () => active,
    deliver,
    async receive(msg, respond) {
      active++;
      try {
        let effects: Effect[] | null;
        try {
          effects = await dispatch(msg);
        } catch (err) {
          const t = catalogue(localeFor(msg.sender.languageCode));
          if (isConnectionError(err)) {
            opts.log.warn({ platform: msg.platform, chat: msg.chatId, update: msg.updateKey }, 'database unavailable');
            effects = [{ kind: msg.button ? 'toast' : 'reply', text: t.common.tryLater } as Effect];
          } else {
            opts.log.error({ err, platform: msg.platform, chat: msg.chatId, update: msg.updateKey }, 'handler failed');
            effects = [{ kind: msg.button ? 'toast' : 'reply', text: t.common.internalError } as Effect];
          }
        }
        if (effects?.length) await deliver(effects, msg, respond);
        return effects ?? [];
      } finally {
        active--;
      }
    },
  };
}
