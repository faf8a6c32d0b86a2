import { commitTurns } from '../db/outbox-repo.js';
import type { Db } from '../db/client.js';
import type { OutboxRow } from './outbox-rows.js';

interface Pending {
  inboxId: number;
  communityId: number | null;
  at: Date;
  rows: OutboxRow[];
  resolve(fresh: boolean): void;
  reject(err: unknown): void;
}

/**
 * Writes what handled updates say and their "handled" marks, for self-committing turns whose change
 * did not carry them (a refused or redelivered vote; a ballot's own turn goes with the ballot): the turns that arrive while one statement commits share the next one (group commit),
 * and the edits of one card among them are one row.
 */
export function createEffectsCommitter(db: Db) {
  let queue: Pending[] = [];
  let running = false;

  async function run(): Promise<void> {
    running = true;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length) {
        const batch = queue;
        queue = [];
        try {
          const fresh = await commitTurns(db, batch, batch[0]!.at);
          for (const p of batch) p.resolve(fresh.has(p.inboxId));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    /** Resolves once the rows and the mark are committed: false when the update was marked handled before (nothing was written). */
    commit(inboxId: number, communityId: number | null, at: Date, rows: OutboxRow[]): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ inboxId, communityId, at, rows, resolve, reject });
        if (!running) void run();
      });
    },
  };
}
