/**
 * The deliberation-day rule (议事协商日, SPEC §7): parsing what a chair types into a 5-field cron
 * line, the next dates in a community's IANA zone, and a structured description for the catalogue.
 * Next dates come from cron-parser (`6#1` = first Saturday, `5L` = last Friday, `L` in the
 * day-of-month field = last day); no date arithmetic is written here. Pure: no clock is read.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';

/** First Saturday of every month, 19:30 local time. */
export const DEFAULT_DELIBERATION_CRON = '30 19 * * 6#1';

export type ScheduleParse = { ok: true; cron: string } | { ok: false; code: 'bad-schedule' };

/** 0 = Sunday … 6 = Saturday, as in cron. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** 1–5 = first … fifth, -1 = last. */
export type WeekdayOrdinal = 1 | 2 | 3 | 4 | 5 | -1;

/** What the catalogue renders in zh or en; `cron` when the line is none of the usual shapes. */
export type ScheduleDescription =
  | { kind: 'nth-weekday'; nth: WeekdayOrdinal; weekday: Weekday; hour: number; minute: number }
  | { kind: 'day-of-month'; day: number; hour: number; minute: number }
  | { kind: 'last-day-of-month'; hour: number; minute: number }
  | { kind: 'weekly'; weekday: Weekday; hour: number; minute: number }
  | { kind: 'cron'; cron: string };

type Shape = Exclude<ScheduleDescription, { kind: 'cron' }>;

const BAD: ScheduleParse = { ok: false, code: 'bad-schedule' };
/** A fixed reference instant, so validation never reads the clock. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/**
 * Parses a rule typed by a chair (Chinese or English phrase, or a raw 5-field cron line) into a
 * normalised 5-field cron line. A deliberation day happens at one fixed time: cron lines whose
 * minute or hour field has several values (`*`, `*\/5`, `19,20`) are refused, as are `H` hashes.
 */
export function parseScheduleRule(text: string): ScheduleParse {
  const s = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (s === '') return BAD;
  if (looksLikeCron(s)) {
    const expr = compile(s, 'UTC', REFERENCE);
    if (!expr || expr.fields.minute.values.length !== 1 || expr.fields.hour.values.length !== 1) return BAD;
    return { ok: true, cron: expr.stringify() };
  }
  const shape = parsePhrase(s);
  return shape ? { ok: true, cron: scheduleCron(shape) } : BAD;
}

/** The cron line of a description; the inverse of `describeSchedule`. */
export function scheduleCron(d: ScheduleDescription): string {
  switch (d.kind) {
    case 'nth-weekday':
      return `${d.minute} ${d.hour} * * ${d.weekday}${d.nth === -1 ? 'L' : `#${d.nth}`}`;
    case 'day-of-month':
      return `${d.minute} ${d.hour} ${d.day} * *`;
    case 'last-day-of-month':
      return `${d.minute} ${d.hour} L * *`;
    case 'weekly':
      return `${d.minute} ${d.hour} * * ${d.weekday}`;
    case 'cron':
      return d.cron;
  }
}

/** Describes a cron line; any line that is not one of the usual shapes comes back as `cron`. */
export function describeSchedule(cron: string): ScheduleDescription {
  const expr = compile(cron, 'UTC', REFERENCE);
  const fields = (expr ? expr.stringify() : '').split(' ');
  if (!expr || fields.length !== 5) return { kind: 'cron', cron };
  const [mi = '', ho = '', dom = '', mon = '', dow = ''] = fields;
  if (!/^\d+$/.test(mi) || !/^\d+$/.test(ho) || mon !== '*') return { kind: 'cron', cron };
  const time = { hour: Number(ho), minute: Number(mi) };
  const weekday = (v: string): Weekday => (Number(v) % 7) as Weekday;
  let m: RegExpExecArray | null;
  if (dom === '*' && (m = /^([0-7])#([1-5])$/.exec(dow))) {
    return { kind: 'nth-weekday', nth: Number(m[2]) as WeekdayOrdinal, weekday: weekday(m[1] ?? ''), ...time };
  }
  if (dom === '*' && (m = /^([0-7])L$/.exec(dow))) return { kind: 'nth-weekday', nth: -1, weekday: weekday(m[1] ?? ''), ...time };
  if (dom === '*' && /^[0-7]$/.test(dow)) return { kind: 'weekly', weekday: weekday(dow), ...time };
  if (dow === '*' && /^\d+$/.test(dom)) return { kind: 'day-of-month', day: Number(dom), ...time };
  if (dow === '*' && dom === 'L') return { kind: 'last-day-of-month', ...time };
  return { kind: 'cron', cron };
}

/**
 * The next `count` occurrences of `cron` strictly after `after`, as UTC instants, with the wall
 * clock read in the IANA zone `tz` (so 19:30 stays 19:30 across daylight saving). Returns fewer
 * (or none) when the line, the zone or the date is invalid or no further occurrence exists.
 */
export function nextOccurrences(cron: string, tz: string, after: Date, count = 1): Date[] {
  if (!Number.isInteger(count) || count < 1) return [];
  // Most communities share a line and a zone: the occurrences after an earlier instant are those
  // after this one too, while no occurrence lies between the two (a thousand groups, one reading).
  const key = `${cron}\u0000${tz}\u0000${count}`;
  const t = after.getTime();
  const known = recent.get(key);
  if (known && known.after <= t && (known.out.length === 0 || t < known.out[0]!)) return known.out.map((x) => new Date(x));
  const out = computeOccurrences(cron, tz, after, count);
  if (Number.isFinite(t)) {
    if (recent.size >= 1000) recent.clear();
    recent.set(key, { after: t, out: out.map((d) => d.getTime()) });
  }
  return out;
}

/** The last reading of each line, zone and count: after which instant, and what came next. */
const recent = new Map<string, { after: number; out: number[] }>();

function computeOccurrences(cron: string, tz: string, after: Date, count: number): Date[] {
  const expr = compile(cron, tz, after);
  if (!expr) return [];
  const out: Date[] = [];
  try {
    for (let guard = 0; out.length < count && guard < count + 2; guard += 1) {
      const next = expr.next().toDate();
      if (next.getTime() > after.getTime()) out.push(next);
    }
  } catch {
    // cron-parser throws when it finds no further date within its search limit
  }
  return out;
}

/** The first occurrence strictly after `after`, or null (see `nextOccurrences`). */
export function nextOccurrence(cron: string, tz: string, after: Date): Date | null {
  return nextOccurrences(cron, tz, after, 1)[0] ?? null;
}

/** True for an IANA zone name the runtime knows ('Asia/Shanghai', 'UTC'); false for '', '+08:00'. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A calendar date (month 1–12). */
export type LocalDate = { year: number; month: number; day: number };

/** The calendar date an instant falls on in `tz`. Throws RangeError for an unknown zone. */
export function localDateOf(instant: Date, tz: string): LocalDate {
  const p = wallClock(instant.getTime(), tz);
  return { year: p.year, month: p.month, day: p.day };
}

/** The instant when the wall clock in `tz` reads `hour:minute` on `date` (assumes no DST gap then). */
export function localTimeToInstant(date: LocalDate, hour: number, minute: number, tz: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetMs(wall, tz);
  return new Date(wall - offsetMs(first, tz));
}

function wallClock(ms: number, tz: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((x) => x.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function offsetMs(ms: number, tz: string): number {
  const p = wallClock(ms, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** A parsed 5-field expression positioned at `after`, or null when anything is invalid. */
function compile(cron: string, tz: string, after: Date): CronExpression | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || fields.some((f) => f.split(',').some((part) => /^h(?![a-z])/i.test(part)))) return null;
  if (Number.isNaN(after.getTime()) || !isValidTimeZone(tz)) return null;
  try {
    const line = fields.map((f) => (f === '?' ? '*' : f.toUpperCase())).join(' ');
    const expr = CronExpressionParser.parse(line, { currentDate: after, tz });
    expr.next();
    expr.reset(after);
    return expr;
  } catch {
    return null;
  }
}

function looksLikeCron(s: string): boolean {
  const fields = s.split(' ');
  return fields.length === 5 && fields.every((f) => /^[0-9a-z*?,/#-]+$/.test(f)) && fields.slice(0, 2).every((f) => /[\d*]/.test(f));
}

// ---- phrases ---------------------------------------------------------------------------------

type Clock = { hour: number; minute: number };

const ZH_NUM = '(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[零〇一二两三四五六七八九])';
const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const PERIOD = '(凌晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜里|夜晚|晚)';
const AM = new Set(['凌晨', '早上', '早晨', '上午', 'am', 'a.m.']);

/** A small number written in digits or Chinese numerals ('15', '十五', '两'); null otherwise. */
export function smallNumber(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m) return ZH_DIGIT[s] ?? null;
  const [, tens, ten, units] = m;
  if (!ten) return tens !== undefined && units === undefined ? (ZH_DIGIT[tens] ?? null) : null;
  return (tens ? (ZH_DIGIT[tens] ?? 0) : 1) * 10 + (units ? (ZH_DIGIT[units] ?? 0) : 0);
}

/** 12-hour readings: English am/pm needs 1–12; Chinese day periods shift afternoon hours. */
function withPeriod(hour: number, period: string | undefined, english: boolean): number | null {
  if (!period) return hour;
  if (english && (hour < 1 || hour > 12)) return null;
  if (AM.has(period)) return hour <= 12 ? hour % 12 : null;
  if (period === '中午') return hour === 11 || hour === 12 ? hour : hour >= 1 && hour <= 2 ? hour + 12 : null;
  if (english) return (hour % 12) + 12;
  return hour < 12 ? hour + 12 : hour === 12 ? null : hour;
}

function clock(hour: number | null, minute: number | null): Clock | null {
  if (hour === null || minute === null || hour > 23 || minute > 59) return null;
  return { hour, minute };
}

const TIME_READERS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => Clock | null]> = [
  [
    new RegExp(`${PERIOD}?\\s*(\\d{1,2})\\s*:\\s*(\\d{2})(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.))?`),
    (m) => {
      const period = m[4] ?? m[1];
      return clock(withPeriod(Number(m[2]), period, m[4] !== undefined), Number(m[3]));
    },
  ],
  [
    new RegExp(`${PERIOD}?\\s*(\\d{1,2}|${ZH_NUM})\\s*[点時时](?:\\s*(?:(半)|(一刻)|(三刻)|(\\d{1,2}|${ZH_NUM})\\s*分?))?`),
    (m) => {
      const minute = m[3] ? 30 : m[4] ? 15 : m[5] ? 45 : m[6] ? smallNumber(m[6]) : 0;
      const hour = smallNumber(m[2]);
      return clock(hour === null ? null : withPeriod(hour, m[1], false), minute);
    },
  ],
  [/\b(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)/, (m) => clock(withPeriod(Number(m[1]), m[2], true), 0)],
];

/** Takes exactly one time of day out of the text. */
function takeTime(s: string): { time: Clock; rest: string } | null {
  let time: Clock | null = null;
  let rest = s;
  for (const [re, read] of TIME_READERS) {
    const m = re.exec(rest);
    if (!m) continue;
    const t = read(m);
    if (time || !t) return null;
    time = t;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    if (re.test(rest)) return null;
  }
  return time ? { time, rest } : null;
}

const WEEKDAY_ZH = /(?:星期|礼拜|禮拜|周|週)\s*([一二三四五六日天1-7])/g;
const WEEKDAY_EN = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat)s?\b/g;
const ZH_WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const EN_WEEKDAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const NTH: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => number | null]> = [
  [/第\s*([一二三四五1-5])\s*个?/, (m) => smallNumber(m[1])],
  [/首个/, () => 1],
  [/倒数第一个|最后一个|最后/, () => -1],
  [/\b(first|second|third|fourth|fifth|last)\b/, (m) => {
    const i = ['first', 'second', 'third', 'fourth', 'fifth', 'last'].indexOf(m[1] ?? '');
    return i === 5 ? -1 : i + 1;
  }],
];
/** '1st'…'5th' is an ordinal only next to a weekday ('1st Sat'); alone it is a day ('on the 1st'). */
const DIGIT_NTH = /\b([1-5])(?:st|nd|rd|th)\b/;
const LAST_DAY = /每月最后一天|最后一天|月底|月末|\blast day\b/;
const DOM = [new RegExp(`(\\d{1,2}|${ZH_NUM})\\s*[日号號]`), /\bday (\d{1,2})\b/, /\b(\d{1,2})(?:st|nd|rd|th)\b/];
const MONTH_WORDS = /月|\bmonth(?:ly|s)?\b/;
const WEEK_WORDS = /每周|每週|每星期|每个星期|每礼拜|\bweek(?:ly|s)?\b/;
const FILLER = /每个月|每個月|每月|每周|每週|每星期|每个星期|每礼拜|每个|每|个|的|在|于|於|\b(?:every|each|of|the|month|months|monthly|at|on|in|per|a|week|weeks|weekly)\b|[\s,，、。;；]/g;

/** Reads the day part and the time of a rule phrase; null when anything is left unexplained. */
function parsePhrase(s: string): Shape | null {
  const taken = takeTime(s);
  if (!taken) return null;
  const { hour, minute } = taken.time;
  let rest = taken.rest;
  const cut = (m: RegExpExecArray): void => {
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
  };
  const monthly = MONTH_WORDS.test(rest);
  const weekly = WEEK_WORDS.test(rest);

  const weekdays = [...rest.matchAll(WEEKDAY_ZH)].map((m) => ZH_WEEKDAY[m[1] ?? ''] ?? Number(m[1]) % 7);
  weekdays.push(...[...rest.matchAll(WEEKDAY_EN)].map((m) => EN_WEEKDAY.indexOf((m[1] ?? '').slice(0, 3))));
  rest = rest.replace(WEEKDAY_ZH, ' ').replace(WEEKDAY_EN, ' ');
  if (weekdays.length > 1) return null;

  let lastDay = false;
  const ld = LAST_DAY.exec(rest);
  if (ld) {
    lastDay = true;
    cut(ld);
  }
  let nth: number | null = null;
  const readers = weekdays.length > 0 ? [...NTH, [DIGIT_NTH, (m: RegExpExecArray) => Number(m[1])] as const] : NTH;
  for (const [re, read] of readers) {
    const m = re.exec(rest);
    if (!m) continue;
    if (nth !== null) return null;
    nth = read(m);
    cut(m);
  }
  let day: number | null = null;
  for (const re of DOM) {
    const m = re.exec(rest);
    if (!m) continue;
    if (day !== null) return null;
    day = smallNumber(m[1]);
    if (day === null || day < 1 || day > 31) return null;
    cut(m);
  }
  if (rest.replace(FILLER, '') !== '') return null;

  const weekday = weekdays[0] as Weekday | undefined;
  const kinds = [weekday !== undefined, day !== null, lastDay].filter(Boolean).length;
  if (kinds !== 1) return null;
  if (weekday !== undefined && nth !== null) {
    return weekly ? null : { kind: 'nth-weekday', nth: nth as WeekdayOrdinal, weekday, hour, minute };
  }
  if (nth !== null) return null;
  if (weekday !== undefined) return monthly ? null : { kind: 'weekly', weekday, hour, minute };
  if (weekly) return null;
  if (day !== null) return { kind: 'day-of-month', day, hour, minute };
  return { kind: 'last-day-of-month', hour, minute };
}
