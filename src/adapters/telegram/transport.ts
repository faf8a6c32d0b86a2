import { GrammyError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import type { Button, ChatTransport, OutMessage } from '../../chat/model.js';
import { toTelegramApiError } from './errors.js';

/** Telegram's longest message text. */
export const TELEGRAM_MAX_TEXT = 4096;

function keyboard(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => (b.url !== undefined ? { text: b.label, url: b.url } : { text: b.label, callback_data: b.data }))) };
}

/** Telegram refuses URL buttons to addresses it will not open (http://127.0.0.1, a bare IP, localhost). */
const URL_REFUSED = /BUTTON_URL_INVALID|button url .*invalid|wrong http url|wrong port number/i;

/**
 * A message whose URL buttons Telegram refused, or would: the links move to the end of the text
 * (label, then address), and the other buttons stay.
 */
export function withoutUrlButtons(msg: OutMessage, text: string): { text: string; buttons: Button[][] | undefined } {
  const links = (msg.buttons ?? []).flat().filter((b) => b.url !== undefined);
  const rows = (msg.buttons ?? []).map((row) => row.filter((b) => b.url === undefined)).filter((row) => row.length);
  const lines = links.map((b) => `${b.label}\n${b.url}`);
  return { text: [text, ...lines].join('\n').slice(0, TELEGRAM_MAX_TEXT), buttons: rows.length ? rows : undefined };
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
  /** Sites whose URL buttons Telegram refused: their links go in the text from then on (one refusal per process). */
  const refusedSites = new Set<string>();
  const siteOf = (url: string) => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  };
  const hasRefusedUrl = (msg: OutMessage) => (msg.buttons ?? []).flat().some((b) => b.url !== undefined && refusedSites.has(siteOf(b.url)));
  const urlRefused = (err: unknown, msg: OutMessage): boolean => {
    if (!isError(err, 400, URL_REFUSED)) return false;
    const urls = (msg.buttons ?? []).flat().flatMap((b) => (b.url !== undefined ? [b.url] : []));
    if (!urls.length) return false;
    for (const u of urls) refusedSites.add(siteOf(u));
    log.warn({ reason: 'BUTTON_URL_INVALID' }, 'telegram refused a link button (PUBLIC_URL must be an address Telegram accepts, e.g. https with a domain); links go in the text');
    return true;
  };

  /** One text message with its buttons; URL buttons Telegram refuses become lines of the text. */
  async function sendPart(chatId: string | number, text: string, msg: OutMessage | null): Promise<number> {
    const send = (t: string, buttons: Button[][] | undefined) => {
      const markup = keyboard(buttons);
      return api.sendMessage(chatId, t, { link_preview_options: { is_disabled: true }, ...(markup ? { reply_markup: markup } : {}) });
    };
    if (!msg) return (await send(text, undefined)).message_id;
    if (hasRefusedUrl(msg)) {
      const plainMsg = withoutUrlButtons(msg, text);
      return (await send(plainMsg.text, plainMsg.buttons)).message_id;
    }
    try {
      return (await send(text, msg.buttons)).message_id;
    } catch (err) {
      if (!urlRefused(err, msg)) throw err;
      const plainMsg = withoutUrlButtons(msg, text);
      return (await send(plainMsg.text, plainMsg.buttons)).message_id;
    }
  }

  async function sendTo(chatId: string | number, msg: OutMessage): Promise<{ messageId: string }> {
    // A message may be a picture alone (a result's chart, sent after its text).
    const parts = msg.text ? splitText(msg.text) : [];
    let last = 0;
    for (const [i, part] of parts.entries()) last = await sendPart(chatId, part, i === parts.length - 1 ? msg : null);
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
      const editTo = (text: string, buttons: Button[][] | undefined) => {
        const markup = keyboard(buttons);
        return api.editMessageText(chatId, Number(messageId), text.slice(0, TELEGRAM_MAX_TEXT), {
          link_preview_options: { is_disabled: true },
          ...(markup ? { reply_markup: markup } : {}),
        });
      };
      const text = msg.text.slice(0, TELEGRAM_MAX_TEXT);
      try {
        if (hasRefusedUrl(msg)) {
          const p = withoutUrlButtons(msg, text);
          await editTo(p.text, p.buttons);
        } else {
          try {
            await editTo(text, msg.buttons);
          } catch (err) {
            if (!urlRefused(err, msg)) throw err;
            const p = withoutUrlButtons(msg, text);
            await editTo(p.text, p.buttons);
          }
        }
      } catch (err) {
        if (isError(err, 400, /message is not modified/i)) return;
        throw toTelegramApiError(err);
      }
    },
  };
}
