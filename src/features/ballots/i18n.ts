/** The ballots' help lines (代录, 委托, 回执), in zh-CN and en; their replies are in the catalogue's `ballotEntry`, `proxy` and `receipt`, which the desk shares. */
import type { Locale } from '../../chat/model.js';

const zh = {
  help: {
    receipt: '回执 1 — 核验您家在表决 #1 的选票是否计入（私聊）',
    proxy: '委托 @某人 [编号] — 委托他人代您投票（业主，私聊；委托 off 撤销）',
    ballot: '代录 1 房号 选项 [纸质|代填] — 为表决 #1 代录纸质票或代填的选票（私聊）',
  },
};

export type BallotsText = typeof zh;

const en: BallotsText = {
  help: {
    receipt: '/receipt N — check that your home\'s ballot is counted (private)',
    proxy: '/proxy @someone [N] — let someone cast your ballot (owners, private; /proxy off revokes)',
    ballot: '/ballot N UNIT OPTION [paper|assisted] — enter a paper or assisted ballot (private)',
  },
};

export const BALLOTS_TEXT: Record<Locale, BallotsText> = { 'zh-CN': zh, en };
