/** The fee commands of SPEC §5: `/fees`, `/myfee`, `/income`, `/faq`, and the fee questions asked in free text. */
import { addFaq, pendingQuestions } from '../../app/faq.js';
import { feeSchedule, setFeeAnswers } from '../../app/fees.js';
import { dividendOf, incomeOf, incomePeriods, setSplitRule } from '../../app/income.js';
import { pendingAnsweredBy } from '../../app/questions.js';
import { parseSplitRule } from '../../domain/fees.js';
import { formatCenti, formatFen } from '../../domain/money.js';
import type { Ctx } from '../../chat/context.js';
import { needCommunity, tzOf } from '../../chat/feature-kit.js';
import { asWritten } from '../../chat/free-text.js';
import { localeFor } from '../../chat/i18n/index.js';
import type { ParsedCommand } from '../../chat/parse-command.js';
import { formatDate } from '../../chat/render-topic.js';
import type { FeatureHandlers } from '../manifest.js';
import { boundMember, householdText } from './household.js';
import { feesText } from './i18n.js';
import { answerQuestion } from './questions.js';
import { incomeLines, scheduleLines } from './render.js';

const actorOf = (ctx: Ctx) => `${ctx.msg.platform}:${ctx.msg.sender.userId}`;

function committeeOnly(ctx: Ctx): boolean {
  if (ctx.isCommittee()) return true;
  ctx.reply(ctx.t.common.notCommittee);
  return false;
}

/** `/fees` (收费标准): the schedule; `/fees auto on|off` (收费标准 自动回答 开|关) for the committee. */
async function fees(ctx: Ctx & { community: NonNullable<Ctx['community']> }, cmd: ParsedCommand): Promise<void> {
  const { deps } = ctx;
  const t = feesText(ctx.locale);
  const [word, value] = cmd.argv;
  if (word && /^(auto|自动回答|自动|群答)$/i.test(word)) {
    if (!committeeOnly(ctx)) return;
    const on = value && /^(on|开|开启|打开)$/i.test(value) ? true : value && /^(off|关|关闭)$/i.test(value) ? false : null;
    if (on === null) return ctx.reply(t.fees.autoUsage);
    await setFeeAnswers(deps.db, deps.clock, ctx.community.communityId, on, actorOf(ctx));
    return ctx.reply(on ? t.fees.autoOn : t.fees.autoOff);
  }
  const items = await feeSchedule(deps.db, ctx.community.communityId);
  if (!items.length) return ctx.reply(t.fees.none);
  ctx.reply([t.fees.header(ctx.community.name), ...scheduleLines(t, items), t.fees.source, t.fees.privateHint].join('\n'));
}

/** `/income [PERIOD]` (公共收益): a period's income, costs and split; `/income rule …` for the committee. */
async function income(ctx: Ctx & { community: NonNullable<Ctx['community']> }, cmd: ParsedCommand): Promise<void> {
  const { deps, msg } = ctx;
  const t = feesText(ctx.locale);
  const communityId = ctx.community.communityId;
  if (cmd.argv[0] && /^(rule|分配|规则|分配规则)$/i.test(cmd.argv[0])) {
    if (!committeeOnly(ctx)) return;
    const rest = cmd.argv.slice(1).join(' ');
    if (/^(none|off|无|取消|没有)$/i.test(rest)) {
      await setSplitRule(deps.db, deps.clock, communityId, null, actorOf(ctx));
      return ctx.reply(t.income.ruleCleared);
    }
    const r = parseSplitRule(rest);
    if (!r.ok) return ctx.reply(t.income.ruleUsage);
    await setSplitRule(deps.db, deps.clock, communityId, r.rule, actorOf(ctx));
    return ctx.reply(t.income.ruleSet(r.rule.management, r.rule.dividend, r.rule.facilities));
  }
  // A period has a year in it; other words after 公共收益 (“公共收益 怎么分的”) ask for the latest period.
  const typed = cmd.args.split('\n')[0]!.trim();
  const wanted = /\d/.test(typed) ? typed : '';
  const period = await incomeOf(deps.db, communityId, wanted || undefined);
  if (!period) {
    const periods = await incomePeriods(deps.db, communityId);
    return ctx.reply(periods.length && wanted ? t.income.noPeriod(wanted, periods) : t.income.none);
  }
  const lines = incomeLines(t, period);
  const hasDividend = (period.split.shares?.dividend ?? 0) > 0;
  if (hasDividend && msg.chatKind === 'group') lines.push(t.income.groupHint);
  lines.push(t.income.source(period.period));
  ctx.reply(lines.join('\n'));
  // The household's own dividend, in a private chat only.
  const m = ctx.member;
  if (hasDividend && msg.chatKind === 'private' && m?.unitId != null) {
    const d = await dividendOf(deps.db, communityId, m.unitId, period);
    if (d) ctx.reply(t.myfee.dividend(period.period, formatCenti(d.areaCenti), formatCenti(d.totalCenti), formatFen(period.split.shares!.dividend), formatFen(d.fen)));
  }
}

/** `/faq add QUESTION | ANSWER` (添加问答), `/faq pending` (待答问题): the committee's side of the FAQ. */
async function faq(ctx: Ctx & { community: NonNullable<Ctx['community']> }, cmd: ParsedCommand): Promise<void> {
  const { deps, msg } = ctx;
  const t = feesText(ctx.locale);
  const communityId = ctx.community.communityId;
  const sub = cmd.argv[0]?.toLowerCase();
  if (sub === 'pending') {
    if (!committeeOnly(ctx)) return;
    const pending = await pendingQuestions(deps.db, communityId);
    if (!pending.length) return ctx.privately(t.faq.pendingNone);
    const lines = [t.faq.pendingHeader(pending.length), ...pending.map((p) => t.faq.pendingLine(p.pendingNo, p.question, p.askers, formatDate(p.askedAt, tzOf(ctx))))];
    return ctx.privately(lines.join('\n'));
  }
  if (sub !== 'add') return ctx.reply(t.faq.usage);
  if (!committeeOnly(ctx)) return;
  const body = cmd.args.replace(/^add\s*/i, '');
  const bar = body.indexOf('|');
  let question = bar < 0 ? '' : body.slice(0, bar).trim();
  const answer = bar < 0 ? '' : asWritten(body.slice(bar + 1).trim());
  if (!question || !answer) return ctx.reply(t.faq.usage);
  const named: number[] = [];
  const ref = /^#(\d{1,6})$/.exec(question);
  if (ref) {
    const p = (await pendingQuestions(deps.db, communityId)).find((x) => x.pendingNo === Number(ref[1]));
    if (!p) return ctx.reply(t.faq.noPending(Number(ref[1])));
    question = p.question;
    named.push(p.pendingNo);
  } else question = asWritten(question);
  const answers = await pendingAnsweredBy(deps.db, communityId, { question, answer, keywords: '' }, named);
  const added = await addFaq(deps.db, deps.clock, { communityId, question, answer, actor: actorOf(ctx), answers });
  let told = 0;
  for (const a of added.answered) {
    for (const asker of a.askers) {
      const tt = feesText(localeFor(asker.locale));
      ctx.effects.push({ kind: 'private', platform: asker.platform, userId: asker.userId, text: tt.faq.toAsker(a.question, answer, added.entry.faqNo) });
      told++;
    }
  }
  deps.log.info({ community: communityId, faq: added.entry.faqNo, answered: added.answered.length, told }, 'faq added');
  ctx.reply(t.faq.added(added.entry.faqNo, told));
}

export const feeHandlers: FeatureHandlers = {
  async handle(ctx, cmd) {
    if (cmd.name === 'myfee') {
      if (!ctx.community) return ctx.privately(feesText(ctx.locale).myfee.notBound);
      const m = boundMember(ctx);
      if (m) ctx.privately(await householdText({ t: feesText(ctx.locale), deps: ctx.deps }, m));
      return;
    }
    if (!needCommunity(ctx)) return;
    if (cmd.name === 'fees') return fees(ctx, cmd);
    if (cmd.name === 'income') return income(ctx, cmd);
    return faq(ctx, cmd);
  },
  onText: answerQuestion,
};
