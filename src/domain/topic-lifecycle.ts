/**
 * The topic lifecycle of SPEC §8 (三议两办两公开; 收集—核实—研究—交办—反馈):
 * proposed → on_agenda (or rejected, with a reason) → decided → assigned → done, with progress
 * notes on the way. Pure: returns codes, never sentences; time comes in as arguments.
 */
import { localDateOf, localTimeToInstant, nextOccurrence, smallNumber, type LocalDate } from './schedule.js';

export type TopicStatus = 'proposed' | 'on_agenda' | 'rejected' | 'decided' | 'assigned' | 'done';
export type TopicAction = 'second' | 'agenda-add' | 'agenda-remove' | 'reject' | 'decide' | 'assign' | 'progress' | 'done';

/** Why a transition is refused by the topic's status. */
export type TopicStateRefusal =
  | 'topic-rejected'
  | 'topic-done'
  | 'not-on-agenda'
  | 'not-decided'
  | 'already-on-agenda'
  | 'already-decided';
/** Why an allowed transition still lacks its text (reason, decision, assignee, note, feedback). */
export type TopicInputRefusal = 'needs-reason' | 'needs-text' | 'needs-assignee' | 'needs-feedback';

export type TransitionResult = { ok: true; to: TopicStatus } | { ok: false; code: TopicStateRefusal | TopicInputRefusal };

export const TOPIC_STATUSES: readonly TopicStatus[] = Object.freeze([
  'proposed',
  'on_agenda',
  'rejected',
  'decided',
  'assigned',
  'done',
] as const);

export const TOPIC_ACTIONS: readonly TopicAction[] = Object.freeze([
  'second',
  'agenda-add',
  'agenda-remove',
  'reject',
  'decide',
  'assign',
  'progress',
  'done',
] as const);

type Cell = { to: TopicStatus } | { refuse: TopicStateRefusal };
const go = (to: TopicStatus): Cell => ({ to });
const no = (refuse: TopicStateRefusal): Cell => ({ refuse });
const all = (refuse: TopicStateRefusal): Record<TopicAction, Cell> =>
  Object.fromEntries(TOPIC_ACTIONS.map((a) => [a, no(refuse)])) as Record<TopicAction, Cell>;

/** The whole lifecycle: every status × action is either a target status or a refusal code. */
const TRANSITIONS: Readonly<Record<TopicStatus, Readonly<Record<TopicAction, Cell>>>> = {
  proposed: {
    second: go('proposed'),
    'agenda-add': go('on_agenda'),
    'agenda-remove': no('not-on-agenda'),
    reject: go('rejected'),
    decide: no('not-on-agenda'),
    assign: no('not-decided'),
    progress: no('not-decided'),
    done: no('not-decided'),
  },
  on_agenda: {
    second: go('on_agenda'),
    'agenda-add': no('already-on-agenda'),
    'agenda-remove': go('proposed'),
    reject: go('rejected'),
    decide: go('decided'),
    assign: no('not-decided'),
    progress: no('not-decided'),
    done: no('not-decided'),
  },
  decided: {
    second: no('already-decided'),
    'agenda-add': no('already-decided'),
    'agenda-remove': no('already-decided'),
    reject: no('already-decided'),
    decide: no('already-decided'),
    assign: go('assigned'),
    progress: go('decided'),
    done: go('done'),
  },
  assigned: {
    second: no('already-decided'),
    'agenda-add': no('already-decided'),
    'agenda-remove': no('already-decided'),
    reject: no('already-decided'),
    decide: no('already-decided'),
    assign: go('assigned'),
    progress: go('assigned'),
    done: go('done'),
  },
  rejected: all('topic-rejected'),
  done: all('topic-done'),
};

/** Actions that carry text, and the code when it is missing or blank. */
const NEEDS: Partial<Record<TopicAction, TopicInputRefusal>> = {
  reject: 'needs-reason',
  decide: 'needs-text',
  assign: 'needs-assignee',
  progress: 'needs-text',
  done: 'needs-feedback',
};

/**
 * Applies `action` to a topic in status `from`. The status is checked first (a done topic says
 * `topic-done` whatever the text), then the text the action needs: the reason for `reject`, the
 * decision for `decide`, the assignee for `assign`, the note for `progress`, the feedback for `done`.
 */
export function transition(from: TopicStatus, action: TopicAction, input?: { text?: string }): TransitionResult {
  const cell = TRANSITIONS[from][action];
  if ('refuse' in cell) return { ok: false, code: cell.refuse };
  const needs = NEEDS[action];
  if (needs && !(input?.text ?? '').trim()) return { ok: false, code: needs };
  return { ok: true, to: cell.to };
}

/** The actions a topic in this status accepts, in `TOPIC_ACTIONS` order. */
export function allowedActions(from: TopicStatus): TopicAction[] {
  return TOPIC_ACTIONS.filter((a) => 'to' in TRANSITIONS[from][a]);
}

/** The deliberation day a topic put on the agenda at `now` belongs to: the next one strictly after. */
export function agendaDateFor(now: Date, cron: string, tz: string): Date | null {
  return nextOccurrence(cron, tz, now);
}

export type AgendaItem<K> = { id: K; status: TopicStatus; agendaDate: Date | null };
export type AgendaMove<K> = { id: K; from: Date | null; to: Date };

/**
 * Topics still on the agenda after their deliberation day (its local calendar day in `tz` is over)
 * without a decision, or with no date at all, move to the next deliberation day and stay
 * `on_agenda`. Returns only the moves; other topics are untouched. Empty when the rule has no
 * next date.
 */
export function rollOver<K>(items: readonly AgendaItem<K>[], now: Date, cron: string, tz: string): AgendaMove<K>[] {
  const next = agendaDateFor(now, cron, tz);
  if (!next) return [];
  const today = dayNumber(localDateOf(now, tz));
  return items
    .filter((t) => t.status === 'on_agenda' && (t.agendaDate === null || dayNumber(localDateOf(t.agendaDate, tz)) < today))
    .map((t) => ({ id: t.id, from: t.agendaDate, to: next }));
}

export type DueParse =
  | { ok: true; who: string; due: Date | null }
  | { ok: false; code: 'bad-date' | 'due-in-past' | 'needs-assignee' };

const KEYWORD = /^(.*?)(?:(?:^|\s)due\b|截止日期|截止时间|截止|限期|期限)\s*:?\s*(.*)$/i;
const TRAILING = [
  /^(.*?)\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?\s*(?:前|之前|以前)?)$/,
  /^(.*?)\s*(\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*(?:前|之前|以前)?)$/,
  /^(.*?)\s*((?:\d{1,4}|[一二两三四五六七八九十]{1,3})\s*(?:天|日|周|星期|个星期)\s*(?:内|以内|之内))$/,
];
const MAX_DAYS = 3660;

/**
 * Splits the tail of `/assign N WHO [due DATE]` (the text after N) into the assignee and the due
 * instant: 23:59 local time in `tz` on the due day. Accepts `due 2026-12-20`, `截止 2026-12-20`,
 * `限期 2026-12-20`, `12月20日前`, `due 12/20` (month/day, the next such day), `due 14d`, `due 2w`,
 * `14天内`, `两周内`. No date: `due` is null. `spoken` reads what these forms do not (`下周五`, `下个月底`):
 * the local day it names, or null. Throws RangeError for an unknown zone.
 */
export function parseDue(text: string, tz: string, now: Date, spoken?: (spec: string) => LocalDate | null): DueParse {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  let who = s;
  let spec: string | null = null;
  const k = KEYWORD.exec(s);
  const t = k ? null : TRAILING.map((re) => re.exec(s)).find((m) => m !== null);
  const m = k ?? t;
  if (m) {
    who = (m[1] ?? '').trim();
    spec = (m[2] ?? '').trim();
  }
  if (!who) return { ok: false, code: 'needs-assignee' };
  if (spec === null) return { ok: true, who, due: null };
  const day = dueDay(spec, localDateOf(now, tz)) ?? spoken?.(spec) ?? null;
  if (!day) return { ok: false, code: 'bad-date' };
  const due = localTimeToInstant(day, 23, 59, tz);
  return due.getTime() <= now.getTime() ? { ok: false, code: 'due-in-past' } : { ok: true, who, due };
}

/** The local calendar day a due spec names, relative to `today`; null when it is not a date. */
function dueDay(spec: string, today: LocalDate): LocalDate | null {
  const s = spec.toLowerCase().replace(/\s+/g, '').replace(/(?:之前|以前|前|以内|之内|内)$/, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(s);
  if (m) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:\/|-|月)(\d{1,2})[日号]?$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    const passed = month < today.month || (month === today.month && day < today.day);
    return calendarDay(today.year + (passed ? 1 : 0), month, day);
  }
  const named = ['today', '今天', '今日', 'tomorrow', '明天', '明日'].indexOf(s);
  if (named >= 0) return shiftDays(today, named < 3 ? 0 : 1);
  m = /^(\d{1,4}|[一二两三四五六七八九十]{1,3})(d|days?|天|日|w|weeks?|周|星期|个星期)$/.exec(s);
  if (m) {
    const n = smallNumber(m[1]);
    const days = n === null ? null : /^(w|week|周|星期|个星期)/.test(m[2] ?? '') ? n * 7 : n;
    if (days === null || days > MAX_DAYS) return null;
    return shiftDays(today, days);
  }
  return null;
}

/** A real calendar day, or null (2026-02-30). */
function calendarDay(year: number, month: number, day: number): LocalDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

/** Calendar-day shift (no time of day involved, so no daylight saving either). */
function shiftDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function dayNumber(d: LocalDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}
