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

/** The operator's usage of each import. */
const IMPORT_USAGE: Record<FeeImport, string> = {
  fees: `  fees import COMMUNITY FILE.csv
      The fee schedule, header item,basis,rate,note; basis is per_m2_month, per_unit_month,
      per_space_month or one_off; rate in yuan (at most two decimals). Replaces the schedule.`,
  bills: `  bills import COMMUNITY FILE.csv
      What households were billed, header unit,item,period,amount,paid (yuan; paid is the amount
      paid, yes/no, or empty). Updates bills with the same unit, item and period.`,
  faq: `  faq import COMMUNITY FILE.csv
      Questions and answers, header question,answer,keywords (keywords may be left out).`,
  income: `  income import COMMUNITY FILE.csv
      Shared income (公共收益), header period,item,amount,note; yuan, a cost is negative. The rows
      of each period in the file replace that period's records.`,
};

const importSpec = (kind: FeeImport): CommandSpec => ({
  words: [kind, 'import'],
  usage: IMPORT_USAGE[kind],
  args: ['COMMUNITY', 'FILE.csv'],
  flags: [],
  prepare: ([community, file]) => async (ctx) => (await import('./cli.js')).importFeeFile(kind, community!, file!, ctx),
});

const incomeRule: CommandSpec = {
  words: ['income', 'rule'],
  usage: `  income rule COMMUNITY SHARES|none
      The split of shared income: management/dividend/facilities in percent, e.g. 20/30/50 (the
      “235” rule); the dividend goes to households by exclusive area. none: no rule (the default).
      Every import rejects the whole file when any row is bad, listing every bad row.`,
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
