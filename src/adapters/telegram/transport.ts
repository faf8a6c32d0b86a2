import { GrammyError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import type { Button, ChatTransport, OutMessage } from '../../chat/model.js';
import { toTelegramApiError } from './errors.js';

/** Telegram's longest message text. */
export const TELEGRAM_MAX_TEXT = 4096;

function keyboard(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

/** Splits a long text at line breaks (or hard, for a very long line) into parts Telegram accepts. */
export function splitText(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at <= 0) at = max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}

const isError = (err: unknown, code: number, description?: RegExp): err is GrammyError =>
  err instanceof GrammyError && err.error_code === code && (!description || description.test(err.description));

/** The ChatTransport for Telegram: sendMessage with inline keyboards, sendPhoto for pictures, editMessageText for live cards. */
export function createTelegramTransport(api: Api, log: Logger): ChatTransport {
  async function sendTo(chatId: string | number, msg: OutMessage): Promise<{ messageId: string }> {
    // A message may be a picture alone (a result's chart, sent after its text).
    const parts = msg.text ? splitText(msg.text) : [];
    let last = 0;
    for (const [i, part] of parts.entries()) {
      const markup = i === parts.length - 1 ? keyboard(msg.buttons) : undefined;
      const sent = await api.sendMessage(chatId, part, {
        link_preview_options: { is_disabled: true },
        ...(markup ? { reply_markup: markup } : {}),
      });
      last = sent.message_id;
    }
    if (msg.image) {
      const sent = await api.sendPhoto(chatId, new InputFile(msg.image.png, 'result.png'), msg.image.caption ? { caption: msg.image.caption } : {});
      if (!parts.length) last = sent.message_id;
    }
    return { messageId: String(last) };
  }

  return {
    platform: 'telegram',
    split: (text) => splitText(text),
    async send(chatId, msg) {
      try {
        return await sendTo(chatId, msg);
      } catch (err) {
        // A group upgraded to a supergroup has a new id; Telegram names it once.
        const to = err instanceof GrammyError ? err.parameters.migrate_to_chat_id : undefined;
        if (to === undefined) throw toTelegramApiError(err);
        log.warn({ chat: chatId, migratedTo: to }, 'telegram group was upgraded to a supergroup; sent to its new id');
        return sendTo(to, msg).catch((e: unknown) => Promise.reject(toTelegramApiError(e)));
      }
    },
    async sendPrivate(userId, msg) {
      // A person who blocked the bot or never started it is a refusal of kind `blocked` or
      // `chat_not_found`: the dispatcher takes it as "not reached", counted by its reason.
      try {
        await sendTo(userId, msg);
        return true;
      } catch (err) {
        throw toTelegramApiError(err);
      }
    },
    async react(chatId, messageId, emoji) {
      try {
        await api.setMessageReaction(chatId, Number(messageId), [{ type: 'emoji', emoji: emoji as never }]);
      } catch (err) {
        // The message is gone, or reactions are off in this group: nothing to do.
        if (isError(err, 400)) return log.debug({ chat: chatId }, 'reaction not set');
        throw toTelegramApiError(err);
      }
    },
    async edit(chatId, messageId, msg) {
      const markup = keyboard(msg.buttons);
      try {
        await api.editMessageText(chatId, Number(messageId), msg.text.slice(0, TELEGRAM_MAX_TEXT), {
          link_preview_options: { is_disabled: true },
          ...(markup ? { reply_markup: markup } : {}),
        });
      } catch (err) {
        if (isError(err, 400, /message is not modified/i)) return;
        throw toTelegramApiError(err);
      }
    },
  };
}
