import type { ScheduleDescription } from '../../domain/schedule.js';

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const ORDINAL = ['', '第一个', '第二个', '第三个', '第四个', '第五个'];
const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** zh-CN: the deliberation day's rule. Spread into the catalogue. */
export const zhDeliberation = {
  when: {
    /** weekday: 1 = Monday … 7 = Sunday. */
    day: (date: string, weekday: number, time: string) => `${date}（周${WEEKDAY[weekday % 7]}）${time}`,
  },

  schedule: {
    describe: (d: ScheduleDescription): string => {
      switch (d.kind) {
        case 'nth-weekday':
          return `每月${d.nth === -1 ? '最后一个' : ORDINAL[d.nth]}星期${WEEKDAY[d.weekday]} ${hm(d.hour, d.minute)}`;
        case 'day-of-month':
          return `每月${d.day}日 ${hm(d.hour, d.minute)}`;
        case 'last-day-of-month':
          return `每月最后一天 ${hm(d.hour, d.minute)}`;
        case 'weekly':
          return `每星期${WEEKDAY[d.weekday]} ${hm(d.hour, d.minute)}`;
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
