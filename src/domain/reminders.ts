import { DateTime } from 'luxon';

/** Minutes relative to the object's time at which reminders go out (negative: before). */
export interface ReminderOffsets {
  deliberation: number[];
  meeting: number[];
  poll: number[];
  /** Local time of day (minutes after midnight) for the daily note on overdue topics. */
  overdueAt: number;
}

/** SPEC §7: deliberation day −3 days, −1 day, −2 hours and its start; meetings −1 day and −2 hours; polls −24 hours; overdue topics at 09:00. */
export const DEFAULT_OFFSETS: ReminderOffsets = {
  deliberation: [-3 * 1440, -1440, -120, 0],
  meeting: [-1440, -120],
  poll: [-1440],
  overdueAt: 9 * 60,
};

/** A reminder sent later than this after its time is recorded as missed instead. */
export const LATE_LIMIT_MS = 6 * 3_600_000;

/** The community's offsets: its own where it set them, the defaults otherwise. */
export function offsetsOf(custom: Partial<Record<string, unknown>> | null | undefined): ReminderOffsets {
  const pick = (k: 'deliberation' | 'meeting' | 'poll'): number[] => {
    const v = custom?.[k];
    return Array.isArray(v) && v.every((x) => Number.isInteger(x) && Math.abs(x as number) <= 60 * 1440) ? (v as number[]) : DEFAULT_OFFSETS[k];
  };
  const at = custom?.overdueAt;
  return {
    deliberation: pick('deliberation'),
    meeting: pick('meeting'),
    poll: pick('poll'),
    overdueAt: Number.isInteger(at) && (at as number) >= 0 && (at as number) < 1440 ? (at as number) : DEFAULT_OFFSETS.overdueAt,
  };
}

/** One reminder that should exist: its natural key names the object and the offset. */
export interface WantedReminder {
  key: string;
  /** The kinds here, or one registered by a feature's reminder provider (src/features). */
  kind: 'deliberation' | 'meeting' | 'poll' | 'personal' | 'overdue' | (string & {});
  objectId: number | null;
  dueAt: Date;
}

/**
 * The instant `minutes` away from `at`; whole days are counted on the community's calendar, so "a day
 * before" a 12:00 meeting is 12:00 the day before, also across a daylight-saving change.
 */
export function shiftLocal(at: Date, minutes: number, tz: string): Date {
  if (minutes % 1440 !== 0) return new Date(at.getTime() + minutes * 60_000);
  // Communities share their days and zones: each shift is worked out once (the zone's rules are slow to read).
  const key = `${at.getTime()}|${minutes}|${tz}`;
  let ms = shifted.get(key);
  if (ms === undefined) {
    ms = DateTime.fromJSDate(at, { zone: tz }).plus({ days: minutes / 1440 }).toMillis();
    if (shifted.size >= 10_000) shifted.clear();
    shifted.set(key, ms);
  }
  return new Date(ms);
}
const shifted = new Map<string, number>();
const label = (m: number) => (m === 0 ? 'start' : `${m}m`);

/**
 * Reminders of `kind` before each object's time, one per offset, keyed by the kind, the object's
 * reference (its id, or a deliberation day's instant) and the offset: moving an object moves its
 * reminders (same key, new time).
 */
export function remindersBefore(kind: string, objects: { ref: string | number; objectId: number | null; at: Date }[], offsets: number[], tz: string): WantedReminder[] {
  return objects.flatMap((o) => offsets.map((m) => ({ key: `${kind}:${o.ref}:${label(m)}`, kind, objectId: o.objectId, dueAt: shiftLocal(o.at, m, tz) })));
}

/**
 * One note a morning (at `at` local minutes) for each object past its time: today's, unless more than
 * six hours past, and tomorrow's, keyed by the kind, the object and the local date, so each morning's
 * note is one row and goes out once.
 */
export function morningNotes(kind: string, objects: { id: number; dueAt: Date }[], at: number, tz: string, now: Date): WantedReminder[] {
  const out: WantedReminder[] = [];
  if (!objects.length) return out;
  for (const m of mornings(at, tz, now)) {
    if (m.dueAt + LATE_LIMIT_MS < now.getTime()) continue;
    for (const o of objects) if (o.dueAt.getTime() < m.dueAt) out.push({ key: `${kind}:${o.id}:${m.date}`, kind, objectId: o.id, dueAt: new Date(m.dueAt) });
  }
  return out;
}

/** Today's and tomorrow's morning at `at` local minutes in `tz`: each instant and local date, kept while `now` is within the same local day. */
function mornings(at: number, tz: string, now: Date): { dueAt: number; date: string }[] {
  const key = `${at}|${tz}`;
  const t = now.getTime();
  const known = morningsOf.get(key);
  if (known && known.from <= t && t < known.to) return known.slots;
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf('day');
  const days = [today, today.plus({ days: 1 })];
  const slots = days.map((d) => ({ dueAt: d.plus({ minutes: at }).toMillis(), date: String(d.toISODate()) }));
  if (morningsOf.size >= 1000) morningsOf.clear();
  if (today.isValid) morningsOf.set(key, { from: today.toMillis(), to: days[1]!.toMillis(), slots });
  return slots;
}
const morningsOf = new Map<string, { from: number; to: number; slots: { dueAt: number; date: string }[] }>();
