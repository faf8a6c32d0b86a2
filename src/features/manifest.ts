/**
 * The shape every feature declares (CONVENTIONS "A feature is a folder"): its commands with their
 * zh/en words and the sense rule that tells a command from chatter, who may use them, its handlers,
 * its reminder provider, its part of the deliberation day's agenda, its report views and CLI
 * commands, and room for web routes. The chat core, the parser, the help, the ticker and the CLI are
 * assembled from the registered manifests (src/features/index.ts).
 *
 * A manifest module stays light: the parser reads it when it loads, so handlers and providers are
 * loaded on first use (`import()` inside the functions), never at the top of the manifest.
 */
import type { Clock } from '../app/clock.js';
import type { Community } from '../app/communities.js';
import type { Ctx } from '../chat/context.js';
import type { Effect, Locale } from '../chat/model.js';
import type { CommandName, ParsedCommand } from '../chat/parse-command.js';
import type { CommandSpec as CliCommandSpec } from '../cli/commands.js';
import type { Db } from '../db/client.js';
import type { ReminderOffsets } from '../domain/reminders.js';
import type { Member } from '../app/members.js';
import type { Html } from '../web/layout.js';
import type { Table } from '../cli/output.js';

/** Who may use a command: the help lists it for them; the feature's use cases enforce it (an assignee may act beside the committee). */
export type Who = 'anyone' | 'member' | 'committee' | 'chair';

/** Whom a help line is for: a kind of person, or someone where a first step is missing (a group not linked yet, a resident not bound yet, in a private chat). */
export type HelpAudience = Who | 'unlinked' | 'unbound';

export interface ManifestCommand {
  name: CommandName;
  /** The English slash form, without the slash. */
  en: string;
  /** The Chinese words; the first is the one shown. */
  zh: string[];
  /** A bare Chinese word is this command only when this holds for what follows it (unset: always). */
  sense?: (cmd: ParsedCommand) => boolean;
  /**
   * Chinese words (listed in `zh`) that stand for a sub-command, with what must follow them: `上会 3`
   * reads as `议程 add 3`, and `上会` without a number is talk.
   */
  shorthand?: Record<string, { args: string; sense?: RegExp }>;
  /**
   * What must follow each of its Chinese words, as typed (also after a slash), for them to be this
   * command at all: `回执 1`, not `回执 呢`. Checked by the parser before the words are split.
   */
  follows?: RegExp;
  /** The Chinese word may be followed by the text directly, without a space (`报修厨房漏水`). */
  glued?: boolean;
  /** Takes a number first: `修好三`, `修好 第三` read as 3. */
  numbered?: boolean;
  /** Without a number, a reply to a poll's card stands for that poll's number (`结果` answering the card). */
  cardNumber?: boolean;
  who: Who;
  /** Its change commits itself (a ballot); otherwise it runs in the transaction that writes its words. */
  ownCommit?: boolean;
  /** It works in a group not linked to a community yet (linking it, the help); other commands there are told to link first. */
  beforeLink?: boolean;
  /** It answers a mention or a private message that no feature took (the help). */
  fallback?: boolean;
  /** Its change can create, move or remove reminders: they are re-synced in the same transaction. */
  movesReminders?: boolean;
  /** Its line in the help, per locale (`WORDS ARGS — what it does`). */
  help?: Record<Locale, string>;
  /** Lines for other people than `who` (`议程` for anyone, `上会 N` for the committee). */
  moreHelp?: { who: HelpAudience; help: Record<Locale, string> }[];
}

/** What a feature does with the messages routed to it. */
export interface FeatureHandlers {
  handle(ctx: Ctx, cmd: ParsedCommand): Promise<void>;
  /** Free text addressed to the bot (private chats, mentions, replies to the bot); true when it answered. */
  onText?(ctx: Ctx): Promise<boolean>;
  /** A press of one of the feature's buttons (its data starts with the manifest's `buttons.prefix`). */
  onButton?(ctx: Ctx, data: string): Promise<void>;
}

/** The buttons a feature puts under its messages, told apart by the start of their data (`v:` for `v:POLL:OPTION`). */
export interface ManifestButtons {
  prefix: string;
  /** A press commits its own change (a ballot), deduped by the update's key, like an `ownCommit` command. */
  ownCommit?: boolean;
}

/** A reminder the feature wants to exist now, under its natural key. */
export interface WantedFeatureReminder {
  key: string;
  kind: string;
  objectId: number | null;
  dueAt: Date;
}

/** The community a reminder provider works for. */
export interface ReminderCommunity {
  communityId: number;
  timezone: string;
  /** The deliberation-day rule (a cron line). */
  deliberationCron: string;
  /** The community's reminder offsets (its own or the defaults). */
  offsets: ReminderOffsets;
  /** Local minutes after midnight of the daily overdue notes (09:00 by default). */
  overdueAt: number;
}

/** A taken reminder handed back to its provider to be said. */
export interface DueReminder {
  reminderId: number;
  communityId: number;
  naturalKey: string;
  kind: string;
  objectId: number | null;
  dueAt: Date;
}

/** Reminders registered by a feature (like Decidim's reminder registry): which are due, and what they say. */
export interface ReminderProvider {
  /** The reminder kinds it owns (stored in `reminders.kind`). */
  kinds: string[];
  /** What the desk's reminders schedule calls each of its kinds, per locale (unset: the kind itself). */
  labels?: Record<string, Record<Locale, string>>;
  /** The reminders the community should have now; the rest of its kinds are cancelled. */
  wanted(db: Db, community: ReminderCommunity, now: Date): Promise<WantedFeatureReminder[]>;
  /**
   * A step of its own, run for each community with a due reminder of this kind before any is said
   * (saying never writes): the deliberation day rolls its agenda over first.
   */
  beforeDue?: { kind: string; run(db: Db, clock: Clock, communityId: number): Promise<void> };
  /** What a due reminder says; none when its object moved on (the reminder is then cancelled). */
  render(db: Db, clock: Clock, reminder: DueReminder): Promise<Effect[]>;
}

/** A report (SPEC §10), exported by `export COMMUNITY NAME`: a reporting view read by name, or a table the feature builds. */
export type ReportView = (
  | { name: string; view: string; orderBy: string }
  | { name: string; /** Loaded on first use. */ table(db: Db, community: { communityId: number; name: string }): Promise<Table> }
) & {
  /** Its link on the desk's exports page, per locale (unset: the operator's `export` only). */
  label?: Record<Locale, string>;
};

export interface FeatureManifest {
  name: string;
  commands: ManifestCommand[];
  /** Loaded on first use. */
  handlers(): Promise<FeatureHandlers>;
  /**
   * Group text that neither is a command nor mentions the bot, that its `onText` should still see (a
   * fee question): checked on every group message, so it is light and synchronous. A feature that
   * overhears takes any question, so the router asks it after the features that only take what is
   * addressed to them.
   */
  overhears?(text: string): boolean;
  /** Its buttons, answered by its handlers' `onButton`. */
  buttons?: ManifestButtons;
  reminders?: ReminderProvider;
  /** Lines that open the deliberation day's agenda (in the community's locale), in the reminders and `/agenda`. */
  agenda?(db: Db, clock: Clock, community: Community, locale: Locale): Promise<string[]>;
  reports?: ReportView[];
  /** Operator commands of its own, added to the CLI's list. */
  cli?: CliCommandSpec[];
  /** Its page on the committee's desk (SPEC §13), linked from the desk's home. */
  desk?: DeskSection;
}

/** What a desk page is given: who is at the desk (a committee member or the chair, checked), and where. */
export interface DeskView {
  db: Db;
  clock: Clock;
  community: Community;
  member: Member;
  locale: Locale;
  /** The page's own address (forms post back to it). */
  path: string;
  /** The form's hidden session token (every POST carries it; the desk checks it before the page runs). */
  csrfInput: Html;
  /** Puts what an action says (group lines, private notes) into the outbox, as its chat command would. */
  say(effects: Effect[]): Promise<void>;
}

/** A feature's page on the desk: at `/desk/COMMUNITY/<path>`, GET shows it, POST acts with the form and shows it again. */
export interface DeskSection {
  path: string;
  nav: Record<Locale, string>;
  /** Loaded on first use. */
  page(): Promise<(view: DeskView, form?: Record<string, string>) => Promise<{ title: string; body: Html }>>;
}
