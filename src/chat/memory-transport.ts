import type { ChatTransport, OutMessage, Platform } from './model.js';

export interface MemorySent {
  chatId: string;
  messageId: string;
  text: string;
  buttons?: OutMessage['buttons'];
  private: boolean;
  edits: string[];
  /** A picture sent with the message (PNG bytes). */
  image?: Buffer;
}

/** A transport that keeps what it sends in memory: the demo's simulated chats and the core's tests. */
export function createMemoryTransport(platform: Platform, opts: { editable?: boolean; unreachable?: Set<string> } = {}) {
  const sent: MemorySent[] = [];
  let next = 1;
  const listeners: ((m: MemorySent, kind: 'send' | 'edit') => void)[] = [];
  const transport: ChatTransport & { sent: MemorySent[]; onSend(fn: (m: MemorySent, kind: 'send' | 'edit') => void): void } = {
    platform,
    sent,
    onSend: (fn) => void listeners.push(fn),
    async send(chatId, msg) {
      const m: MemorySent = {
        chatId,
        messageId: String(next++),
        text: msg.text,
        private: false,
        edits: [],
        ...(msg.buttons ? { buttons: msg.buttons } : {}),
        ...(msg.image ? { image: msg.image.png } : {}),
      };
      sent.push(m);
      for (const l of listeners) l(m, 'send');
      return { messageId: m.messageId };
    },
    async sendPrivate(userId, msg) {
      if (opts.unreachable?.has(userId)) return false;
      const m: MemorySent = { chatId: userId, messageId: String(next++), text: msg.text, private: true, edits: [], ...(msg.buttons ? { buttons: msg.buttons } : {}) };
      sent.push(m);
      for (const l of listeners) l(m, 'send');
      return true;
    },
  };
  if (opts.editable !== false) {
    transport.edit = async (chatId, messageId, msg) => {
      const m = sent.find((s) => s.chatId === chatId && s.messageId === messageId);
      if (!m) throw new Error(`no message ${messageId} in ${chatId}`);
      m.edits.push(msg.text);
      m.text = msg.text;
      if (msg.buttons) m.buttons = msg.buttons;
      else delete m.buttons;
      for (const l of listeners) l(m, 'edit');
    };
  }
  return transport;
}
