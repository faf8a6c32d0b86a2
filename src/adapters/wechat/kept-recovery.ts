import type { IdentityStore } from '../../app/services.js';
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
