/** The platform-neutral chat model: what adapters turn platform updates into, and what they deliver. */
export type Platform = 'telegram' | 'wechat';
export type Locale = 'zh-CN' | 'en';

export interface Person {
  userId: string;
  name: string;
  /** The platform's username (Telegram's @name, without the `@`), when the person has one. */
  username?: string;
}

/** One incoming message (or button press) from a chat. */
export interface ChatMessage {
  platform: Platform;
  /** Unique per platform update; a redelivered update carries the same key. */
  updateKey: string;
  /** The bot account that received it (several bots on one database never collide); default: the platform. */
  botId?: string;
  /** Set by an adapter that has just kept this update in the inbox (it was not there before). */
  inboxId?: number;
  /** The platform's id of this message in its chat (for a reaction on it). */
  messageId?: string;
  chatId: string;
  chatKind: 'group' | 'private';
  chatTitle: string;
  sender: Person & { languageCode?: string };
  /** The text with any mention of the bot stripped. */
  text: string;
  /** The bot was @-mentioned (or the message replies to the bot). */
  mentioned: boolean;
  /** The person whose message this one replies to, if any. */
  replyTo?: Person;
  /** The bot's own message this one replies to (Telegram) or quotes (WeChat 引用), with its text. */
  replyToBot?: { text: string; messageId?: string };
  /** Other people mentioned in the message. */
  mentions: Person[];
  /** A press of one of the bot's buttons, with its data. */
  button?: { data: string; messageId: string };
  /** Telegram privacy mode: false when the bot cannot read ordinary group messages. */
  botSeesAllMessages?: boolean;
}

/** A button under a message: one the bot hears when pressed (`data`), or a link it opens (`url`). */
export type Button = { label: string; data: string; url?: never } | { label: string; url: string; data?: never };

export interface OutMessage {
  text: string;
  buttons?: Button[][];
  /** The text for platforms that show no buttons and cannot edit (WeChat), when it differs. */
  textWithoutButtons?: string;
  /** A picture sent after the text (a result chart), with an optional caption. */
  image?: { png: Buffer; caption?: string };
  /**
   * A link to a poll's page (SPEC §13), made when the message is sent, from PUBLIC_URL: a URL button
   * where the platform shows buttons, else the text's last line. `signIn`: for the person it is sent
   * to privately, a personal single-use sign-in link that opens that page.
   */
  page?: { pollId: number; signIn?: boolean };
  /**
   * A person the message is addressed to in a group: on WeChat the text starts with `@name` and the
   * person is notified; platforms without such mentions send the text alone.
   */
  mention?: { userId: string; name: string };
}

/**
 * What handling a message asks to be said. Effects are written to the outbox in the same transaction
 * as the change that causes them and sent later by the platform's dispatcher; a toast (the answer to
 * a button press) is the one thing said directly, after the commit.
 */
export type Effect =
  | ({ kind: 'reply' } & OutMessage)
  | ({
      kind: 'private';
      userId: string;
      /** Where the person is (messages made outside a chat, by the scheduler); default: the chat being handled. */
      platform?: Platform;
      /** a reminder: sent after replies and results */ reminder?: boolean;
      /** said in the group when the private message went out */ okNotice?: string;
      /** said in the group when it could not */ fallback?: string;
      /** an acknowledgement (a vote's receipt): sent after results and reminders */ ack?: boolean;
      /**
       * A vote's receipt for a vote typed in a group: when it cannot be delivered privately, the group's
       * coalesced line names the unit as recorded (never the option), and the voter (by `name`), once, how to add the bot.
       */
      receipt?: { pollId: number; pollNo: number; unit: string; memberId: number; name: string };
    } & OutMessage)
  | ({
      kind: 'announce';
      communityId: number;
      track?: { pollId: number };
      /** a reminder: sent after replies and results */
      reminder?: boolean;
      /** The poll's result as a picture, drawn when the message is sent. */
      chart?: { pollId: number };
    } & OutMessage)
  | { kind: 'toast'; text: string }
  /** A reaction on the message being handled (a typed vote in a group, where the platform has them). */
  | { kind: 'react'; emoji: string }
  /** A poll's counts changed: its cards are edited (coalesced, at most every few seconds). */
  | { kind: 'card'; pollId: number; /** at once (the close), not after the interval */ now?: boolean }
  /** A typed vote in a group that cannot show a live card: one short turnout line every few minutes. */
  | { kind: 'turnout'; pollId: number };

/** The port each platform adapter implements for outgoing messages. */
export interface ChatTransport {
  readonly platform: Platform;
  /** Sends to a chat; returns the platform's message id when it has one. */
  send(chatId: string, msg: OutMessage): Promise<{ messageId: string } | null>;
  /**
   * Sends to one person privately; false (or a failure of kind `blocked` / `chat_not_found`, see
   * src/outbox/failures.ts) when the platform cannot reach them (not a friend, never started the bot).
   */
  sendPrivate(userId: string, msg: OutMessage): Promise<boolean>;
  /** Splits a text into the parts the platform accepts as messages (the dispatcher sends each once); one part when absent. */
  split?(text: string): string[];
  /** Replaces the text of a message the bot sent (platforms that cannot edit leave this out). */
  edit?(chatId: string, messageId: string, msg: OutMessage): Promise<void>;
  /** Puts a reaction on a person's message (platforms without reactions leave this out). */
  react?(chatId: string, messageId: string, emoji: string): Promise<void>;
}
