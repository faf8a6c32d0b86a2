/**
 * Ballots beside the online vote (SPEC §6), in private chats: a committee member enters a paper or
 * assisted ballot for a household, or an authorised proxy casts it (代录); an owner names a proxy
 * (委托); a household checks that its ballot is counted (回执).
 */
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest } from '../manifest.js';
import { BALLOTS_TEXT, type BallotsText } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    receipt: true;
    ballot: true;
    proxy: true;
  }
}

const help = (key: keyof BallotsText['help']): Record<Locale, string> => ({ 'zh-CN': BALLOTS_TEXT['zh-CN'].help[key], en: BALLOTS_TEXT.en.help[key] });

export const ballotsManifest: FeatureManifest = {
  name: 'ballots',
  commands: [
    // `回执 1`, `回执 1 ABCD-EFGH-JKLM`; `回执 呢` is talk.
    { name: 'receipt', en: 'receipt', zh: ['回执', '核验'], follows: /^ *:? *(?:#?\d+(?: +[0-9A-Fa-f-]{12,16})? *)?$/, who: 'member', help: help('receipt') },
    // An entered ballot is written by the ballot writer, deduped by the update's key.
    { name: 'ballot', en: 'ballot', zh: ['代录', '纸质票'], follows: /^ *:? *(?:#?\d|$)/, who: 'committee', ownCommit: true, help: help('ballot') },
    { name: 'proxy', en: 'proxy', zh: ['委托'], follows: /^ *:? *(?:@|off\b|取消|撤销|#?\d|$)/i, who: 'member', help: help('proxy') },
  ],
  handlers: () => import('./handlers.js').then((m) => m.ballotHandlers),
  // Every ballot of the community's polls, with its channel and receipt code (`export COMMUNITY ballots`).
  reports: [{ name: 'ballots', label: { 'zh-CN': '选票', en: 'Ballots' }, table: async (db, community) => (await import('../../cli/reports.js')).ballotsReport(db, community.communityId) }],
};
