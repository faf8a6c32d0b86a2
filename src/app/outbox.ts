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
