/** The help lines of help, setup, bind and me, in zh-CN and en. Pure data: the manifest reads them. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: '帮助 — 查看命令',
  setup: '开通 开通码 — 把本群开通为小区议事群',
  bind: '绑定 楼栋-单元-房号 绑定码 — 绑定您的房屋（私聊）',
  me: '我的 — 我的房屋、身份和未投的表决',
};

export type BasicsHelp = typeof zh;

const en: BasicsHelp = {
  help: '/help — this list',
  setup: '/setup CODE — set this group up for your community',
  bind: '/bind UNIT CODE — bind to your home (private chat)',
  me: '/me — your home, role and polls you have not voted in',
};

export const BASICS_HELP: Record<Locale, BasicsHelp> = { 'zh-CN': zh, en };
