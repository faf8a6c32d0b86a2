/** The polls' help lines, in zh-CN and en; their replies are in the catalogue (`poll`, `vote`, `results`, `close`, `polls`), which the desk and the web pages share. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: {
    results: '结果 [编号] — 表决进度和结果',
    polls: '表决列表 — 进行中和最近的表决',
    vote: '投票 [编号] 选项 — 投票或改票，例如：投票 1 同意',
    poll: '表决 标题 + 每行一个选项 — 发起表决（可加“截止: 2026-12-05 20:00”“规则: 重大事项”“不记名”“结果保密”“不可改票”）',
    close: '结束表决 编号 — 提前结束并公布结果',
  },
};

export type PollsText = typeof zh;

const en: PollsText = {
  help: {
    results: '/results [N] — turnout and tally of a poll',
    polls: '/polls — open and recent polls',
    vote: '/vote [N] OPTION — vote or change your vote, e.g. /vote 1 yes',
    poll: '/poll TITLE + one option a line — open a poll (lines: "deadline: 2026-12-05 20:00", "rule: owners-major", "secret", "hide-results", "final")',
    close: '/close N — close a poll early and announce it',
  },
};

export const POLLS_TEXT: Record<Locale, PollsText> = { 'zh-CN': zh, en };
