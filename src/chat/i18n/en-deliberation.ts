import type { zhDeliberation } from './zh-cn-deliberation.js';

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ORDINAL = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** en: the same keys as zh-CN. */
export const enDeliberation: typeof zhDeliberation = {
  when: {
    day: (date, weekday, time) => `${SHORT[weekday % 7]} ${date} ${time}`,
  },

  schedule: {
    describe: (d) => {
      switch (d.kind) {
        case 'nth-weekday':
          return `the ${d.nth === -1 ? 'last' : ORDINAL[d.nth]} ${WEEKDAY[d.weekday]} of every month at ${hm(d.hour, d.minute)}`;
        case 'day-of-month':
          return `day ${d.day} of every month at ${hm(d.hour, d.minute)}`;
        case 'last-day-of-month':
          return `the last day of every month at ${hm(d.hour, d.minute)}`;
        case 'weekly':
          return `every ${WEEKDAY[d.weekday]} at ${hm(d.hour, d.minute)}`;
        case 'cron':
          return `the cron line "${d.cron}"`;
      }
    },
    current: (rule, tz) => `Deliberation day: ${rule} (time zone ${tz})`,
    next: (days) => (days.length ? `Next: ${days.join('; ')}` : 'This rule gives no further dates.'),
    howToSet: 'To change it, send /schedule with the new rule, e.g. /schedule third Saturday of every month at 19:30 (or "last Friday of every month at 20:00", "day 15 of every month at 19:00", or a cron line)',
    whoSets: 'The chair sets the deliberation day.',
    bad: 'I cannot read that rule. Write e.g. "first Saturday of every month at 19:30", "last Friday of every month at 20:00", "day 15 of every month at 19:00", 每月第一个星期六 19:30, or a cron line such as "30 19 * * 6#1".',
    changed: (rule) => `Deliberation day changed to ${rule}`,
    moved: (n, day) => `${n} ${n === 1 ? 'topic' : 'topics'} on the agenda moved to ${day}.`,
    changedPrivately: "The deliberation day is changed and announced in the community's groups.",
  },
};
