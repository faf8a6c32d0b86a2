/**
 * Dates and times as people say them (`下周五 20:00`, `明天晚上7点`, `下个月底`, `12月5日晚8点`), read
 * with chrono-node's Chinese parsers in the community's time zone. Pure: the instant `now` comes in.
 */
// The two locales read here, not the package's dozen.
import * as en from 'chrono-node/en';
import * as zh from 'chrono-node/zh';
import { DateTime } from 'luxon';
import { toSimplified } from './parse-text.js';

export interface SpokenDate {
  /** 'YYYY-MM-DD HH:mm' wall time in the given zone (23:59 when no time of day was said). */
  local: string;
  /** A time of day was said. */
  hasTime: boolean;
  /** What follows the date (normalised: simplified characters), trimmed. */
  rest: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `晚8点` → `晚上8点`, `早8点` → `早上8点`, `X点半` kept: what chrono's zh parser reads as one expression. */
function prepare(s: string): string {
  return s
    .replace(/(^|[^早晚今明昨])晚(?=\s?\d)/g, '$1晚上')
    .replace(/(^|[^早晚今明昨])早(?=\s?\d)/g, '$1早上')
    .replace(/周(?=[一二三四五六日天])/g, '周')
    .replace(/礼拜(?=[一二三四五六日天])/g, '星期');
}

/**
 * chrono's Chinese parsers count days on the process's own calendar (`refDate.getDate()`), whatever
 * zone they are given. So they get an instant whose wall time in the process's zone is the
 * community's wall time, and no zone: 明天 is then the community's tomorrow, and the components read
 * back are the community's wall time. (In the one hour a year that a process zone with DST skips,
 * that wall time does not exist there and reads an hour later.)
 */
function wallReference(now: DateTime): { instant: Date } {
  return { instant: new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second, now.millisecond) };
}

/** `月底` / `本月底` / `这个月底` / `下个月底` / `下月底`, with an optional time after it. */
function monthEnd(s: string, now: DateTime): SpokenDate | null {
  const m = /^(本|这个|这|下个|下)?月底/.exec(s);
  if (!m) return null;
  const base = m[1]?.startsWith('下') ? now.plus({ months: 1 }) : now;
  const day = base.endOf('month');
  const rest = s.slice(m[0].length).trim();
  let h = 23;
  let min = 59;
  let consumed = m[0].length;
  if (rest) {
    const time = zh.hans.parse(`今天${rest}`, wallReference(now))[0];
    if (time && time.index === 0 && time.start.isCertain('hour')) {
      h = time.start.get('hour') ?? 23;
      min = time.start.get('minute') ?? 0;
      consumed = s.length - rest.length + time.text.length - 2;
    }
  }
  return { local: `${day.year}-${pad(day.month)}-${pad(day.day)} ${pad(h)}:${pad(min)}`, hasTime: consumed > m[0].length, rest: s.slice(consumed).trim() };
}

/**
 * Reads a date (and time) at the start of `text`. `now` is the current instant and `timezone` an
 * IANA zone; relative words (明天, 下周五) count from today in that zone, and a date without a year
 * is the next one to come. Null when nothing at the start reads as a date.
 */
export function parseSpokenDate(text: string, ref: { now: Date; timezone: string }): SpokenDate | null {
  try {
    const s = prepare(toSimplified(text.trim()));
    if (s === '' || s.length > 200) return null;
    const now = DateTime.fromJSDate(ref.now, { zone: ref.timezone });
    if (!now.isValid) return null;
    const end = monthEnd(s, now);
    if (end) return end;
    const at = wallReference(now);
    const chinese = /[\u4e00-\u9fff]/.test(s);
    // English only for words (`tomorrow 7pm`, `next friday`): a bare `0d` is no date.
    if (!chinese && !/[a-z]{3,}/i.test(s)) return null;
    const r = (chinese ? zh.hans : en).parse(s, at, { forwardDate: true })[0];
    if (!r || r.index !== 0) return null;
    const y = r.start.get('year');
    const mo = r.start.get('month');
    const d = r.start.get('day');
    if (y == null || mo == null || d == null) return null;
    const hasTime = r.start.isCertain('hour');
    const h = hasTime ? (r.start.get('hour') ?? 0) : 23;
    const min = hasTime ? (r.start.get('minute') ?? 0) : 59;
    return { local: `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(min)}`, hasTime, rest: s.slice(r.text.length).trim() };
  } catch {
    return null;
  }
}
