import type { FeeBasis } from '../../domain/fees.js';
import type { zhFees } from './zh-cn-fees.js';

const UNIT: Record<FeeBasis, string> = { per_m2_month: 'yuan/m²/month', per_unit_month: 'yuan/household/month', per_space_month: 'yuan/space/month', one_off: 'yuan, once' };
const BASIS: Record<FeeBasis, string> = { per_m2_month: 'by exclusive area', per_unit_month: 'per household', per_space_month: 'per parking space', one_off: 'one-off' };

/** English sentences of fees, the FAQ and shared income. */
export const enFees: typeof zhFees = {
  fees: {
    rateUnit: (b) => UNIT[b],
    header: (community) => `[${community}: fee schedule]`,
    item: (item, rate, b, note) => `${item}: ${rate} ${UNIT[b]} (${BASIS[b]})${note ? ` — ${note}` : ''}`,
    none: 'No fee schedule has been imported for this community yet; please ask the community office or the committee.',
    privateHint: 'Send me "/myfee" in a private chat to see the amounts for your home and its bills.',
    perM2: (item, area, rate, month, year) => `${item}: ${area} m² × ${rate} yuan/m²/month × 12 = ${year} yuan/year (${month} yuan a month)`,
    perMonth: (item, rate, b, year) => `${item}: ${rate} ${UNIT[b]} × 12 = ${year} yuan/year${b === 'per_space_month' ? ' (per space)' : ''}`,
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
  helpFees: {
    everyone: ['/fees — the fee schedule', '/income [PERIOD] — shared income and its split, e.g. /income 2026上半年'],
    member: ['/myfee — your home’s fees, bills and dividend (answered privately)'],
    committee: ['/faq add QUESTION | ANSWER — add an answer and tell those who asked', '/faq pending — questions I could not answer', '/income rule 20/30/50 — set the split rule', '/fees auto on|off — answer fee questions in groups by myself'],
  },
};
