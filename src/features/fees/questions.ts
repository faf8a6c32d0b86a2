/** Free-text questions about fees and shared income, answered from the FAQ, the schedule and the income records. */
import { recordUnanswered } from '../../app/faq.js';
import { incomeOf } from '../../app/income.js';
import { answerFrom } from '../../app/questions.js';
import { ABOUT_THE_BOT, DIVIDEND, FEE_TOPIC, OWED, PERSONAL } from '../../domain/fee-vocabulary.js';
import { normalizeQuestion, readsAsFeeQuestion, readsAsQuestion } from '../../domain/question-match.js';
import type { Ctx } from '../../chat/context.js';
import { boundMember, householdText } from './household.js';
import { feesText } from './i18n.js';
import { formulaLine, incomeLines } from './render.js';

const MAX_QUESTION = 300;

/**
 * Answers a free-text question from the community's FAQ, fee schedule and income records, naming
 * the source; a household's own amounts go only privately to its bound members. A question it
 * cannot answer with confidence is kept for the committee (`/faq pending`) and the asker is told so.
 * In a group, a message that does not mention the bot is taken up only when the community answers
 * fee questions in groups and the message reads as one. Returns true when it handled the message.
 */
export async function answerQuestion(ctx: Ctx): Promise<boolean> {
  const { msg, community, deps } = ctx;
  const t = feesText(ctx.locale);
  if (!community) return false;
  const text = msg.text.trim();
  if (!text || text.length > MAX_QUESTION) return false;
  const inGroup = msg.chatKind === 'group';
  const feeQuestion = readsAsFeeQuestion(text);
  if (inGroup && !msg.mentioned && (!community.feeAnswers || !feeQuestion)) return false;
  const s = normalizeQuestion(text);
  const personal = PERSONAL.test(s);
  const answer = await answerFrom(deps.db, community.communityId, text);
  const log = (kind: string) => deps.log.info({ community: community.communityId, chat: msg.chatKind, answer: kind }, 'question answered');

  // “我家欠多少”, “我家分红多少”, “我家物业费一年多少” (or any fee question of a bound member in a
  // private chat): the household's own amounts, privately.
  const ownFees = answer.kind === 'fees' && (personal || (!inGroup && ctx.member?.unitId != null));
  if (ownFees || (personal && (OWED.test(s) || DIVIDEND.test(s)))) {
    const m = boundMember(ctx);
    if (m) {
      const owed = OWED.test(s);
      const dividend = DIVIDEND.test(s);
      const items = answer.kind === 'fees' && !owed && !dividend ? answer.items : [];
      ctx.privately(await householdText({ t, deps }, m, { items, bills: owed || (items.length === 0 && !dividend), dividend }));
    }
    log('household');
    return true;
  }
  if (answer.kind === 'faq') {
    ctx.reply(t.faq.answer(answer.entry.answer, answer.entry.faqNo));
    log('faq');
    return true;
  }
  if (answer.kind === 'fees') {
    const lines = [...answer.items.map((i) => formulaLine(t, i)), t.fees.source];
    if (answer.items.some((i) => i.basis === 'per_m2_month')) lines.push(t.fees.privateHint);
    ctx.reply(lines.join('\n'));
    log('fees');
    return true;
  }
  if (answer.kind === 'income') {
    const period = await incomeOf(deps.db, community.communityId);
    if (period) {
      const lines = incomeLines(t, period);
      if ((period.split.shares?.dividend ?? 0) > 0) lines.push(t.income.groupHint);
      lines.push(t.income.source(period.period));
      ctx.reply(lines.join('\n'));
      log('income');
      return true;
    }
  }
  // A greeting, chatter or a question about the bot itself: let the help answer it.
  if (!feeQuestion && (!readsAsQuestion(text) || ABOUT_THE_BOT.test(s))) return false;
  // Overheard in a group (no mention), only a question plainly about fees is kept; “这个价格还可以吗” is not.
  if (inGroup && !msg.mentioned && !FEE_TOPIC.test(s)) return false;
  const no = await recordUnanswered(deps.db, deps.clock, community.communityId, text, {
    platform: msg.platform,
    userId: msg.sender.userId,
    locale: ctx.locale,
  });
  deps.log.info({ community: community.communityId, chat: msg.chatKind, pending: no }, 'question kept for the committee');
  ctx.reply(t.faq.dontKnow);
  return true;
}
