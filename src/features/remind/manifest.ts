/**
 * Personal poll reminders (SPEC §7): a member turns on, privately, a note a day before a poll closes
 * when the household has not voted. The note itself is the reminders' `personal` kind.
 */
import type { FeatureManifest } from '../manifest.js';
import { REMIND_TEXT } from './i18n.js';

/** Reminder kind: a private note before a poll closes, to a member who asked for one and has not voted. */
export const PERSONAL_KIND = 'personal';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    remind: true;
  }
}

export const remindManifest: FeatureManifest = {
  name: 'remind',
  commands: [
    {
      name: 'remind',
      en: 'remind',
      zh: ['提醒'],
      // `提醒 开`, `提醒 关`, `提醒` alone (the current setting); `提醒一下大家` is talk.
      sense: (c) => /^(?:开|关|开启|关闭|打开|取消|on|off)?$/i.test(c.args.trim()),
      who: 'member',
      help: { 'zh-CN': REMIND_TEXT['zh-CN'].help, en: REMIND_TEXT.en.help },
    },
  ],
  handlers: () => import('./handlers.js').then((m) => m.remindHandlers),
  reminders: {
    kinds: [PERSONAL_KIND],
    wanted: async (db, community, now) => (await import('./reminders.js')).wantedPersonalReminders(db, community, now),
    render: async (db, clock, reminder) => (await import('./reminders.js')).renderPersonalReminder(db, clock, reminder),
  },
};
