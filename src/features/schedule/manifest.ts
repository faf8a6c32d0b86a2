/**
 * The deliberation day's rule (议事日, SPEC §7): anyone reads it and its next dates, the chair sets it;
 * setting it moves the day's reminders and the topics on its agenda.
 */
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest } from '../manifest.js';
import { empty, looksLikeChatter } from '../sense.js';
import { SCHEDULE_TEXT, type ScheduleText } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    schedule: true;
  }
}

const help = (key: keyof ScheduleText['help']): Record<Locale, string> => ({ 'zh-CN': SCHEDULE_TEXT['zh-CN'].help[key], en: SCHEDULE_TEXT.en.help[key] });

export const scheduleManifest: FeatureManifest = {
  name: 'schedule',
  commands: [
    {
      name: 'schedule',
      en: 'schedule',
      zh: ['议事日'],
      // `议事日 是哪天啊` is talk; `议事日 每月第一个星期六 19:30` a new rule.
      sense: (c) => empty(c) || !looksLikeChatter(c.args),
      who: 'anyone',
      movesReminders: true,
      help: help('read'),
      moreHelp: [{ who: 'chair', help: help('set') }],
    },
  ],
  handlers: () => import('./handlers.js').then((m) => m.scheduleHandlers),
};
