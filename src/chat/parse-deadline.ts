/**
 * Deadlines and dates of polls and meetings (SPEC §5): written out (`2026-12-05 20:00`, `12月5日 20:00`),
 * as a span (`7d`, `48h`, `30m`, `1mo`, `3天`, `1个月`) or as people say them (`下周五 20:00`). Pure.
 */
import { normalizeText } from './parse-command.js';
import { parseSpokenDate } from './parse-date.js';
import { chineseNumber } from './parse-text.js';

export type PollDeadline = { kind: 'at'; local: string } | { kind: 'in'; minutes: number };

/** Longest relative deadline accepted: one year. */
export const MAX_DEADLINE_MINUTES = 366 * 24 * 60;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 2000 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/**
 * `20:00`, `20:00:00`, `20点`, `20点30`, `20点30分`, `20时`, optionally after 上午/下午/晚上 …;
 * empty → 23:59 (the end of that day).
 */
function parseTime(s: string): { h: number; m: number } | null {
  let t = s.trim();
  if (t === '') return { h: 23, m: 59 };
  const part = /^(上午|早上|早晨|中午|下午|傍晚|晚上|晚) ?/.exec(t);
  const afternoon = part !== null && ['中午', '下午', '傍晚', '晚上', '晚'].includes(part[1]!);
  if (part) t = t.slice(part[0].length);
  const m =
    /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t) ?? /^(\d{1,2}) ?[点时](?: ?(\d{1,2}) ?分?)?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  if (afternoon && h >= 1 && h < 12) h += 12;
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return { h, m: min };
}

const UNIT_MINUTES: ReadonlyArray<[RegExp, number]> = [
  [/^(?:m|min|mins|minute|minutes|分|分钟)$/, 1],
  [/^(?:h|hr|hrs|hour|hours|小时|个小时|时)$/, 60],
  [/^(?:d|day|days|天|日)$/, 24 * 60],
  [/^(?:w|wk|week|weeks|周|星期|个星期|个礼拜|礼拜)$/, 7 * 24 * 60],
  [/^(?:mo|mon|month|months|个月|月)$/, 30 * 24 * 60],
];

/** The instant and zone that spoken dates (`下周五 20:00`) are read against. */
export interface DateRef {
  now: Date;
  timezone: string;
}

/**
 * `2026-12-05 20:00` (also `/` or `.` between the parts, or `2026年12月5日 20:00`), `12月5日 20:00`
 * (needs `today` for the year), a span `7d`, `48h`, `30m`, `1mo`, `3天`, `2小时`, `1个月`, or, with
 * `ref`, a date as people say it (`下周五 20:00`, `明天晚上7点`, `下个月底`) in `ref.timezone`.
 */
export function parseDeadline(value: string, today?: string, ref?: DateRef): PollDeadline | null {
  const v = normalizeText(value).toLowerCase();
  if (v === '') return null;
  const exact = parseExactDeadline(v, today);
  if (exact || !ref) return exact;
  const spoken = parseSpokenDate(v, ref);
  return spoken && spoken.rest === '' ? { kind: 'at', local: spoken.local } : null;
}

function parseExactDeadline(v: string, today?: string): PollDeadline | null {
  v = v.replace(/^([一二两三四五六七八九十]+)(?=个|天|周|小时|分|星期|礼拜)/, (n) => String(chineseNumber(n) ?? n));

  const rel = /^(\d{1,6}) ?([a-z\u4e00-\u9fff]+?)后?$/.exec(v);
  if (rel) {
    const n = Number(rel[1]);
    const unit = UNIT_MINUTES.find(([re]) => re.test(rel[2]!));
    if (!unit || n <= 0) return null;
    const minutes = n * unit[1];
    return minutes <= MAX_DEADLINE_MINUTES ? { kind: 'in', minutes } : null;
  }

  let y: number;
  let mo: number;
  let d: number;
  let rest: string;
  const full =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?: (.*))?$/.exec(v) ??
    /^(\d{4})年 ?(\d{1,2})月 ?(\d{1,2}) ?[日号]? ?(.*)$/.exec(v);
  if (full) {
    y = Number(full[1]);
    mo = Number(full[2]);
    d = Number(full[3]);
    rest = full[4] ?? '';
  } else {
    const short =
      /^(\d{1,2})月 ?(\d{1,2}) ?[日号]? ?(.*)$/.exec(v) ?? /^(\d{1,2})[-/](\d{1,2})(?: (.*))?$/.exec(v);
    const base = today === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
    if (!short || !base) return null;
    mo = Number(short[1]);
    d = Number(short[2]);
    rest = short[3] ?? '';
    const by = Number(base[1]);
    const bm = Number(base[2]);
    const bd = Number(base[3]);
    // a month and day already past this year mean next year
    y = mo < bm || (mo === bm && d < bd) ? by + 1 : by;
  }
  if (!validDate(y, mo, d)) return null;
  const time = parseTime(rest);
  if (!time) return null;
  return { kind: 'at', local: `${y}-${pad2(mo)}-${pad2(d)} ${pad2(time.h)}:${pad2(time.m)}` };
}
