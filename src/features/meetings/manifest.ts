/**
 * Meetings (会议): the committee schedules one (date, time, title, place), residents say they will
 * attend; the groups are reminded a day and two hours before. `export COMMUNITY meetings`.
 */
import { parseSpokenDate } from '../../chat/parse-date.js';
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest } from '../manifest.js';
import { empty, numbered } from '../sense.js';
import { MEETINGS_TEXT, type MeetingsText } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    meeting: true;
    rsvp: true;
  }
}

/** Reminder kind: before a meeting. */
export const MEETING_KIND = 'meeting';

/** A date or time at the start, exact (`2026-12-20 19:30`, `12月20日`) or spoken (`明天晚上7点`). */
const DATE_START = /^(?:\d{4}[-/.年]\d{1,2}|\d{1,2}[-/月]\d{1,2}|\d{1,2}[:点时]|今天|今晚|明天|明晚|后天|下周|本周|这周|下星期|周[一二三四五六日天]|星期|礼拜|下个?月|本月|月底)/;
const FIXED_NOW = { now: new Date(Date.UTC(2026, 0, 1)), timezone: 'Asia/Shanghai' };

const help = (key: keyof MeetingsText['help']): Record<Locale, string> => ({ 'zh-CN': MEETINGS_TEXT['zh-CN'].help[key], en: MEETINGS_TEXT.en.help[key] });

export const meetingsManifest: FeatureManifest = {
  name: 'meetings',
  commands: [
    {
      name: 'meeting',
      en: 'meeting',
      zh: ['会议'],
      // `会议 几点开始啊` is talk: a new meeting starts with its date.
      sense: (c) => empty(c) || DATE_START.test(c.args) || parseSpokenDate(c.args, FIXED_NOW) !== null,
      who: 'anyone',
      movesReminders: true,
      help: help('list'),
      moreHelp: [{ who: 'committee', help: help('schedule') }],
    },
    { name: 'rsvp', en: 'rsvp', zh: ['参加'], sense: (c) => empty(c) || (c.argv.length <= 2 && numbered(c)), numbered: true, who: 'member', help: help('rsvp') },
  ],
  handlers: () => import('./handlers.js').then((m) => m.meetingHandlers),
  reminders: {
    kinds: [MEETING_KIND],
    labels: { [MEETING_KIND]: { 'zh-CN': '会议提醒', en: 'Meeting' } },
    wanted: async (db, community, now) => (await import('./reminders.js')).wantedMeetingReminders(db, community, now),
    render: async (db, clock, reminder) => (await import('./reminders.js')).renderMeetingReminder(db, clock, reminder),
  },
  reports: [{ name: 'meetings', view: 'report_meetings', orderBy: 'meeting_no', label: { 'zh-CN': '会议', en: 'Meetings' } }],
};
