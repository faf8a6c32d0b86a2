import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rows } from '../db/client.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** One guessing limit: at most `max` (weighted) attempts a window of `windowMs`; reaching it locks the key for `lockMs`. */
export interface GuessLimit {
  key: string;
  max: number;
  windowMs: number;
  lockMs: number;
  /** How many codes this attempt could hit (default 1). */
  weight?: number;
}

/**
 * The limits of SPEC §3 (README "Guessing limits" has the computation). Codes are 8 characters from
 * 31 symbols (31^8 ≈ 8.5·10^11). The whole-service budgets are counted in codes an attempt could
 * hit, so the yearly odds stay below one in a million however many units or communities there are.
 */
export const LIMITS = {
  bindPerIdentity: { max: 5, windowMs: HOUR, lockMs: HOUR },
  bindPerUnit: { max: 10, windowMs: DAY, lockMs: DAY },
  /** Unit codes a day, service-wide: one attempt on a label counts each unit with that label (owner and tenant codes). */
  bindService: { max: 500, windowMs: DAY, lockMs: 0 },
  setupPerIdentity: { max: 5, windowMs: HOUR, lockMs: HOUR },
  setupPerChat: { max: 10, windowMs: DAY, lockMs: DAY },
  /** Setup codes a day, service-wide: one attempt counts every community with a setup code. */
  setupService: { max: 1000, windowMs: DAY, lockMs: 0 },
} as const;

export type Reservation = { ok: true; counts: number[] } | { ok: false; minutes: number };

/**
 * Reserves one attempt under every limit, atomically (each counter row is locked by its upsert, in
 * the given order, inside one transaction): concurrent attempts are counted one after the other, and
 * none is evaluated once a limit is reached. Refused: the minutes until the first refusing key frees.
 */
export async function reserveGuess(db: Db, now: Date, limits: GuessLimit[]): Promise<Reservation> {
  class Refused extends Error {
    constructor(readonly minutes: number) {
      super('refused');
    }
  }
  try {
    return await db.transaction(async (tx) => {
      const counts: number[] = [];
      for (const l of limits) {
        const w = l.weight ?? 1;
        const windowStart = new Date(now.getTime() - l.windowMs).toISOString();
        const at = now.toISOString();
        const lockUntil = new Date(now.getTime() + l.lockMs).toISOString();
        // A fresh window starts once the old one is over; an attempt is taken only if it fits the budget.
        const got = await rows<{ n: number }>(
          tx,
          sql`with p as (select ${w}::int as w, ${l.max}::int as max, ${l.lockMs}::int > 0 as locks,
                    ${at}::timestamptz as at, ${windowStart}::timestamptz as expired, ${lockUntil}::timestamptz as lock_until)
            insert into guess_counters as g (key, window_start, n, locked_until)
              select ${l.key}, p.at, p.w, case when p.w >= p.max and p.locks then p.lock_until end from p
              where p.w <= p.max
            on conflict (key) do update set
              window_start = case when g.window_start <= (select expired from p) then (select at from p) else g.window_start end,
              n = (case when g.window_start <= (select expired from p) then 0 else g.n end) + (select w from p),
              locked_until = case when (case when g.window_start <= (select expired from p) then 0 else g.n end) + (select w from p) >= (select max from p)
                and (select locks from p) then (select lock_until from p) end
            where (g.locked_until is null or g.locked_until <= (select at from p))
              and (case when g.window_start <= (select expired from p) then 0 else g.n end) + (select w from p) <= (select max from p)
            returning n`,
        );
        if (!got[0]) {
          const state = await rows<{ until: string }>(
            tx,
            sql`select greatest(coalesce(locked_until, window_start), window_start + ${`${l.windowMs} milliseconds`}::interval)::text as until
                from guess_counters where key = ${l.key}`,
          );
          const until = state[0] ? new Date(state[0].until).getTime() : now.getTime() + l.windowMs;
          throw new Refused(Math.max(1, Math.ceil((until - now.getTime()) / 60000)));
        }
        counts.push(got[0].n);
      }
      return { ok: true as const, counts };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, minutes: err.minutes };
    throw err;
  }
}

/** Gives back a reserved attempt that turned out right (a valid code is no guess). */
export async function refundGuess(db: Db, limits: GuessLimit[]): Promise<void> {
  for (const l of limits) {
    const w = l.weight ?? 1;
    await db.execute(sql`update guess_counters set n = greatest(n - ${w}::int, 0),
      locked_until = case when n - ${w}::int < ${l.max}::int then null else locked_until end where key = ${l.key}`);
  }
}
