/** The words of personal poll reminders (提醒 开/关), in zh-CN and en. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: '提醒 开 / 提醒 关 — 表决截止前一天私信提醒您家未投的表决（私聊）',
  on: '好的，表决截止前一天，如果您家还没投票，我会私信提醒您。发送“提醒 关”可以关闭。',
  off: '好的，不再私信提醒您投票。',
  status: (on: boolean): string => (on ? '个人提醒已开启。发送“提醒 关”关闭。' : '个人提醒未开启。发送“提醒 开”开启。'),
  usage: '用法：提醒 开 / 提醒 关（私聊我发送）',
};

export type RemindText = typeof zh;

const en: RemindText = {
  help: '/remind on | off — a private reminder a day before a poll closes, if your household has not voted (private chat)',
  on: 'Done: a day before a poll closes, if your household has not voted, I will remind you privately. "/remind off" turns it off.',
  off: 'Done: no more private poll reminders.',
  status: (on) => (on ? 'Personal reminders are on. "/remind off" turns them off.' : 'Personal reminders are off. "/remind on" turns them on.'),
  usage: 'Usage: /remind on or /remind off (in a private chat with me)',
};

export const REMIND_TEXT: Record<Locale, RemindText> = { 'zh-CN': zh, en };
