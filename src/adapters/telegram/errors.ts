import { GrammyError, HttpError } from 'grammy';
import type { FailureKind } from '../../outbox/failures.js';
import { redactTokens } from '../../redact.js';

/** What a Bot API error means for a send (Telegram's codes and descriptions). */
export function telegramFailureKind(errorCode: number | null, description: string): FailureKind {
  if (errorCode == null) return 'network';
  if (errorCode === 429) return 'flood';
  if (errorCode >= 500) return 'server_error';
  if (errorCode === 403) return 'blocked';
  if (/not enough rights|have no rights|need administrator rights|CHAT_WRITE_FORBIDDEN|CHAT_SEND_\w+_FORBIDDEN|CHAT_RESTRICTED/i.test(description)) return 'rights';
  if (/chat not found|user not found|PEER_ID_INVALID/i.test(description)) return 'chat_not_found';
  if (errorCode === 404) return 'chat_not_found';
  return 'bad_request';
}

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
    this.kind = telegramFailureKind(errorCode, description);
  }
  /** What the failure means for a send (rights, blocked, server_error, …). */
  readonly kind: FailureKind;
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
