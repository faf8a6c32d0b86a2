import type { ChatTransport } from '../chat/model.js';

/** What the service needs from a platform adapter. */
export interface PlatformAdapter {
  readonly platform: ChatTransport['platform'];
  readonly transport: ChatTransport;
  /** The bot account whose updates this adapter takes (inbox rows are keyed by it). */
  readonly botId: string;
  /** It handles its own kept updates after a restart (WeChat: only once logged in, when ids are known again). */
  readonly recoversOwnInbox?: boolean;
  /** Connects and starts taking updates; resolves once it is taking them (or has failed and said so in status()). */
  start(): Promise<void>;
  /** Stops taking updates and waits for the updates being handled. */
  stop(): Promise<void>;
  /** 'up', 'starting', or 'down' with a reason, for /healthz. */
  status(): { state: 'up' | 'starting' | 'down'; detail?: string };
}
