/**
 * The basics every community needs: the help (帮助), linking a group to its community (开通), binding
 * a resident to a home (绑定), and what the bot knows of someone (我的).
 */
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest } from '../manifest.js';
import { empty } from '../sense.js';
import { BASICS_HELP, type BasicsHelp } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    help: true;
    setup: true;
    bind: true;
    me: true;
  }
}

const help = (key: keyof BasicsHelp): Record<Locale, string> => ({ 'zh-CN': BASICS_HELP['zh-CN'][key], en: BASICS_HELP.en[key] });

export const basicsManifest: FeatureManifest = {
  name: 'basics',
  commands: [
    { name: 'help', en: 'help', zh: ['帮助'], sense: empty, who: 'anyone', beforeLink: true, fallback: true, help: help('help') },
    {
      name: 'setup',
      en: 'setup',
      beforeLink: true,
      zh: ['开通'],
      // `开通 K7M2-Q9` is a code; `开通 了吗` is talk.
      sense: (c) => empty(c) || /^[A-Za-z0-9-]{4,}$/.test(c.argv[0] ?? ''),
      who: 'anyone',
      moreHelp: [{ who: 'unlinked', help: help('setup') }],
    },
    {
      name: 'bind',
      en: 'bind',
      zh: ['绑定'],
      sense: (c) => empty(c) || /\d|[A-Za-z]{4}/.test(c.args),
      who: 'anyone',
      moreHelp: [{ who: 'unbound', help: help('bind') }],
    },
    { name: 'me', en: 'me', zh: ['我的'], sense: empty, who: 'member', help: help('me') },
  ],
  handlers: () => import('./handlers.js').then((m) => m.basicsHandlers),
};
