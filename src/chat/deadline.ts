import { StoreUnavailableError } from '../app/errors.js';

/** How long a message may wait for a PostgreSQL server before the sender is told to try again later. */
export const ANSWER_DEADLINE_MS = 4000;

/**
 * Resolves like `work`, or rejects with StoreUnavailableError after `ms` (no deadline when unset).
 * The work itself is not cancelled: what it commits later stays committed, unacknowledged.
 */
export function withDeadline<T>(work: Promise<T>, ms: number | undefined): Promise<T> {
  if (!ms) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreUnavailableError(new Error(`no answer from the database within ${ms} ms`))), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
