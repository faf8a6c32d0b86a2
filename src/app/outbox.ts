import type { Db } from '../db/client.js';
import { insertOutbox } from '../db/outbox-repo.js';
import type { Effect } from '../chat/model.js';
import { DEFAULT_TIMING, effectsToRows, type EffectOrigin, type RowTiming } from '../outbox/outbox-rows.js';

/**
 * Writes what a turn, the scheduler or a page says as outbox rows, in the caller's transaction (so
 * the words are committed with the change that made them); the dispatchers send them. Returns how
 * many rows were written.
 */
export async function queueEffects(db: Db, effects: Effect[], origin: EffectOrigin, now: Date, timing: RowTiming = DEFAULT_TIMING): Promise<number> {
  const rows = await effectsToRows(db, effects, origin, now, timing);
  await insertOutbox(db, rows);
  return rows.length;
}

/**
 * Runs an action made outside a chat turn (a desk page's) as a turn runs: `fn` makes its change on
 * the transaction and says what it says through `say`, whose rows are written in that transaction,
 * so the change and its words are committed together or not at all. Returns `fn`'s result and how
 * many rows were written (the dispatchers are to be told after the commit).
 */
export async function commitSaying<T>(
  db: Db,
  origin: EffectOrigin,
  now: () => Date,
  fn: (tx: Db, say: (effects: Effect[]) => Promise<void>) => Promise<T>,
  timing: RowTiming = DEFAULT_TIMING,
): Promise<{ result: T; queued: number }> {
  let queued = 0;
  const result = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    return fn(tx, async (effects) => {
      if (effects.length) queued += await queueEffects(tx, effects, origin, now(), timing);
    });
  });
  return { result, queued };
}
