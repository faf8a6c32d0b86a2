import type { Reminder } from '../app/reminders.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../app/clock.js';
import { reminderProvider } from '../features/registry.js';
import type { Effect } from './model.js';

/**
 * What a due reminder says, as effects (group announcements with counts only, never names, and private
 * notes): its kind's provider, registered by a feature's manifest, says it; an unknown kind says nothing.
 */
export async function reminderEffects(db: Db, clock: Clock, r: Reminder): Promise<Effect[]> {
  const provider = reminderProvider(r.kind);
  return provider ? provider.render(db, clock, r) : [];
}
