/** The help lines of the web sign-in commands (网页, 管理), in zh-CN and en. Pure data: the manifest reads them. */
import type { Locale } from '../../chat/model.js';

const zh = {
  web: '网页 — 获取网页登录链接，在网页上看表决、投票（私聊）',
  desk: '管理 — 获取业委会工作台的登录链接（私聊）',
};

export type SignInHelp = typeof zh;

const en: SignInHelp = {
  web: '/web — a sign-in link to the web pages: read polls and vote there (private)',
  desk: "/desk — a sign-in link to the committee's desk (private)",
};

export const SIGN_IN_HELP: Record<Locale, SignInHelp> = { 'zh-CN': zh, en };
