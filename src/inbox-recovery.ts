import type { Logger } from 'pino';
import type { ChatCore } from './chat/core.js';
import type { ChatMessage } from './chat/model.js';
import type { Db } from './db/client.js';
import { unhandledUpdates } from './db/inbox-repo.js';

/**
 * Handles updates that were kept but not handled (the process stopped in between, or the database
 * went away mid-way): each chat's in their order, chats side by side. Exactly once: the core skips an
 * update already marked handled, and a ballot carries its update's key.
 */
export async function recoverInbox(deps: {
  db: Db;
  core: ChatCore;
  log: Logger;
  adapters: { platform: ChatMessage['platform']; botId: string }[];
  /** Only updates kept before this instant (a sweep while running leaves the ones being handled alone). */
  before?: Date;
}): Promise<number> {
  let handled = 0;
  for (const a of deps.adapters) {
    for (;;) {
      const list = await unhandledUpdates(deps.db, a.platform, a.botId, 500, deps.before);
      if (!list.length) break;
      const byChat = new Map<string, ChatMessage[]>();
      for (const m of list) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m]);
      await Promise.all(
        [...byChat.values()].map(async (msgs) => {
          for (const m of msgs) await deps.core.receive(m);
        }),
      );
      handled += list.length;
      deps.log.info({ platform: a.platform, updates: list.length }, 'handled updates kept before a restart');
      if (list.length < 500) break;
    }
  }
  return handled;
}
