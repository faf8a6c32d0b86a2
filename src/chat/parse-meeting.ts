/**
 * Parser for `/meeting DATE TIME TITLE [@ PLACE]` (会议). Pure: no clock (today comes in), no sentences.
 */
import { normalizeText } from './parse-command.js';
import { parseSpokenDate } from './parse-date.js';
import { parseDeadline, type DateRef } from './parse-poll.js';

export type MeetingParse =
  | { ok: true; local: string; title: string; place: string | null }
  | { ok: false; code: 'bad-time' | 'no-title' };

/** The text names a time of day (`19:30`, `19点`, `7点30`), not only a date. */
const HAS_TIME = /\d{1,2}\s?(?::\s?\d{2}|[点时])/;
const PLACE_LINE = /^(?:地点|place|where|@)\s?:?\s?(.+)$/i;

/**
 * Reads the date and time at the start (`2026-12-20 19:30`, `12月20日 19:30`, `12/20 晚上7点`,
 * `2026年12月20日 19:30`), then the title; a place follows `@` or sits on a `地点: …` line.
 * `today` is 'YYYY-MM-DD' in the community's zone (for dates written without a year).
 * `local` comes back as 'YYYY-MM-DD HH:mm' wall time.
 */
export function parseMeetingText(args: string, lines: string[], today: string, ref?: DateRef): MeetingParse {
  const first = normalizeText(args.split('\n')[0] ?? '');
  let place: string | null = null;
  for (const line of lines) {
    const m = PLACE_LINE.exec(normalizeText(line));
    if (m?.[1]?.trim()) place = m[1].trim();
  }
  const tokens = first.split(' ').filter((x) => x !== '');
  for (let k = Math.min(3, tokens.length); k >= 1; k--) {
    const when = tokens.slice(0, k).join(' ');
    if (!HAS_TIME.test(when)) continue;
    const parsed = parseDeadline(when, today);
    if (!parsed || parsed.kind !== 'at') continue;
    let title = tokens.slice(k).join(' ');
    const at = title.lastIndexOf('@');
    if (at !== -1) {
      place = title.slice(at + 1).trim() || place;
      title = title.slice(0, at).trim();
    }
    if (!title) return { ok: false, code: 'no-title' };
    return { ok: true, local: parsed.local, title, place };
  }
  // As people say it: `明天晚上7点 业委会例会`, `周六 19:30 议事会 @ 活动室`.
  const spoken = ref ? parseSpokenDate(first, ref) : null;
  if (spoken?.hasTime) {
    let title = spoken.rest;
    const at = title.lastIndexOf('@');
    if (at !== -1) {
      place = title.slice(at + 1).trim() || place;
      title = title.slice(0, at).trim();
    }
    if (!title) return { ok: false, code: 'no-title' };
    return { ok: true, local: spoken.local, title, place };
  }
  return { ok: false, code: 'bad-time' };
}
