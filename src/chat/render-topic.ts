import { DateTime } from 'luxon';
import { formatLocal } from '../app/local-time.js';
import type { Meeting } from '../app/meetings.js';
import type { Catalogue } from './i18n/index.js';

/** A day and time as people read it: `2026-12-05（周六）19:30` / `Sat 2026-12-05 19:30`. */
export function formatDay(t: Catalogue, at: Date, tz: string): string {
  const d = DateTime.fromJSDate(at, { zone: tz });
  return t.when.day(d.toFormat('yyyy-MM-dd'), d.weekday, d.toFormat('HH:mm'));
}

/** The calendar date only (a due date ends at 23:59 of it). */
export function formatDate(at: Date, tz: string): string {
  return formatLocal(at, tz).slice(0, 10);
}

/** `#2 议事协商日 — 2026-12-05（周六）19:30 @ 活动室 · 3 人参加` */
export function meetingLine(t: Catalogue, m: Meeting, tz: string): string {
  return t.meeting.line(m.meetingNo, m.title, formatDay(t, m.startsAt, tz), m.place, m.rsvps);
}
