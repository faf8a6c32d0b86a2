/**
 * Repair requests (报修, SPEC §14): residents report, the committee dispatches to the property company
 * or a member with a promised time, the assignee reports progress and marks it fixed, the reporter
 * confirms (and rates) or reopens. Overdue requests remind the assignee each morning; the
 * deliberation day's agenda opens with last month's counts by building; `export COMMUNITY repairs`.
 */
import type { ParsedCommand } from '../../chat/parse-command.js';
import { readNumber } from '../../chat/parse-text.js';
import type { FeatureManifest, ManifestCommand } from '../manifest.js';
import { REPAIRS_TEXT } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    repair: true;
    dispatch: true;
    handle: true;
    fixed: true;
    confirm: true;
    reopen: true;
    satisfied: true;
    unsatisfied: true;
  }
}

/** Reminder kind: a dispatched request past its promised time, noted to the assignee each morning. */
export const OVERDUE_KIND = 'repair-overdue';

/** A bare Chinese word counts only with a number after it (`修好 3`, `确认 3`): `确认` alone stays an answer, `处理一下` talk. */
const numbered = (c: ParsedCommand) => readNumber(c.argv[0]) !== null;
const help = (key: keyof (typeof REPAIRS_TEXT)['en']['help']) => ({ 'zh-CN': REPAIRS_TEXT['zh-CN'].help[key], en: REPAIRS_TEXT.en.help[key] });

const commands: ManifestCommand[] = [
  // `报修` is always a command (before any fee question or chatter reading), also glued to its text.
  { name: 'repair', en: 'repair', zh: ['报修'], glued: true, who: 'member', help: help('repair') },
  { name: 'dispatch', en: 'dispatch', zh: ['派单'], sense: numbered, numbered: true, who: 'committee', movesReminders: true, help: help('dispatch') },
  { name: 'handle', en: 'handle', zh: ['处理'], sense: numbered, numbered: true, who: 'committee', movesReminders: true, help: help('handle') },
  { name: 'fixed', en: 'fixed', zh: ['修好'], sense: numbered, numbered: true, who: 'committee', movesReminders: true },
  { name: 'confirm', en: 'confirm', zh: ['确认'], sense: numbered, numbered: true, who: 'member', movesReminders: true, help: help('reporter') },
  { name: 'reopen', en: 'reopen', zh: ['没修好'], sense: numbered, numbered: true, who: 'member', movesReminders: true },
  { name: 'satisfied', en: 'satisfied', zh: ['满意'], sense: numbered, numbered: true, who: 'member' },
  { name: 'unsatisfied', en: 'unsatisfied', zh: ['不满意'], sense: numbered, numbered: true, who: 'member' },
];

export const repairsManifest: FeatureManifest = {
  name: 'repairs',
  commands,
  handlers: () => import('./handlers.js').then((m) => m.repairHandlers),
  reminders: {
    kinds: [OVERDUE_KIND],
    wanted: async (db, community, now) => (await import('./reminders.js')).wantedOverdue(db, community, now),
    render: async (db, clock, reminder) => (await import('./reminders.js')).renderOverdue(db, clock, reminder),
  },
  agenda: async (db, clock, community, locale) => (await import('./month.js')).lastMonthLines(db, clock, community, locale),
  reports: [{ name: 'repairs', view: 'report_repairs', orderBy: 'repair_no' }],
  desk: {
    path: 'repairs',
    nav: { 'zh-CN': REPAIRS_TEXT['zh-CN'].desk.nav, en: REPAIRS_TEXT.en.desk.nav },
    page: () => import('./desk.js').then((m) => m.repairsDeskPage),
  },
};
