/** The platform-neutral chat model: what adapters turn platform updates into, and what they deliver. */
export type Platform = 'telegram' | 'wechat';
export type Locale = 'zh-CN' | 'en';

export interface Person {
  userId: string;
  name: string;
}

/** One incoming message (or button press) from a chat. */
export interface ChatMessage {
  platform: Platform;
  /** Unique per platform update; a redelivered update carries the same key. */
  updateKey: string;
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
  /** Other people mentioned in the message. */
  mentions: Person[];
  /** A press of one of the bot's buttons, with its data. */
  button?: { data: string; messageId: string };
  /** Telegram privacy mode: false when the bot cannot read ordinary group messages. */
  botSeesAllMessages?: boolean;
}

export interface Button {
  label: string;
  data: string;
}

export interface OutMessage {
  text: string;
  buttons?: Button[][];
  /** The text for platforms that show no buttons and cannot edit (WeChat), when it differs. */
  textWithoutButtons?: string;
  /** A picture sent after the text (a result chart), with an optional caption. */
  image?: { png: Buffer; caption?: string };
}

/** What handling a message asks the adapters to do, delivered only after the handler committed. */
export type Effect =
  | ({ kind: 'reply' } & OutMessage)
  | ({ kind: 'private'; userId: string; /** said in the group when the private message went out */ okNotice?: string; /** said in the group when it could not */ fallback?: string } & OutMessage)
  | ({ kind: 'announce'; communityId: number; track?: { pollId: number } } & OutMessage)
  | { kind: 'toast'; text: string };

/** The port each platform adapter implements for outgoing messages. */
export interface ChatTransport {
  readonly platform: Platform;
  /** Sends to a chat; returns the platform's message id when it has one. */
  send(chatId: string, msg: OutMessage): Promise<{ messageId: string } | null>;
  /** Sends to one person privately; false when the platform cannot reach them (not a friend, never started the bot). */
  sendPrivate(userId: string, msg: OutMessage): Promise<boolean>;
  /** Replaces the text of a message the bot sent (platforms that cannot edit leave this out). */
  edit?(chatId: string, messageId: string, msg: OutMessage): Promise<void>;
}
