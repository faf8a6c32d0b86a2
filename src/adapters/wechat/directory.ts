import { FileBox } from 'file-box';
import type { Wechaty } from 'wechaty';
import type { ChatTransport } from '../../chat/model.js';
import type { DirectoryContact, WechatDirectory } from './identity.js';

/** Raw lookups that bypass the puppet's payload cache (which outlives a re-login's ids). */
interface RawLookups {
  roomRawPayload(id: string): Promise<unknown>;
  roomRawPayloadParser(raw: unknown): Promise<{ topic?: string }>;
  contactRawPayload(id: string): Promise<unknown>;
  contactRawPayloadParser(raw: unknown): Promise<{ name?: string; alias?: string; friend?: boolean }>;
}

/**
 * Wechaty as the id-based directory the identity recovery needs, and as the chat transport.
 * Sends go out one at a time (the web protocol flags accounts that burst).
 */
export function createWechatyDirectory(bot: () => Wechaty | null): { dir: WechatDirectory; transport: ChatTransport } {
  let queue: Promise<unknown> = Promise.resolve();
  const live = (): Wechaty => {
    const b = bot();
    if (!b || !b.isLoggedIn) throw new Error('WeChat is not logged in');
    return b;
  };
  const raw = (): RawLookups => live().puppet as unknown as RawLookups;

  function sendText(conversationId: string, text: string, mentionIds?: string[]): Promise<string | void> {
    const next = queue.then(() => live().puppet.messageSendText(conversationId, text, mentionIds));
    queue = next.catch(() => {});
    return next;
  }

  /** A picture (PNG bytes) in the same one-at-a-time queue as texts. */
  function sendImage(conversationId: string, png: Buffer): Promise<string | void> {
    const next = queue.then(() => live().puppet.messageSendFile(conversationId, FileBox.fromBuffer(png, 'result.png')));
    queue = next.catch(() => {});
    return next;
  }

  async function toContact(c: { id: string; name(): string; alias(): Promise<string | undefined>; friend(): boolean | undefined }): Promise<DirectoryContact> {
    return { id: c.id, name: c.name(), alias: (await c.alias().catch(() => undefined)) ?? '', friend: c.friend() ?? undefined };
  }

  const dir: WechatDirectory = {
    selfId() {
      const b = bot();
      return b?.isLoggedIn ? b.currentUser.id : undefined;
    },
    async rooms() {
      const list = await live().Room.findAll();
      return Promise.all(list.map(async (r) => ({ id: r.id, topic: await r.topic() })));
    },
    async roomTopic(id) {
      try {
        const p = await raw().roomRawPayloadParser(await raw().roomRawPayload(id));
        return p.topic ?? '';
      } catch {
        return null;
      }
    },
    async roomMembers(roomId) {
      const room = await live().Room.find({ id: roomId });
      return room ? Promise.all((await room.memberAll()).map(toContact)) : [];
    },
    async contacts() {
      const list = await live().Contact.findAll();
      return Promise.all(list.filter((c) => c.friend() !== false).map(toContact));
    },
    async contact(id) {
      try {
        const p = await raw().contactRawPayloadParser(await raw().contactRawPayload(id));
        return { id, name: p.name ?? '', alias: p.alias ?? '', friend: p.friend };
      } catch {
        return null;
      }
    },
    async setAlias(id, alias) {
      try {
        const c = await live().Contact.find({ id });
        if (!c) return false;
        await c.alias(alias);
        return (await c.alias()) === alias;
      } catch {
        return false;
      }
    },
  };

  const transport: ChatTransport = {
    platform: 'wechat',
    async send(chatId, msg) {
      const m = msg.mention;
      const id = msg.text ? await sendText(chatId, m ? `@${m.name} ${msg.text}` : msg.text, m ? [m.userId] : undefined) : undefined;
      if (msg.image) await sendImage(chatId, msg.image.png);
      return typeof id === 'string' ? { messageId: id } : null;
    },
    async sendPrivate(userId, msg) {
      try {
        const payload = await live().puppet.contactPayload(userId);
        if (payload.friend === false) return false;
        await sendText(userId, msg.text);
        return true;
      } catch {
        return false;
      }
    },
  };
  return { dir, transport };
}
