/**
 * Why a send failed, in a few words that metrics and logs can carry (no text of the error):
 * - `rights`: the bot may not send this here (a group forbids media or messages); will not change by itself;
 * - `blocked`: the person blocked the bot, or the bot was removed from the group;
 * - `chat_not_found`: the chat or person does not exist (any more);
 * - `bad_request`: the platform refused the request as it is (it would refuse it again);
 * - `server_error`: the platform failed (5xx); tried again later;
 * - `flood`: the platform asked to slow down (429), waited as long as it said;
 * - `network`: no answer came; tried again later;
 * - `other`: anything else (a platform without codes); tried again later.
 */
export type FailureKind = 'rights' | 'blocked' | 'chat_not_found' | 'bad_request' | 'server_error' | 'flood' | 'network' | 'other';

const KINDS = new Set<FailureKind>(['rights', 'blocked', 'chat_not_found', 'bad_request', 'server_error', 'flood', 'network', 'other']);

/** Failures that will not change by trying again: that part of the message is over. */
export const FINAL_FAILURES: ReadonlySet<FailureKind> = new Set<FailureKind>(['rights', 'blocked', 'chat_not_found', 'bad_request']);

/** The person or chat cannot be written to at all. */
export const UNREACHABLE: ReadonlySet<FailureKind> = new Set<FailureKind>(['blocked', 'chat_not_found']);

/**
 * The kind of a transport's failure: the adapter's own (`kind`, e.g. TelegramApiError's), else
 * read from an HTTP-like `errorCode`, else `other`.
 */
export function failureKind(err: unknown): FailureKind {
  const e = err as { kind?: unknown; errorCode?: unknown; retryAfter?: unknown } | null;
  if (typeof e?.kind === 'string' && KINDS.has(e.kind as FailureKind)) return e.kind as FailureKind;
  if (typeof e?.retryAfter === 'number') return 'flood';
  const code = e?.errorCode;
  if (code === 429) return 'flood';
  if (code === 403) return 'blocked';
  if (code === 404) return 'chat_not_found';
  if (code === 400) return 'bad_request';
  if (typeof code === 'number' && code >= 500) return 'server_error';
  return 'other';
}

/** Seconds the platform asked to wait (a 429's retry_after), or null. */
export function retryAfterOf(err: unknown): number | null {
  const r = (err as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof r === 'number' && r >= 0 ? r : null;
}

type FailureObserver = (platform: string, kind: FailureKind) => void;
type DropObserver = (platform: string, kind: string, n: number) => void;
let onFailure: FailureObserver | undefined;
let onDrop: DropObserver | undefined;

/** Receives every failed send (each attempt) by platform and kind: `/metrics`. */
export function observeSendFailures(fn: FailureObserver | undefined): void {
  onFailure = fn;
}
/** Receives every row dropped unsent (reactions and turnout notes when a group's budget is tight). */
export function observeSendDrops(fn: DropObserver | undefined): void {
  onDrop = fn;
}
export const reportFailure = (platform: string, kind: FailureKind): void => onFailure?.(platform, kind);
export const reportDrops = (platform: string, kind: string, n: number): void => onDrop?.(platform, kind, n);
