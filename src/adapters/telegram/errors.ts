import { GrammyError, HttpError } from 'grammy';
import { redactTokens } from '../../redact.js';

/**
 * A failed Bot API call, without the request payload (which holds what people wrote and what the bot
 * said): safe to log. `errorCode` is Telegram's (e.g. 403 blocked, 429 too many requests).
 */
export class TelegramApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number | null,
    readonly description: string,
    /** Seconds to wait, when Telegram said so (429 Too Many Requests). */
    readonly retryAfter: number | null = null,
  ) {
    super(`telegram ${method} failed: ${errorCode ?? 'network'} ${description}`);
    this.name = 'TelegramApiError';
  }
}

/**
 * One short line saying why a Telegram call failed, with no message text, personal data or the bot
 * token (a network error's message holds the request URL, `…/bot<TOKEN>/getMe`).
 */
export function describeTelegramError(err: unknown): string {
  return redactTokens(describe(err));
}

function describe(err: unknown): string {
  if (err instanceof GrammyError) return `${err.method}: ${err.error_code} ${err.description}`;
  if (err instanceof HttpError) return `network error: ${err.error instanceof Error ? err.error.message : String(err.error)}`;
  if (err instanceof TelegramApiError) return err.message;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** The same failure as a TelegramApiError (the payload dropped), for errors that leave the adapter. */
export function toTelegramApiError(err: unknown): unknown {
  if (err instanceof GrammyError) return new TelegramApiError(err.method, err.error_code, err.description, err.parameters?.retry_after ?? null);
  if (err instanceof HttpError) return new TelegramApiError('request', null, describeTelegramError(err));
  return err;
}
