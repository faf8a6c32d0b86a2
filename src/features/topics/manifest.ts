/**
 * Topics (三议两办两公开, SPEC §8) and the deliberation day's agenda: residents propose and co-sign,
 * the committee puts topics on the agenda, declines, decides (also by a poll), assigns, reports
 * progress and closes them, each step announced. Reminders before each deliberation day and each
 * morning for assigned topics past their due date; `export COMMUNITY topics`.
 */
import type { ParsedCommand } from '../../chat/parse-command.js';
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest, ManifestCommand } from '../manifest.js';
import { empty, looksLikeChatter, numbered } from '../sense.js';
import { TOPICS_TEXT, type TopicsText } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    topic: true;
    second: true;
    topics: true;
    agenda: true;
    reject: true;
    decide: true;
    assign: true;
    progress: true;
    done: true;
  }
}

/** Reminder kind: before a deliberation day, with its agenda. */
export const DELIBERATION_KIND = 'deliberation';
/** Reminder kind: an assigned topic past its due date, noted to the committee each morning. */
export const OVERDUE_KIND = 'overdue';

const help = (key: keyof TopicsText['help']): Record<Locale, string> => ({ 'zh-CN': TOPICS_TEXT['zh-CN'].help[key], en: TOPICS_TEXT.en.help[key] });
/** Nothing, or a number first (`不予受理 3 理由`); `决议 还没出来吧` is talk. */
const step = (c: ParsedCommand) => empty(c) || numbered(c);

const commands: ManifestCommand[] = [
  {
    name: 'topic',
    en: 'topic',
    zh: ['提议', '议题'],
    // `议题 太多了吧` is talk; a proposal says something (four characters at least) or has lines.
    sense: (c) => empty(c) || c.lines.length > 0 || (!looksLikeChatter(c.args.split('\n')[0]!) && [...c.args.replace(/\s/g, '')].length >= 4),
    who: 'member',
    help: help('topic'),
  },
  { name: 'second', en: 'second', zh: ['附议'], sense: (c) => empty(c) || (c.argv.length <= 2 && numbered(c)), numbered: true, who: 'member', help: help('second') },
  { name: 'topics', en: 'topics', zh: ['议题列表'], sense: (c) => empty(c) || (c.argv.length === 1 && numbered(c)), numbered: true, who: 'anyone', help: help('topics') },
  {
    name: 'agenda',
    en: 'agenda',
    zh: ['议程', '上会'],
    shorthand: { 上会: { args: 'add', sense: /^ *:? *#?\d/ } },
    sense: (c) => empty(c) || numbered(c) || /^(?:add|remove|撤下|撤出|移除|加入|列入)\s?#?\S/i.test(c.args),
    who: 'anyone',
    movesReminders: true,
    help: help('agenda'),
    moreHelp: [{ who: 'committee', help: help('agendaChange') }],
  },
  { name: 'reject', en: 'reject', zh: ['不予受理'], sense: step, numbered: true, who: 'committee', movesReminders: true, help: help('reject') },
  { name: 'decide', en: 'decide', zh: ['决议'], sense: step, numbered: true, who: 'committee', movesReminders: true, help: help('decide') },
  { name: 'assign', en: 'assign', zh: ['交办'], sense: step, numbered: true, who: 'committee', movesReminders: true, help: help('assign') },
  { name: 'progress', en: 'progress', zh: ['进展'], sense: step, numbered: true, who: 'committee', help: help('progress') },
  { name: 'done', en: 'done', zh: ['办结'], sense: step, numbered: true, who: 'committee', movesReminders: true, help: help('done') },
];

export const topicsManifest: FeatureManifest = {
  name: 'topics',
  commands,
  handlers: () => import('./handlers.js').then((m) => m.topicHandlers),
  reminders: {
    kinds: [DELIBERATION_KIND, OVERDUE_KIND],
    labels: {
      [DELIBERATION_KIND]: { 'zh-CN': '议事日提醒', en: 'Deliberation day' },
      [OVERDUE_KIND]: { 'zh-CN': '交办逾期提醒', en: 'Assigned topic overdue' },
    },
    beforeDue: { kind: DELIBERATION_KIND, run: async (db, clock, communityId) => (await import('./reminders.js')).rollOverBeforeTheDay(db, clock, communityId) },
    wanted: async (db, community, now) => (await import('./reminders.js')).wantedTopicReminders(db, community, now),
    render: async (db, clock, reminder) => (await import('./reminders.js')).renderTopicReminder(db, clock, reminder),
  },
  reports: [{ name: 'topics', view: 'report_topics', orderBy: 'topic_no', label: { 'zh-CN': '议题', en: 'Topics' } }],
};
