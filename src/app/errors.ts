/** The database could not be reached or failed unexpectedly: people are told to try again later. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** True when an error means the database connection is gone (not a bug in a query). */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof StoreUnavailableError) return true;
    const code = (e as { code?: string }).code;
    if (code && CONNECTION_CODES.has(code)) return true;
    const msg = String((e as { message?: string }).message ?? '');
    if (/ECONNREFUSED|connection (?:closed|ended|terminated)|PGlite is closed|terminating connection|not currently accepting connections|too many clients/i.test(msg)) return true;
  }
  return false;
}
