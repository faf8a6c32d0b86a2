/**
 * Fees (SPEC §5): the schedule (`/fees`), a household's own amounts (`/myfee`, privately), shared
 * income and its split (`/income`), the committee's FAQ (`/faq add`, `/faq pending`), and questions
 * about them asked in free text, also overheard in groups when the community allows it. The operator
 * imports the schedule, bills, FAQ and income and sets the split rule.
 */
import type { CommandSpec } from '../../cli/command-spec.js';
import { CliError, EXIT } from '../../cli/output.js';
import { parseSplitRule } from '../../domain/fees.js';
import { readsAsFeeQuestion } from '../../domain/question-match.js';
import type { Locale } from '../../chat/model.js';
import type { FeatureManifest } from '../manifest.js';
import { empty, looksLikeChatter } from '../sense.js';
import type { FeeImport } from './cli.js';
import { FEES_TEXT, type FeesText } from './i18n.js';

declare module '../../chat/parse-command.js' {
  interface FeatureCommandNames {
    fees: true;
    myfee: true;
    faq: true;
    income: true;
  }
}

const help = (key: keyof FeesText['help']): Record<Locale, string> => ({ 'zh-CN': FEES_TEXT['zh-CN'].help[key], en: FEES_TEXT.en.help[key] });

const importSpec = (kind: FeeImport): CommandSpec => ({
  words: [kind, 'import'],
  args: ['COMMUNITY', 'FILE.csv'],
  flags: [],
  prepare: ([community, file]) => async (ctx) => (await import('./cli.js')).importFeeFile(kind, community!, file!, ctx),
});

const incomeRule: CommandSpec = {
  words: ['income', 'rule'],
  args: ['COMMUNITY', 'SHARES|none'],
  flags: [],
  prepare([community, shares]) {
    const none = /^(none|无)$/i.test(shares!.trim());
    const parsed = none ? null : parseSplitRule(shares!);
    if (parsed && !parsed.ok) {
      throw new CliError(`"${shares}" is not a split rule: give management/dividend/facilities in whole percent adding up to 100, e.g. 20/30/50 (or 235), or none`, EXIT.usage);
    }
    return async (ctx) => (await import('./cli.js')).setIncomeRule(community!, parsed?.ok ? parsed.rule : null, ctx);
  },
};

export const feesManifest: FeatureManifest = {
  name: 'fees',
  commands: [
    // `收费标准 自动回答 开|关`: the committee's switch for fee answers in groups.
    { name: 'fees', en: 'fees', zh: ['收费标准'], sense: (c) => empty(c) || /^(?:自动回答|自动|群答|auto)\s*(?:开|关|开启|关闭|on|off)$/i.test(c.args.trim()), who: 'anyone', help: help('fees') },
    { name: 'myfee', en: 'myfee', zh: ['我家物业费', '我的费用'], sense: empty, who: 'member' },
    // `添加问答 Q | A` is `faq add Q | A`, `待答问题` is `faq pending`.
    {
      name: 'faq',
      en: 'faq',
      zh: ['添加问答', '待答问题'],
      shorthand: { 添加问答: { args: 'add' }, 待答问题: { args: 'pending' } },
      sense: (c) => c.args.includes('|') || /^(?:add|pending)\b/i.test(c.args),
      who: 'committee',
    },
    // A period has a year in it; `公共收益 怎么分的` is a question, answered as one.
    { name: 'income', en: 'income', zh: ['公共收益'], sense: (c) => empty(c) || !looksLikeChatter(c.args), who: 'anyone', help: help('income') },
  ],
  handlers: () => import('./handlers.js').then((m) => m.feeHandlers),
  // Any question may be about fees: the registry puts this feature's free-text answers after the others'.
  overhears: readsAsFeeQuestion,
  cli: [importSpec('fees'), importSpec('bills'), importSpec('faq'), importSpec('income'), incomeRule],
};
