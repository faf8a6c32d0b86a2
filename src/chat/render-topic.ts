import { DateTime } from 'luxon';
import { formatLocal } from '../app/local-time.js';
import type { Meeting } from '../app/meetings.js';
import type { Topic, TopicEvent } from '../app/topics.js';
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

/** Who did it and when, one short line. */
export function byLine(t: Catalogue, name: string | null | undefined, at: Date, tz: string): string {
  return t.topic.by(name?.trim() || t.topic.someone, formatLocal(at, tz));
}

/** `#3 加装路灯 — 已上会 · 附议 2 户` */
export function topicLine(t: Catalogue, topic: Topic, tz: string): string {
  const parts = [t.topic.status[topic.status]];
  if (topic.status === 'on_agenda' && topic.agendaDate) parts.push(formatDay(t, topic.agendaDate, tz));
  if (topic.status === 'assigned' && topic.assignee) parts.push(t.topic.assignedTo(topic.assignee, topic.dueAt ? formatDate(topic.dueAt, tz) : null));
  parts.push(t.topic.secondsCount(topic.seconds));
  return t.topic.line(topic.topicNo, topic.title, parts);
}

/** What a proposal says beyond its title (the whole text when the title had to be cut). */
export function topicBody(topic: Pick<Topic, 'title' | 'text'>): string | null {
  const [first = '', ...rest] = topic.text.split('\n');
  const body = first.trim() === topic.title ? rest.join('\n').trim() : topic.text;
  return body || null;
}

/** The first line of a note, cut for a history line. */
function oneLine(note: string | null): string | null {
  if (!note) return null;
  const chars = [...(note.split('\n')[0] ?? '')];
  return chars.length > 60 || note.includes('\n') ? `${chars.slice(0, 60).join('')}…` : note;
}

/** A topic with everything recorded on it and its history. */
export function renderTopicDetail(t: Catalogue, topic: Topic, history: TopicEvent[], tz: string): string {
  const lines = [t.topic.header(topic.topicNo, topic.title, t.topic.status[topic.status])];
  lines.push(t.topic.proposedBy(topic.proposerName?.trim() || t.topic.someone, formatLocal(topic.proposedAt, tz), topic.seconds));
  const body = topicBody(topic);
  if (body) lines.push(t.topic.content(body));
  if (topic.agendaDate && (topic.status === 'on_agenda' || topic.decidedAt)) lines.push(t.topic.agendaOn(formatDay(t, topic.agendaDate, tz)));
  if (topic.rejectReason) lines.push(t.topic.rejectReason(topic.rejectReason));
  if (topic.decision) lines.push(t.topic.decision(topic.decision));
  if (topic.assignee) lines.push(t.topic.assignedLine(topic.assignee, topic.dueAt ? formatDate(topic.dueAt, tz) : null));
  if (topic.feedback) lines.push(t.topic.feedback(topic.feedback));
  if (history.length) {
    lines.push(t.topic.historyHeader);
    for (const e of history) lines.push(t.topic.historyLine(formatLocal(e.at, tz), e.actorName, t.topic.actionName(e.action), oneLine(eventNote(t, e, tz))));
  }
  return lines.join('\n');
}

/** What a history line adds after the action: the text, or the date or poll outcome the step recorded. */
function eventNote(t: Catalogue, e: TopicEvent, tz: string): string | null {
  if (e.text) return e.text;
  const d = e.data ?? {};
  if (e.action === 'poll-closed' && typeof d.pollNo === 'number') return t.topic.pollOutcome(d.pollNo, t.outcomeName(String(d.outcome) as 'passed'));
  const date = e.action === 'agenda-add' ? d.agendaDate : e.action === 'roll-over' || e.action === 'reschedule' ? d.to : null;
  return typeof date === 'string' ? formatDay(t, new Date(date), tz) : null;
}

/** `#2 议事协商日 — 2026-12-05（周六）19:30 @ 活动室 · 3 人参加` */
export function meetingLine(t: Catalogue, m: Meeting, tz: string): string {
  return t.meeting.line(m.meetingNo, m.title, formatDay(t, m.startsAt, tz), m.place, m.rsvps);
}

/** The announcement of a new meeting. */
export function renderMeeting(t: Catalogue, m: Meeting, tz: string): string {
  const lines = [t.meeting.card(m.meetingNo, m.title), t.meeting.time(formatDay(t, m.startsAt, tz))];
  if (m.place) lines.push(t.meeting.place(m.place));
  lines.push(t.meeting.howTo(m.meetingNo));
  return lines.join('\n');
}
