/**
 * Conventions (公约): adopted by a convention poll, looked up in the chat by keyword, imported as a
 * draft by the operator (`convention import COMMUNITY FILE`).
 */
import type { FeatureManifest } from '../manifest.js';
import { empty } from '../sense.js';
import { CONVENTIONS_TEXT } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    convention: true;
  }
}

/**
 * A sentence about the command word rather than its argument: what follows begins as a comment
 * does (`公约 是啥`, `公约 谁定的`, `公约 又改了`, `公约 太长了吧`) or tells of something done (`…了`).
 * A lookup may still be asked as a question (`公约 电动车充电怎么规定`).
 */
const COMMENT = /^(?:是(?!否)|有(?!关)|又|太|还|都|也|就|才|谁|啥|什么|为什么|为啥|咋|哪|在哪|到底|究竟|真|挺|很|已经|怎么没|怎么又|怎么还)|了[吗没吧呢啊呀]?$|过[吗没]?$/;

export const conventionsManifest: FeatureManifest = {
  name: 'conventions',
  commands: [
    {
      name: 'convention',
      en: 'convention',
      zh: ['公约'],
      sense: (c) => empty(c) || ([...c.args].length <= 30 && !COMMENT.test(c.args.trim())),
      who: 'anyone',
      help: { 'zh-CN': CONVENTIONS_TEXT['zh-CN'].help.convention, en: CONVENTIONS_TEXT.en.help.convention },
    },
  ],
  handlers: () => import('./handlers.js').then((m) => m.conventionHandlers),
  cli: [
    {
      words: ['convention', 'import'],
      usage: `  convention import COMMUNITY FILE
      Import a convention text (居民公约; UTF-8 or GB18030): the first line is its title, then
      numbered articles, each starting a line (第一条 …, 第1条 …, 1. …). It is kept as a draft;
      the next convention poll opened without articles ("表决 《TITLE》" and a line "公约") puts
      it to the vote, and it is in force once that poll passes. --json: {"imported": ARTICLES, ...}.`,
      args: ['COMMUNITY', 'FILE'],
      flags: [],
      prepare: ([community, file]) => async (ctx) => (await import('./cli.js')).importConventionFile(community!, file!, ctx),
    },
  ],
};
