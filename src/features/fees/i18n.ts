/**
 * Every sentence of fees, bills, shared income and the FAQ (SPEC §5), in zh-CN and en. Pure data: the
 * manifest reads the help lines; the main catalogue exposes `fees`, `myfee`, `income` and `faq` where
 * the pages and the desk read them.
 */
import type { Locale } from '../../chat/model.js';
import type { FeeBasis } from '../../domain/fees.js';

const ZH_UNIT: Record<FeeBasis, string> = { per_m2_month: '元/m²/月', per_unit_month: '元/户/月', per_space_month: '元/车位/月', one_off: '元/次' };
const ZH_BASIS: Record<FeeBasis, string> = { per_m2_month: '按专有面积', per_unit_month: '按户', per_space_month: '按车位', one_off: '一次性' };

const EN_UNIT: Record<FeeBasis, string> = { per_m2_month: 'yuan/m²/month', per_unit_month: 'yuan/household/month', per_space_month: 'yuan/space/month', one_off: 'yuan, once' };
const EN_BASIS: Record<FeeBasis, string> = { per_m2_month: 'by exclusive area', per_unit_month: 'per household', per_space_month: 'per parking space', one_off: 'one-off' };

const zh = {
  fees: {
    rateUnit: (b: FeeBasis) => ZH_UNIT[b],
    header: (community: string) => `【${community} 收费标准】`,
    item: (item: string, rate: string, b: FeeBasis, note: string) => `${item}：${rate} ${ZH_UNIT[b]}（${ZH_BASIS[b]}）${note ? `— ${note}` : ''}`,
    none: '本小区还没有导入收费标准，请向社区工作人员或业委会咨询。',
    privateHint: '私聊我发送“我家物业费”，可查看按您家面积算出的金额和账单。',
    perM2: (item: string, area: string, rate: string, month: string, year: string) => `${item}：${area} m² × ${rate} 元/m²/月 × 12 = ${year} 元/年（每月 ${month} 元）`,
    perMonth: (item: string, rate: string, b: FeeBasis, year: string) => `${item}：${rate} ${ZH_UNIT[b]} × 12 = ${year} 元/年${b === 'per_space_month' ? '（每个车位）' : ''}`,
    oneOff: (item: string, rate: string) => `${item}：${rate} 元（一次性）`,
    perM2Formula: (item: string, rate: string) => `${item}：专有面积 m² × ${rate} 元/m²/月 × 12 = 每年金额`,
    source: '（来源：本小区收费标准）',
    autoOn: '好的，群里有人问收费问题时我会回答（不用@我）。',
    autoOff: '好的，群里的收费问题我不再主动回答，@我或私聊我时照常回答。',
    autoUsage: '用法：收费标准 自动回答 开|关（委员）',
  },
  myfee: {
    header: (unit: string, area: string) => `【${unit} 的费用】专有面积 ${area} m²`,
    schedule: '按收费标准计算：',
    bills: '账单：',
    bill: (period: string, item: string, amount: string, paid: string, owed: string) =>
      `${period} ${item}：应缴 ${amount} 元，已缴 ${paid} 元${owed === '0.00' ? '，已缴清' : `，未缴 ${owed} 元`}`,
    owedTotal: (owed: string) => `合计未缴：${owed} 元。`,
    allPaid: '所有账单都已缴清，谢谢！',
    noBills: '还没有导入您家的账单。',
    dividend: (period: string, area: string, total: string, pool: string, fen: string) =>
      `${period} 公共收益业主分红：分红部分 ${pool} 元 × 您家 ${area} m² / 全体 ${total} m² = ${fen} 元（按专有面积分配，《民法典》第二百八十三条）`,
    source: '（来源：本小区收费标准、账单和公共收益账目；只发给本户绑定的成员）',
    notBound: '查看您家的费用要先绑定房屋：请私聊我发送“绑定 楼栋-单元-房号 绑定码”。',
  },
  income: {
    header: (period: string) => `【${period} 公共收益】`,
    incomeLine: (item: string, amount: string, note: string) => `收入：${item} ${amount} 元${note ? `（${note}）` : ''}`,
    costLine: (item: string, amount: string, note: string) => `成本：${item} ${amount} 元${note ? `（${note}）` : ''}`,
    totals: (income: string, costs: string, net: string) => `收入合计 ${income} 元，成本合计 ${costs} 元，净收益 ${net} 元。`,
    law: '公共收益扣除合理成本后属于业主共有（《民法典》第二百八十二条）。',
    rule: (m: number, d: number, f: number) => `按本小区的分配规则（日常管理 ${m}%、全体业主分红 ${d}%、公共设施 ${f}%）：`,
    share: (name: 'management' | 'dividend' | 'facilities', net: string, pct: number, amount: string) =>
      `${{ management: '日常管理', dividend: '业主分红', facilities: '公共设施建设和维修' }[name]}：${net} 元 × ${pct}% = ${amount} 元`,
    dividendNote: '业主分红按各户专有面积分配（《民法典》第二百八十三条）。',
    groupHint: '您家分到多少，请私聊我发送“公共收益”查看。',
    noRule: '本小区还没有设定公共收益的分配规则。委员可以发送“公共收益 分配 20/30/50”（日常管理/业主分红/公共设施）设定。',
    noNet: '本期净收益不是正数，没有可分配的金额。',
    none: '还没有导入公共收益账目，请向业委会咨询。',
    noPeriod: (period: string, periods: string[]) => `没有“${period}”的公共收益账目。已有：${periods.join('、')}。`,
    ruleSet: (m: number, d: number, f: number) => `已设定公共收益分配规则：日常管理 ${m}%、全体业主分红 ${d}%、公共设施 ${f}%。`,
    ruleCleared: '已取消公共收益分配规则。',
    ruleUsage: '用法：公共收益 分配 20/30/50（日常管理/业主分红/公共设施，合计 100），或“公共收益 分配 235”，或“公共收益 分配 无”。',
    source: (period: string) => `（来源：${period} 公共收益账目）`,
  },
  faq: {
    usage: '用法：添加问答 问题 | 答案（委员）；待答问题 — 查看还没回答的问题（委员）。',
    added: (no: number, told: number) => `已添加问答 #${no}。` + (told ? `已私信回复 ${told} 位问过这个问题的居民。` : ''),
    noPending: (n: number) => `没有待答问题 #${n}。发送“待答问题”查看。`,
    pendingHeader: (n: number) => `待答问题（${n} 个），回答：添加问答 #编号 | 答案`,
    pendingLine: (no: number, q: string, askers: number, date: string) => `#${no} ${q}（${askers} 人问过，${date}）`,
    pendingNone: '现在没有待答问题。',
    answer: (answer: string, no: number) => `${answer}\n（来源：本小区问答 #${no}）`,
    toAsker: (question: string, answer: string, no: number) => `您之前问的“${question}”，业委会已经回答：\n${answer}\n（来源：本小区问答 #${no}）`,
    dontKnow: '这个问题我现在还答不上来，已经转给业委会了。他们回答后我会私信告诉您（微信请先加我为好友）。',
  },
  /** `/help` lists `fees` and `income` (for anyone); the other lines are not in it. */
  help: {
    fees: '收费标准 — 本小区的收费标准',
    income: '公共收益 [期间] — 公共收益和分配，例如：公共收益 2026上半年',
    myfee: '我家物业费 — 我家的费用、账单和分红（私聊回复）',
    faqAdd: '添加问答 问题 | 答案 — 添加问答，并回复问过的居民',
    faqPending: '待答问题 — 我还答不上来的问题',
    incomeRule: '公共收益 分配 20/30/50 — 设定公共收益分配规则',
    feesAuto: '收费标准 自动回答 开|关 — 群里的收费问题是否自动回答',
  },
};

export type FeesText = typeof zh;

const en: FeesText = {
  fees: {
    rateUnit: (b) => EN_UNIT[b],
    header: (community) => `[${community}: fee schedule]`,
    item: (item, rate, b, note) => `${item}: ${rate} ${EN_UNIT[b]} (${EN_BASIS[b]})${note ? ` — ${note}` : ''}`,
    none: 'No fee schedule has been imported for this community yet; please ask the community office or the committee.',
    privateHint: 'Send me "/myfee" in a private chat to see the amounts for your home and its bills.',
    perM2: (item, area, rate, month, year) => `${item}: ${area} m² × ${rate} yuan/m²/month × 12 = ${year} yuan/year (${month} yuan a month)`,
    perMonth: (item, rate, b, year) => `${item}: ${rate} ${EN_UNIT[b]} × 12 = ${year} yuan/year${b === 'per_space_month' ? ' (per space)' : ''}`,
    oneOff: (item, rate) => `${item}: ${rate} yuan (once)`,
    perM2Formula: (item, rate) => `${item}: exclusive area m² × ${rate} yuan/m²/month × 12 = the year’s amount`,
    source: '(source: the community’s fee schedule)',
    autoOn: 'OK: I answer fee questions in the group without being mentioned.',
    autoOff: 'OK: I no longer answer fee questions in the group unless mentioned; private chats as usual.',
    autoUsage: 'Usage: /fees auto on|off (committee)',
  },
  myfee: {
    header: (unit, area) => `[${unit}: fees] exclusive area ${area} m²`,
    schedule: 'From the fee schedule:',
    bills: 'Bills:',
    bill: (period, item, amount, paid, owed) => `${period} ${item}: billed ${amount} yuan, paid ${paid} yuan${owed === '0.00' ? ', settled' : `, owed ${owed} yuan`}`,
    owedTotal: (owed) => `Owed in all: ${owed} yuan.`,
    allPaid: 'All bills are settled. Thank you!',
    noBills: 'No bills have been imported for your home yet.',
    dividend: (period, area, total, pool, fen) =>
      `${period} shared-income dividend: dividend share ${pool} yuan × your ${area} m² / all ${total} m² = ${fen} yuan (by exclusive area, Civil Code art. 283)`,
    source: '(source: the fee schedule, bills and shared-income accounts; sent only to members bound to this home)',
    notBound: 'To see your home’s fees, bind it first: send me "/bind BUILDING-ENTRANCE-ROOM CODE" in a private chat.',
  },
  income: {
    header: (period) => `[${period}: shared income]`,
    incomeLine: (item, amount, note) => `Income: ${item} ${amount} yuan${note ? ` (${note})` : ''}`,
    costLine: (item, amount, note) => `Cost: ${item} ${amount} yuan${note ? ` (${note})` : ''}`,
    totals: (income, costs, net) => `Income ${income} yuan, costs ${costs} yuan, net ${net} yuan.`,
    law: 'Shared income after reasonable costs belongs to the owners (Civil Code art. 282).',
    rule: (m, d, f) => `Split by the community’s rule (management ${m}%, dividend to all owners ${d}%, public facilities ${f}%):`,
    share: (name, net, pct, amount) => `${{ management: 'Daily management', dividend: 'Owners’ dividend', facilities: 'Public facilities' }[name]}: ${net} yuan × ${pct}% = ${amount} yuan`,
    dividendNote: 'The owners’ dividend is shared by exclusive area (Civil Code art. 283).',
    groupHint: 'For your home’s share, send me "/income" in a private chat.',
    noRule: 'The community has no split rule for shared income yet. A committee member sets one with "/income rule 20/30/50" (management/dividend/facilities).',
    noNet: 'The net income of this period is not positive: there is nothing to split.',
    none: 'No shared-income accounts have been imported yet; please ask the committee.',
    noPeriod: (period, periods) => `There are no shared-income accounts for "${period}". Periods: ${periods.join(', ')}.`,
    ruleSet: (m, d, f) => `Split rule set: management ${m}%, dividend to all owners ${d}%, public facilities ${f}%.`,
    ruleCleared: 'The split rule was removed.',
    ruleUsage: 'Usage: /income rule 20/30/50 (management/dividend/facilities, adding up to 100), or "/income rule 235", or "/income rule none".',
    source: (period) => `(source: shared-income accounts of ${period})`,
  },
  faq: {
    usage: 'Usage: /faq add QUESTION | ANSWER (committee); /faq pending — questions not answered yet (committee).',
    added: (no, told) => `Added FAQ #${no}.` + (told ? ` Told ${told} resident${told === 1 ? '' : 's'} who asked, privately.` : ''),
    noPending: (n) => `There is no pending question #${n}. Send "/faq pending" to see them.`,
    pendingHeader: (n) => `Pending questions (${n}); answer with: /faq add #N | ANSWER`,
    pendingLine: (no, q, askers, date) => `#${no} ${q} (asked by ${askers}, ${date})`,
    pendingNone: 'There are no pending questions.',
    answer: (answer, no) => `${answer}\n(source: the community’s FAQ #${no})`,
    toAsker: (question, answer, no) => `You asked "${question}". The committee has answered:\n${answer}\n(source: the community’s FAQ #${no})`,
    dontKnow: 'I cannot answer that yet; I have passed it to the committee and will tell you privately when they answer (on WeChat, add me as a friend first).',
  },
  help: {
    fees: '/fees — the fee schedule',
    income: '/income [PERIOD] — shared income and its split, e.g. /income 2026上半年',
    myfee: '/myfee — your home’s fees, bills and dividend (answered privately)',
    faqAdd: '/faq add QUESTION | ANSWER — add an answer and tell those who asked',
    faqPending: '/faq pending — questions I could not answer',
    incomeRule: '/income rule 20/30/50 — set the split rule',
    feesAuto: '/fees auto on|off — answer fee questions in groups by myself',
  },
};

export const FEES_TEXT: Record<Locale, FeesText> = { 'zh-CN': zh, en };

export function feesText(locale: Locale): FeesText {
  return FEES_TEXT[locale];
}
