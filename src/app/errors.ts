import { isConnectionLoss, QueryFailedError } from '../db/query-error.js';

/** The database could not be reached or failed unexpectedly: people are told to try again later. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** True when an error means the database connection is gone (not a bug in a query). */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof StoreUnavailableError) return true;
    if (e instanceof QueryFailedError) return e.connection;
  }
  return isConnectionLoss(err);
}
