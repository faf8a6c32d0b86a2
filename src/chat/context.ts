import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { Community, GroupLink } from '../app/communities.js';
import type { Member } from '../app/members.js';
import type { Db } from '../db/client.js';
import type { Catalogue } from './i18n/index.js';
import type { LiveTally } from './live-tally.js';
import type { ChatMessage, Effect, Locale, OutMessage } from './model.js';
import type { CommandName, ParsedCommand } from './parse-command.js';

export interface CoreDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  live: LiveTally;
  /** Which platforms can edit messages in place (Telegram) and show buttons. */
  hasButtons(platform: ChatMessage['platform']): boolean;
}

/** Everything a feature needs to answer one message; replies are collected as effects. */
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
}

export interface Feature {
  commands: CommandName[];
  /** Commands that change state: a redelivered update carrying one is ignored. */
  mutating?: CommandName[];
  handle(ctx: Ctx, cmd: ParsedCommand): Promise<void>;
  /** Button presses whose data starts with one of these prefixes. */
  buttonPrefixes?: string[];
  handleButton?(ctx: Ctx, data: string): Promise<void>;
}
