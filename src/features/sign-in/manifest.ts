/**
 * Signing in to the pages (SPEC §13): `/web` (网页) gives a member a one-time link to the residents'
 * pages, `/desk` (管理) a committee member or the chair one to the committee's desk. The links are
 * built from the service's public address.
 */
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest } from '../manifest.js';
import { empty } from '../sense.js';
import { SIGN_IN_HELP, type SignInHelp } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    web: true;
    desk: true;
  }
}

const help = (key: keyof SignInHelp): Record<Locale, string> => ({ 'zh-CN': SIGN_IN_HELP['zh-CN'][key], en: SIGN_IN_HELP.en[key] });

export const signInManifest: FeatureManifest = {
  name: 'sign-in',
  commands: [
    { name: 'web', en: 'web', zh: ['网页'], sense: empty, who: 'member', help: help('web') },
    { name: 'desk', en: 'desk', zh: ['管理'], sense: empty, who: 'committee', help: help('desk') },
  ],
  handlers: () => import('./handlers.js').then((m) => m.signInHandlers),
};
