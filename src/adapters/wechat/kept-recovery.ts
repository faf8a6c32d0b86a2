import type { Logger } from 'pino';
import type { IdentityStore, InboxService } from '../../app/services.js';
import type { ChatMessage } from '../../chat/model.js';
import { aliasKeyOf, LOOKUP_MS, PLATFORM, withTimeout, type DirectoryContact, type WechatDirectory } from './identity-kit.js';
import { keptSender, type KeptWechatMessage } from './kept-message.js';

/**
 * Messages kept in the inbox but not handled (the process stopped in between, or a re-login voided the
 * session that was resolving them) carry the ids of the session they came in. Before they are handled
 * their room and sender are found in this session: an id that is still live is kept; otherwise the
 * room by its topic, the sender by the remark alias (whose member rows the login's sweep re-pointed),
 * else by display name among the room's members (or the friends, for a private chat) when only one
 * has it. Null when either cannot be found unambiguously.
 */
export async function refindKept(
  deps: { dir: WechatDirectory; store: Pick<IdentityStore, 'identitiesByKey'> },
  kept: KeptWechatMessage,
): Promise<{ msg: ChatMessage; sender: DirectoryContact } | null> {
  const { dir, store } = deps;
  const group = kept.chatKind === 'group';
  let chatId = kept.chatId;
  if (group && (await withTimeout(dir.roomTopic(chatId), LOOKUP_MS, null)) === null) {
    if (!kept.chatTitle) return null;
    const same = (await withTimeout(dir.rooms(), LOOKUP_MS, [])).filter((r) => r.topic === kept.chatTitle);
    if (same.length !== 1) return null;
    chatId = same[0]!.id;
  }
  const sender = await refindSender(dir, store, kept, group ? chatId : null);
  if (!sender) return null;
  const { wechat: _facts, ...msg } = kept;
  return {
    msg: { ...msg, chatId: group ? chatId : sender.id, sender: { ...msg.sender, userId: sender.id, name: sender.name || msg.sender.name } },
    sender,
  };
}

async function refindSender(
  dir: WechatDirectory,
  store: Pick<IdentityStore, 'identitiesByKey'>,
  kept: KeptWechatMessage,
  roomId: string | null,
): Promise<DirectoryContact | null> {
  const was = keptSender(kept);
  const same = await withTimeout(dir.contact(was.id), LOOKUP_MS, null);
  if (same) return { ...same, id: was.id };
  const key = aliasKeyOf(was.alias);
  if (key) {
    const ids = [...new Set((await store.identitiesByKey(PLATFORM, key)).map((r) => r.userId))];
    const live: DirectoryContact[] = [];
    for (const id of ids) {
      const c = await withTimeout(dir.contact(id), LOOKUP_MS, null);
      if (c) live.push({ ...c, id });
    }
    if (live.length === 1) return live[0]!;
  }
  const people = roomId ? await withTimeout(dir.roomMembers(roomId), LOOKUP_MS, []) : await withTimeout(dir.contacts(), LOOKUP_MS, []);
  const named = people.filter((c) => c.name === was.name);
  return named.length === 1 ? named[0]! : null;
}

/** Up to this many kept messages are read at a time. */
const BATCH = 500;

/**
 * Handles the messages kept but not handled by an earlier session or process, each chat's in order,
 * chats side by side; run once per login, after the re-linking. A message this process is still
 * resolving (`receiving`) is left to it; one whose room or sender is not found again is marked
 * handled and logged.
 */
export function createKeptRecovery(deps: {
  inbox: InboxService;
  dir: WechatDirectory;
  store: Pick<IdentityStore, 'identitiesByKey'>;
  log: Logger;
  receiving: ReadonlySet<string>;
  handle(msg: ChatMessage, sender: DirectoryContact): Promise<void>;
  stopping(): boolean;
}): () => Promise<void> {
  const { inbox, log } = deps;

  async function one(kept: KeptWechatMessage): Promise<void> {
    if (deps.stopping()) return;
    const found = await refindKept(deps, kept);
    const entry = await inbox.admit(found?.msg ?? kept);
    if (entry.handled) return;
    if (!found) {
      await inbox.markHandled([entry.inboxId]);
      log.warn({ update: kept.updateKey, chat: kept.chatKind }, 'wechat: the room or sender of a kept message was not found again; not handled');
      return;
    }
    await deps.handle({ ...found.msg, inboxId: entry.inboxId }, found.sender);
  }

  return async function recover(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const list = (await inbox.unhandled('wechat', 'wechat', BATCH)) as KeptWechatMessage[];
      const todo = list.filter((m) => !deps.receiving.has(m.updateKey) && !tried.has(m.updateKey));
      if (!todo.length || deps.stopping()) return;
      const byChat = new Map<string, KeptWechatMessage[]>();
      for (const m of todo) {
        tried.add(m.updateKey);
        byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m]);
      }
      await Promise.all(
        [...byChat.values()].map(async (msgs) => {
          for (const m of msgs) await one(m).catch((err) => log.error({ err, update: m.updateKey }, 'wechat: a kept message could not be handled'));
        }),
      );
      log.info({ platform: 'wechat', updates: todo.length }, 'handled updates kept before a restart');
      if (list.length < BATCH) return;
    }
  };
}
