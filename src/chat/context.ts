import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { Community, GroupLink } from '../app/communities.js';
import type { Member } from '../app/members.js';
import type { Services } from '../app/services.js';
import type { BallotTurn } from '../db/ballot-writer.js';
import type { Db } from '../db/client.js';
import type { Catalogue } from './i18n/index.js';
import type { ChatMessage, Effect, Locale, OutMessage } from './model.js';
import type { CommandName, ParsedCommand } from './parse-command.js';

export interface CoreDeps {
  /** The transaction the handler runs in (its unit of work), or the database for self-committing handlers. */
  db: Db;
  /** The instance's services (look-ups, caches, batch writers), built in the composition root. */
  services: Services;
  clock: Clock;
  log: Logger;
  /** Which platforms can edit messages in place (Telegram) and show buttons. */
  hasButtons(platform: ChatMessage['platform']): boolean;
  /** Which platforms can put a reaction on a person's message (Telegram). */
  hasReactions(platform: ChatMessage['platform']): boolean;
  /** The address the pages are reached at (sign-in links), when the service serves them. */
  publicUrl?: () => string;
}

/** Everything a feature needs to answer one message; what it says is collected as effects (written to the outbox). */
export interface Ctx {
  msg: ChatMessage;
  deps: CoreDeps;
  locale: Locale;
  t: Catalogue;
  group: GroupLink | null;
  community: Community | null;
  member: Member | null;
  effects: Effect[];
  reply(text: string, extra?: Omit<OutMessage, 'text'>): void;
  /** To the sender in a private chat; in a group, the group is told a private reply was sent. */
  privately(text: string, extra?: Omit<OutMessage, 'text'>): void;
  announce(communityId: number, text: string, extra?: Omit<OutMessage, 'text'> & { track?: { pollId: number } }): void;
  toast(text: string): void;
  isCommittee(): boolean;
  isChair(): boolean;
  /** Only for a handler whose change commits itself (`ownCommit`): lets that change commit the turn with it. */
  turn?: OwnCommitTurn;
}

/**
 * The turn of a self-committing handler: a ballot can carry it, so that the update's "handled" mark and
 * what the turn says are written by the ballot's own statement (one commit), or, when no ballot goes
 * in, by the core after the handler.
 */
export interface OwnCommitTurn {
  /** The turn for the ballot writer, saying what the handler said so far and then `first` or `changed`. */
  forBallot(say: { first: Effect[]; changed: Effect[] }): BallotTurn;
  /** Says the ballot's statement committed the turn: the core writes nothing more for it. */
  committed(): void;
}

export interface Feature {
  commands: CommandName[];
  /**
   * Commands (and `'button'` for button presses) whose change commits itself, deduped by the update's
   * key (a ballot): they run outside the transaction that writes what they say. Every other command
   * runs inside it, so its change, its words and the update's "handled" mark commit together.
   */
  ownCommit?: (CommandName | 'button')[];
  /** Commands that work in a group not linked to a community yet. */
  beforeLink?: CommandName[];
  /** The command that answers a mention or a private message no feature took. */
  fallback?: CommandName;
  handle(ctx: Ctx, cmd: ParsedCommand): Promise<void>;
  /** Button presses whose data starts with one of these prefixes. */
  buttonPrefixes?: string[];
  handleButton?(ctx: Ctx, data: string): Promise<void>;
  /**
   * Free text that is not a command: in private chats and when the bot is mentioned, and in groups
   * also unaddressed text for which `overhears(text)` is true (fee questions). `handle` says whether
   * it answered; a mention or a private message that no feature takes gets help.
   */
  onText?: { overhears?(text: string): boolean; handle(ctx: Ctx): Promise<boolean> };
}
