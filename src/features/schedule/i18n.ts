/**
 * Every sentence of the deliberation day's rule (议事日), in zh-CN and en. Pure data: the manifest reads
 * the help lines; the main catalogue exposes `when` and `schedule`, which the pages and the topics read.
 */
import type { Locale } from '../../chat/model.js';
import type { ScheduleDescription } from '../../domain/schedule.js';

const ZH_WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const ZH_ORDINAL = ['', '第一个', '第二个', '第三个', '第四个', '第五个'];
const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

const EN_WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_ORDINAL = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

const zh = {
  help: {
    read: '议事日 — 议事协商日的规则和日期',
    set: '议事日 规则 — 设置议事协商日，例如：议事日 每月第一个星期六 19:30',
  },
  when: {
    /** weekday: 1 = Monday … 7 = Sunday. */
    day: (date: string, weekday: number, time: string) => `${date}（周${ZH_WEEKDAY[weekday % 7]}）${time}`,
  },

  schedule: {
    describe: (d: ScheduleDescription): string => {
      switch (d.kind) {
        case 'nth-weekday':
          return `每月${d.nth === -1 ? '最后一个' : ZH_ORDINAL[d.nth]}星期${ZH_WEEKDAY[d.weekday]} ${hm(d.hour, d.minute)}`;
        case 'day-of-month':
          return `每月${d.day}日 ${hm(d.hour, d.minute)}`;
        case 'last-day-of-month':
          return `每月最后一天 ${hm(d.hour, d.minute)}`;
        case 'weekly':
          return `每星期${ZH_WEEKDAY[d.weekday]} ${hm(d.hour, d.minute)}`;
        case 'cron':
          return `按 cron 规则“${d.cron}”`;
      }
    },
    current: (rule: string, tz: string) => `议事协商日：${rule}（时区 ${tz}）`,
    next: (days: string[]) => (days.length ? `接下来：${days.join('；')}` : '按这个规则排不出以后的日期。'),
    howToSet: '修改请发送“议事日”加新规则，例如：议事日 每月第三个星期六 19:30（也可以写“每月最后一个星期五 20:00”“每月15日 19:00”或 cron 行）',
    whoSets: '议事日由主任/召集人设置。',
    bad: '这个议事日规则看不懂。请写成“每月第一个星期六 19:30”“每月最后一个星期五 20:00”“每月15日 19:00”，英文“first Saturday of every month at 19:30”，或 cron 行“30 19 * * 6#1”。',
    changed: (rule: string) => `【议事协商日】改为：${rule}`,
    moved: (n: number, day: string) => `已在议程上的 ${n} 个议题改到 ${day}。`,
    changedPrivately: '议事日已修改，并已在本小区的议事群公布。',
  },
};

export type ScheduleText = typeof zh;

const en: ScheduleText = {
  help: {
    read: '/schedule — the deliberation-day rule and dates',
    set: '/schedule RULE — set the deliberation day, e.g. /schedule first Saturday of every month at 19:30',
  },
  when: {
    day: (date, weekday, time) => `${EN_SHORT[weekday % 7]} ${date} ${time}`,
  },

  schedule: {
    describe: (d) => {
      switch (d.kind) {
        case 'nth-weekday':
          return `the ${d.nth === -1 ? 'last' : EN_ORDINAL[d.nth]} ${EN_WEEKDAY[d.weekday]} of every month at ${hm(d.hour, d.minute)}`;
        case 'day-of-month':
          return `day ${d.day} of every month at ${hm(d.hour, d.minute)}`;
        case 'last-day-of-month':
          return `the last day of every month at ${hm(d.hour, d.minute)}`;
        case 'weekly':
          return `every ${EN_WEEKDAY[d.weekday]} at ${hm(d.hour, d.minute)}`;
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

export const SCHEDULE_TEXT: Record<Locale, ScheduleText> = { 'zh-CN': zh, en };
