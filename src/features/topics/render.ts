/** How a topic reads in the chat: a list line, its details with its history, who did a step and when. */
import { formatLocal } from '../../app/local-time.js';
import type { Topic, TopicEvent } from '../../app/topics.js';
import type { Catalogue } from '../../chat/i18n/index.js';
import { formatDate, formatDay } from '../../chat/render-topic.js';
import type { TopicsText } from './i18n.js';

/** Who did it and when, one short line. */
export function byLine(x: TopicsText, name: string | null | undefined, at: Date, tz: string): string {
  return x.topic.by(name?.trim() || x.topic.someone, formatLocal(at, tz));
}

/** `#3 加装路灯 — 已上会 · 附议 2 户` */
export function topicLine(t: Catalogue, x: TopicsText, topic: Topic, tz: string): string {
  const parts = [x.topic.status[topic.status]];
  if (topic.status === 'on_agenda' && topic.agendaDate) parts.push(formatDay(t, topic.agendaDate, tz));
  if (topic.status === 'assigned' && topic.assignee) parts.push(x.topic.assignedTo(topic.assignee, topic.dueAt ? formatDate(topic.dueAt, tz) : null));
  parts.push(x.topic.secondsCount(topic.seconds));
  return x.topic.line(topic.topicNo, topic.title, parts);
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
export function renderTopicDetail(t: Catalogue, x: TopicsText, topic: Topic, history: TopicEvent[], tz: string): string {
  const lines = [x.topic.header(topic.topicNo, topic.title, x.topic.status[topic.status])];
  lines.push(x.topic.proposedBy(topic.proposerName?.trim() || x.topic.someone, formatLocal(topic.proposedAt, tz), topic.seconds));
  const body = topicBody(topic);
  if (body) lines.push(x.topic.content(body));
  if (topic.agendaDate && (topic.status === 'on_agenda' || topic.decidedAt)) lines.push(x.topic.agendaOn(formatDay(t, topic.agendaDate, tz)));
  if (topic.rejectReason) lines.push(x.topic.rejectReason(topic.rejectReason));
  if (topic.decision) lines.push(x.topic.decision(topic.decision));
  if (topic.assignee) lines.push(x.topic.assignedLine(topic.assignee, topic.dueAt ? formatDate(topic.dueAt, tz) : null));
  if (topic.feedback) lines.push(x.topic.feedback(topic.feedback));
  if (history.length) {
    lines.push(x.topic.historyHeader);
    for (const e of history) lines.push(x.topic.historyLine(formatLocal(e.at, tz), e.actorName, x.topic.actionName(e.action), oneLine(eventNote(t, x, e, tz))));
  }
  return lines.join('\n');
}

/** What a history line adds after the action: the text, or the date or poll outcome the step recorded. */
function eventNote(t: Catalogue, x: TopicsText, e: TopicEvent, tz: string): string | null {
  if (e.text) return e.text;
  const d = e.data ?? {};
  if (e.action === 'poll-closed' && typeof d.pollNo === 'number') return x.topic.pollOutcome(d.pollNo, t.outcomeName(String(d.outcome) as 'passed'));
  const date = e.action === 'agenda-add' ? d.agendaDate : e.action === 'roll-over' || e.action === 'reschedule' ? d.to : null;
  return typeof date === 'string' ? formatDay(t, new Date(date), tz) : null;
}
