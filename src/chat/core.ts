import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { Community, GroupLink } from '../app/communities.js';
import { isConnectionError } from '../app/errors.js';
import type { Member } from '../app/members.js';
import { createServices, type Services } from '../app/services.js';
import { syncReminders } from '../app/reminders.js';
import type { Db } from '../db/client.js';
import { markUpdatesHandled, type InboxEntry } from '../app/inbox.js';
import { queueEffects } from '../app/outbox.js';
import { DEFAULT_TIMING, effectsToRows, type EffectOrigin, type RowTiming } from '../outbox/outbox-rows.js';
import type { Ctx, CoreDeps, Feature, OwnCommitTurn } from './context.js';
import { catalogue, localeFor } from './i18n/index.js';
import type { ChatMessage, ChatTransport, Effect, Locale, Platform } from './model.js';
import { codeCandidates, createIntake, storableMessage } from './intake.js';
import { reminderMovingCommands } from '../features/registry.js';
import { commandWords, type CommandName, type ParseResult, type ParsedCommand } from './parse-command.js';
import { withDeadline } from './deadline.js';
import { compose, type Middleware } from './pipeline.js';
import { createRateLimiter } from './rate-limit.js';

export const MAX_TEXT = 4000;

/** Platforms that deliver an update again until the bot took it (Telegram: the webhook's answer, the next getUpdates). */
const REDELIVERING = new Set<Platform>(['telegram']);

/** Commands that can create, move or remove reminders (polls, the deliberation rule, and those the manifests declare). */
const REMINDER_COMMANDS = new Set<CommandName>(reminderMovingCommands());

/** How the answer to a button press is shown (Telegram's toast); said directly, after the commit. */
export interface Respond {
  toast?(text: string): Promise<void>;
}

export interface ChatCore {
  /**
   * Handles one message: its change and everything it asks to be said are committed together (the
   * words go to the outbox); never waits for a platform send and never throws.
   */
  receive(msg: ChatMessage, respond?: Respond): Promise<Effect[]>;
  /** Writes effects made outside a message (the scheduler's announcements) to the outbox. */
  enqueue(effects: Effect[], origin: Omit<EffectOrigin, 'msg'>): Promise<void>;
  registerTransport(t: ChatTransport): void;
  /** The bot's own username on a platform (known once the adapter connected), for `/cmd@bot` and `@bot` in commands. */
  setBotUsername(platform: Platform, username: string): void;
  /** Called whenever rows were written to the outbox (a dispatcher looks at once). */
  onEnqueued(fn: () => void): void;
  /** Tells the dispatchers that rows were written to the outbox by a transaction of someone else's (the scheduler's). */
  wake(): void;
  transports: Map<Platform, ChatTransport>;
  /** Messages being handled right now (for a clean shutdown). */
  inFlight(): number;
}

export interface CoreOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  features: Feature[];
  botUsernames?: Partial<Record<Platform, string>>;
  rateLimit?: { max: number; windowMs: number };
  timing?: RowTiming;
  /** Longest a message waits for the database before "try again later" (unset: no deadline). */
  deadlineMs?: number;
  /** The instance's services (the composition root's; built here when none are given). */
  services?: Services;
  /** The address the pages are reached at (sign-in links). */
  publicUrl?: () => string;
}

/** One message on its way through the pipeline. */
interface Turn {
  msg: ChatMessage;
  parsed?: ParseResult;
  inbox?: InboxEntry;
  ctx?: Ctx;
  effects: Effect[];
  /** Free-text features that want this unaddressed group message. */
  overheard?: Feature[];
  /** Who speaks where, read beside the dedupe for commands and buttons (they always need it). */
  early?: Promise<Ctx>;
}

/**
 * The platform-neutral router, a chain of `(turn, next)` steps: dedupe → limit → context → buttons |
 * commands | replies to the bot | free text → help. Features register on it; the step that runs one
 * commits its change, the outbox rows and the "handled" mark of the update in one transaction.
 */
export function createChatCore(opts: CoreOptions): ChatCore {
  const { db, clock, log } = opts;
  const timing = opts.timing ?? DEFAULT_TIMING;
  const transports = new Map<Platform, ChatTransport>();
  const botUsernames: Partial<Record<Platform, string>> = { ...opts.botUsernames };
  const limiter = createRateLimiter(opts.rateLimit?.max ?? 20, opts.rateLimit?.windowMs ?? 60_000);
  const byCommand = new Map<CommandName, Feature>();
  for (const f of opts.features) for (const c of f.commands) byCommand.set(c, f);
  const textHandlers = opts.features.filter((f) => f.onText);
  // What answers a mention or a private message no feature took (the help).
  const fallbackFeature = opts.features.find((f) => f.fallback);
  const fallback = fallbackFeature ? { feature: fallbackFeature, name: fallbackFeature.fallback! } : undefined;
  const listeners: (() => void)[] = [];
  const services = opts.services ?? createServices(db, clock);
  const deps: CoreDeps = {
    db,
    services,
    clock,
    log,
    hasButtons: (p) => Boolean(transports.get(p)?.edit),
    hasReactions: (p) => Boolean(transports.get(p)?.react),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  };
  let active = 0;
  const intake = createIntake({ db, clock, log });
  const committer = services.effects;

  const notify = () => {
    for (const l of listeners) l();
  };
  const causeOf = (msg: ChatMessage) => `${msg.platform}:${msg.botId ?? msg.platform}:${msg.updateKey}`;

  async function buildCtx(msg: ChatMessage, effects: Effect[]): Promise<Ctx> {
    let group: GroupLink | null = null;
    let community: Community | null = null;
    let member: Member | null = null;
    if (msg.chatKind === 'group') {
      const linked = await services.directory.groupWithCommunity(msg.platform, msg.chatId);
      if (linked) {
        ({ group, community } = linked);
        member = await services.directory.member(linked.group.communityId, msg.platform, msg.sender.userId);
      }
    } else {
      const latest = await services.directory.latestMembership(msg.platform, msg.sender.userId);
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
    const t = catalogue(locale);
    return {
      msg,
      deps,
      locale,
      t,
      group,
      community,
      member,
      effects,
      reply: (text, extra) => effects.push({ kind: 'reply', text, ...extra }),
      privately: (text, extra) =>
        effects.push({
          kind: 'private',
          userId: msg.sender.userId,
          text,
          ...extra,
          ...(msg.chatKind === 'group' ? { okNotice: t.common.repliedPrivately, fallback: t.common.cannotReachPrivately } : {}),
        }),
      announce: (communityId, text, extra) => effects.push({ kind: 'announce', communityId, text, ...extra }),
      toast: (text) => effects.push({ kind: 'toast', text }),
      isCommittee: () => member?.role === 'committee' || member?.role === 'chair',
      isChair: () => member?.role === 'chair',
    };
  }

  const originOf = (turn: Turn): EffectOrigin => ({
    msg: turn.msg,
    communityId: turn.ctx?.community?.communityId ?? null,
    cause: causeOf(turn.msg),
    locale: turn.ctx?.locale,
  });

  /**
   * The update's inbox entry. A turn for a self-committing command is not kept up front: its ballot's
   * statement keeps it handled; it is looked up (and kept) here only when the turn commits otherwise.
   */
  const admitted = async (turn: Turn): Promise<InboxEntry> => (turn.inbox ??= await services.inbox.admit(turn.msg));

  /**
   * Runs a handler and commits. `ownCommit`: the handler's change commits itself (a ballot, deduped by
   * its update key) and may carry the turn, its words and the mark (`ctx.turn`); otherwise they are
   * written after it. Every other handler runs inside the transaction that also writes the words and the mark.
   */
  async function execute(turn: Turn, handler: (ctx: Ctx) => Promise<void>, ownCommit: boolean, command?: CommandName): Promise<void> {
    const ctx = turn.ctx!;
    const communityId = ctx.community?.communityId ?? null;
    const now = clock.now();
    const rowsOf = (effects: Effect[]) => effectsToRows(db, effects, originOf(turn), now, timing, services.cardPlaces);
    if (ownCommit) {
      let sealed = false;
      const inboxId = turn.inbox?.inboxId ?? null;
      const own: OwnCommitTurn = {
        forBallot: (say) => {
          // Made while the ballot waits for its batch (where the card is is read meanwhile).
          const rows = Promise.all([rowsOf([...turn.effects, ...say.first]), rowsOf([...turn.effects, ...say.changed])]).then(([first, changed]) => ({ first, changed }));
          rows.catch(() => {});
          return { inboxId, ...(inboxId == null ? { msg: turn.msg } : {}), communityId, at: now, rows };
        },
        committed: () => {
          sealed = true;
        },
      };
      await handler({ ...ctx, turn: own });
      if (!sealed) {
        const entry = await admitted(turn);
        // Handled before (a second delivery): nothing more is said.
        if (entry.handled || !(await committer.commit(entry.inboxId, communityId, now, await rowsOf(turn.effects)))) turn.effects.length = 0;
      }
    } else {
      const { inboxId } = await admitted(turn);
      const done = await services.transaction(async (txDb) => {
        // The mark first: it locks the update's row, so a second delivery handled at the same time waits, then finds it handled.
        const fresh = await markUpdatesHandled(txDb, [inboxId], now, communityId);
        if (!fresh.size) return false;
        await handler({ ...ctx, deps: { ...deps, db: txDb } });
        // Reminders follow their objects in the same transaction (a moved meeting, a poll closed early).
        if (command && REMINDER_COMMANDS.has(command) && communityId != null) await syncReminders(txDb, clock, communityId);
        await queueEffects(txDb, turn.effects, originOf(turn), now, timing);
        return true;
      });
      if (!done) turn.effects.length = 0;
    }
    notify();
  }

  /** The per-identity limit: null when allowed, the one explaining refusal, or [] to stay silent. */
  function overLimit(msg: ChatMessage, kind: 'reply' | 'toast'): Effect[] | null {
    const limit = limiter.hit(`${msg.platform}:${msg.sender.userId}`, clock.now().getTime());
    if (limit === 'ok') return null;
    if (limit === 'silent') return [];
    return [{ kind, text: catalogue(localeFor(msg.sender.languageCode)).common.rateLimited }];
  }

  /**
   * A button press or command whose feature commits its own change (a vote): its update is kept with
   * that change, when the platform delivers it again until it was handled (Telegram's webhook and
   * getUpdates) and so a crash before the commit loses nothing. On WeChat, which delivers a message
   * once, the update is kept before it is handled, to be handled after a restart.
   */
  const selfCommitting = (turn: Turn): boolean => {
    const { msg, parsed } = turn;
    if (!REDELIVERING.has(msg.platform)) return false;
    if (msg.button) return opts.features.find((f) => f.buttonPrefixes?.some((p) => msg.button!.data.startsWith(p)))?.ownCommit?.includes('button') ?? false;
    if (parsed?.kind !== 'command') return false;
    return byCommand.get(parsed.command.name)?.ownCommit?.includes(parsed.command.name) ?? false;
  };

  const replyNow = async (turn: Turn, effects: Effect[]): Promise<void> => {
    turn.ctx ??= await buildCtx(turn.msg, turn.effects);
    turn.effects.push(...effects);
    await execute(turn, async () => {}, true);
  };

  const nameOf = (ctx: Ctx, c: CommandName) => (ctx.locale === 'en' ? `/${commandWords(c).en}` : (commandWords(c).zh[0] ?? `/${commandWords(c).en}`));

  const steps: Middleware<Turn>[] = [
    // Read the text the way residents type it (pure).
    async (turn, next) => {
      const { msg } = turn;
      if (!msg.button) {
        const clipped = msg.text.length > MAX_TEXT * 4 ? { ...msg, text: msg.text.slice(0, MAX_TEXT + 1) } : msg;
        turn.parsed = intake.read(clipped, botUsernames[msg.platform]);
      }
      await next();
    },
    // Dedupe: keep the update (if the adapter did not) and drop it when it was handled before.
    async (turn, next) => {
      if (turn.msg.button || turn.parsed?.kind === 'command') {
        turn.early = buildCtx(turn.msg, turn.effects);
        turn.early.catch(() => {});
      }
      if (turn.msg.inboxId != null) turn.inbox = { inboxId: turn.msg.inboxId, handled: false };
      else if (!selfCommitting(turn)) turn.inbox = await services.inbox.admit(turn.msg);
      if (turn.inbox?.handled) return;
      await next();
    },
    // A binding code seen in a group (linked or not, in any message) is rotated before anything else reads it.
    async (turn, next) => {
      const { msg } = turn;
      if (msg.button || msg.chatKind !== 'group' || !codeCandidates(msg.text).length) return next();
      const leaked = await intake.guardCodes(msg);
      if (!leaked) return next();
      await replyNow(turn, leaked);
    },
    // Ordinary group chatter: nothing to say, unless a free-text feature overhears it (a fee question).
    async (turn, next) => {
      const { msg, parsed } = turn;
      const addressed = Boolean(msg.button) || parsed?.kind !== 'none' || msg.mentioned || msg.chatKind === 'private';
      turn.overheard = addressed ? [] : textHandlers.filter((f) => f.onText!.overhears?.(msg.text));
      if (addressed || turn.overheard.length) return next();
      await services.inbox.markHandled([(await admitted(turn)).inboxId]);
    },
    // Rate limit and size.
    async (turn, next) => {
      const { msg } = turn;
      const refused = overLimit(msg, msg.button ? 'toast' : 'reply');
      if (refused) return refused.length ? replyNow(turn, refused) : admitted(turn).then((e) => services.inbox.markHandled([e.inboxId])).then(() => {});
      turn.ctx = await (turn.early ?? buildCtx(msg, turn.effects));
      if (!msg.button && msg.text.length > MAX_TEXT) {
        turn.ctx.reply(turn.ctx.t.common.tooLong(MAX_TEXT));
        return execute(turn, async () => {}, true);
      }
      await next();
    },
    // Buttons.
    async (turn, next) => {
      const b = turn.msg.button;
      if (!b) return next();
      const feature = opts.features.find((f) => f.buttonPrefixes?.some((p) => b.data.startsWith(p)));
      if (!feature?.handleButton) return execute(turn, async () => {}, true);
      await execute(turn, (ctx) => feature.handleButton!(ctx, b.data), feature.ownCommit?.includes('button') ?? false);
    },
    // Commands.
    async (turn, next) => {
      const parsed = turn.parsed!;
      const ctx = turn.ctx!;
      if (parsed.kind === 'none') return next();
      if (parsed.kind === 'unknown-command') {
        const s = parsed.suggestion;
        ctx.reply(ctx.t.common.unknownCommand(parsed.word, s ? nameOf(ctx, s) : null));
        return execute(turn, async () => {}, true);
      }
      const cmd: ParsedCommand = parsed.command;
      const feature = byCommand.get(cmd.name);
      if (!feature) {
        // A command of the product that this service does not offer yet: say so plainly.
        ctx.reply(ctx.t.common.notOffered(nameOf(ctx, cmd.name)));
        return execute(turn, async () => {}, true);
      }
      if (turn.msg.chatKind === 'group' && !ctx.group && !feature.beforeLink?.includes(cmd.name)) {
        ctx.reply(ctx.t.common.notLinked);
        return execute(turn, async () => {}, true);
      }
      await execute(turn, (c) => feature.handle(c, cmd), feature.ownCommit?.includes(cmd.name) ?? false, cmd.name);
    },
    // Free text (fee questions, replies to the bot's messages): the first feature that takes it answers;
    // a mention or a private message that none takes gets help. One transaction for all of it.
    async (turn) => {
      const { msg } = turn;
      const addressed = msg.mentioned || msg.chatKind === 'private';
      await execute(
        turn,
        async (ctx) => {
          for (const f of addressed ? textHandlers : turn.overheard!) if (await f.onText!.handle(ctx)) return;
          if (addressed && fallback) await fallback.feature.handle(ctx, { name: fallback.name, args: '', argv: [], lines: [] });
        },
        false,
      );
    },
  ];
  const pipeline = compose(steps);

  /** Only when the database is gone: a short answer sent at once, bypassing the outbox. */
  async function sayDirectly(msg: ChatMessage, text: string, respond?: Respond): Promise<void> {
    try {
      if (msg.button) await respond?.toast?.(text);
      else await transports.get(msg.platform)?.send(msg.chatId, { text });
    } catch (err) {
      log.warn({ err, platform: msg.platform, chat: msg.chatId }, 'could not say the database is unavailable');
    }
  }

  return {
    transports,
    registerTransport(t) {
      transports.set(t.platform, t);
    },
    setBotUsername(platform, username) {
      botUsernames[platform] = username;
    },
    onEnqueued(fn) {
      listeners.push(fn);
    },
    inFlight: () => active,
    wake: notify,
    async enqueue(effects, origin) {
      await queueEffects(db, effects, origin, clock.now(), timing);
      notify();
    },
    async receive(incoming, respond) {
      const msg = storableMessage(incoming);
      active++;
      let turn: Turn = { msg, effects: [] };
      try {
        try {
          // A connection the server dropped (it restarted) fails once and is replaced: the turn runs
          // again on a fresh one. Safe, since an update is marked handled with its change and a ballot
          // carries its update's key.
          const attempt = async (): Promise<void> => {
            for (let i = 0; ; i++) {
              try {
                return await pipeline(turn);
              } catch (err) {
                if (i >= 2 || !isConnectionError(err)) throw err;
                turn = { msg, effects: [] };
              }
            }
          };
          await withDeadline(attempt(), opts.deadlineMs);
        } catch (err) {
          const t = catalogue(localeFor(msg.sender.languageCode));
          const kind = msg.button ? 'toast' : 'reply';
          turn.effects.length = 0;
          if (isConnectionError(err)) {
            // Nothing can be written: "did not take effect, try again later" is said directly, not through the outbox.
            log.warn({ platform: msg.platform, chat: msg.chatId, update: msg.updateKey }, 'database unavailable');
            turn.effects.push({ kind, text: t.common.tryLater } as Effect);
            await sayDirectly(msg, t.common.tryLater, respond);
            return turn.effects;
          }
          log.error({ err, platform: msg.platform, chat: msg.chatId, update: msg.updateKey }, 'handler failed');
          turn.effects.push({ kind, text: t.common.internalError } as Effect);
          try {
            turn.ctx ??= await buildCtx(msg, turn.effects);
            if (turn.inbox || selfCommitting(turn)) await execute(turn, async () => {}, true);
          } catch (e) {
            log.warn({ err: e, update: msg.updateKey }, 'the failure could not be recorded');
          }
        }
        await intake.remember(msg);
        const toast = turn.effects.find((e): e is Extract<Effect, { kind: 'toast' }> => e.kind === 'toast');
        if (toast && respond?.toast) await respond.toast(toast.text).catch((err) => log.debug({ err }, 'toast failed'));
        return turn.effects;
      } finally {
        active--;
      }
    },
  };
}
