/** Every sentence of meetings (会议), in zh-CN and en. Pure data: the manifest reads the help lines. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: {
    list: '会议 — 近期会议',
    rsvp: '参加 编号 — 报名参加会议',
    schedule: '会议 日期 时间 标题 [@ 地点] — 安排会议',
  },

  meeting: {
    none: '近期没有会议。',
    listHeader: '近期会议：',
    listHint: '参加请发送：参加 编号',
    line: (no: number, title: string, day: string, place: string | null, rsvps: number) => `#${no} ${title} — ${day}${place ? ` @ ${place}` : ''} · ${rsvps} 人参加`,
    card: (no: number, title: string) => `【会议 #${no}】${title}`,
    time: (day: string) => `时间：${day}`,
    place: (place: string) => `地点：${place}`,
    howTo: (no: number) => `参加请发送：参加 ${no}`,
    usage: '用法：会议 日期 时间 标题 [@ 地点]，例如：会议 12月20日 19:30 加装电梯说明会 @ 社区活动室。只发“会议”查看近期会议。',
    exists: (no: number, title: string) => `这个时间已经有会议 #${no}“${title}”了。`,
    inPast: '会议时间必须在现在之后。',
    tooFar: '会议时间最多一年以后。',
    tooLong: '标题或地点太长了（各最多 100 字）。',
    scheduled: (no: number) => `会议 #${no} 已安排，并已在本小区的议事群公布。`,
    rsvpOk: (no: number, title: string, day: string, n: number) => `已报名参加会议 #${no}“${title}”（${day}），目前 ${n} 人参加。`,
    rsvpAlready: (no: number, n: number) => `您已经报名参加会议 #${no} 了（目前 ${n} 人参加）。`,
    noSuchMeeting: (no: number) => `没有编号为 #${no} 的会议。发送“会议”查看近期会议。`,
    started: (no: number) => `会议 #${no} 已经开始或结束，不能再报名。`,
  },

  /** A day and two hours before a meeting. */
  reminders: {
    meeting: (when: string, title: string, place: string | null, rsvps: number, no: number) =>
      `【会议提醒】${when}：${title}${place ? `（地点：${place}）` : ''}。已报名 ${rsvps} 人，发送“参加 ${no}”报名。`,
    tomorrow: (at: string) => `明天 ${at}`,
    inTwoHours: (at: string) => `今天 ${at}（两小时后）`,
  },
};

export type MeetingsText = typeof zh;

const en: MeetingsText = {
  help: {
    list: '/meeting — coming meetings',
    rsvp: '/rsvp N — attend a meeting',
    schedule: '/meeting DATE TIME TITLE [@ PLACE] — schedule a meeting',
  },

  meeting: {
    none: 'No meetings coming up.',
    listHeader: 'Coming meetings:',
    listHint: 'To attend, send /rsvp N',
    line: (no, title, day, place, rsvps) => `#${no} ${title} — ${day}${place ? ` @ ${place}` : ''} · ${rsvps} attending`,
    card: (no, title) => `Meeting #${no}: ${title}`,
    time: (day) => `When: ${day}`,
    place: (place) => `Where: ${place}`,
    howTo: (no) => `To attend, send /rsvp ${no}`,
    usage: 'Usage: /meeting DATE TIME TITLE [@ PLACE], e.g. /meeting 2026-12-20 19:30 Lift briefing @ Community room. /meeting alone lists the coming meetings.',
    exists: (no, title) => `Meeting #${no} "${title}" is already at that time.`,
    inPast: 'The meeting must be in the future.',
    tooFar: 'The meeting can be at most a year away.',
    tooLong: 'The title or place is too long (100 characters each at most).',
    scheduled: (no) => `Meeting #${no} is scheduled and announced in the community's groups.`,
    rsvpOk: (no, title, day, n) => `You are down for meeting #${no} "${title}" (${day}); ${n} attending.`,
    rsvpAlready: (no, n) => `You are already down for meeting #${no} (${n} attending).`,
    noSuchMeeting: (no) => `There is no meeting #${no}. Send /meeting to see the coming ones.`,
    started: (no) => `Meeting #${no} has started or is over; RSVPs are closed.`,
  },

  reminders: {
    meeting: (when, title, place, rsvps, no) => `[Meeting] ${when}: ${title}${place ? ` (at ${place})` : ''}. ${rsvps} attending; "/rsvp ${no}" to join.`,
    tomorrow: (at) => `tomorrow ${at}`,
    inTwoHours: (at) => `today ${at} (in two hours)`,
  },
};

export const MEETINGS_TEXT: Record<Locale, MeetingsText> = { 'zh-CN': zh, en };

export function meetingsText(locale: Locale): MeetingsText {
  return MEETINGS_TEXT[locale];
}
