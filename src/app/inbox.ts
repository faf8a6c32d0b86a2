import type { Db } from '../db/client.js';
import { markHandled, type InboxEntry } from '../db/inbox-repo.js';

export type { InboxEntry };

/**
 * Marks kept updates handled, in the caller's transaction; the ids marked now (one handled before
 * is left out). Taken first in a turn's transaction, it locks the update's row, so a second
 * delivery handled at the same time waits, then finds it handled.
 */
export function markUpdatesHandled(db: Db, inboxIds: number[], at: Date, communityId: number | null = null): Promise<Set<number>> {
  return markHandled(db, inboxIds, at, communityId);
}
