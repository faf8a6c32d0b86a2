/**
 * What a question can be answered from: the FAQ, the fee schedule and the shared-income records,
 * turned into documents for the matcher, and the choice of an answer. Pure.
 */
import type { FeeBasis, FeeItem } from './fees.js';
import { INCOME_WORDS, MONEY_WORDS } from './fee-vocabulary.js';
import { createMatcher, MIN_COVERAGE, normalizeQuestion, type MatchDoc } from './question-match.js';

export interface FaqEntry {
  faqNo: number;
  question: string;
  answer: string;
  keywords: string;
}

export type Source = { kind: 'faq'; entry: FaqEntry } | { kind: 'fee'; item: FeeItem } | { kind: 'income'; items: string[] };

/** Words that describe each basis, so `按面积`, `每户`, `一次性` find the items charged that way. */
const BASIS_WORDS: Record<FeeBasis, string> = {
  per_m2_month: '按面积 每平米 每月 每年 一年 收费标准 单价 计算',
  per_unit_month: '每户 每月 每年 一年 收费标准 计算',
  per_space_month: '每个车位 每月 月租 每年 收费标准 计算',
  one_off: '一次性 收费标准 计算',
};

/** The documents of a community's corpus. */
export function buildCorpus(input: { faq: readonly FaqEntry[]; fees: readonly FeeItem[]; incomeItems: readonly string[] }): MatchDoc<Source>[] {
  const docs: MatchDoc<Source>[] = [];
  for (const entry of input.faq) {
    docs.push({
      value: { kind: 'faq', entry },
      fields: [
        { text: entry.question, weight: 2 },
        { text: entry.keywords, weight: 2 },
        { text: entry.answer, weight: 0.5 },
      ],
    });
  }
  for (const item of input.fees) {
    docs.push({
      value: { kind: 'fee', item },
      fields: [
        { text: item.item, weight: 2 },
        { text: BASIS_WORDS[item.basis], weight: 0.5 },
        { text: item.note, weight: 1 },
      ],
    });
  }
  if (input.incomeItems.length) {
    docs.push({
      value: { kind: 'income', items: [...input.incomeItems] },
      fields: [
        { text: '公共收益 收益 收入 支出 分配 分红 业主分红 去向 公示', weight: 2 },
        { text: input.incomeItems.join(' '), weight: 1 },
      ],
    });
  }
  return docs;
}

export type Answer =
  | { kind: 'faq'; entry: FaqEntry; coverage: number }
  | { kind: 'fees'; items: FeeItem[]; coverage: number }
  | { kind: 'income'; coverage: number }
  | { kind: 'unknown'; coverage: number };

/** Fee items whose score is at least this share of the best one are answered together (地面/地下停车费). */
const TOGETHER = 0.8;

/** The answer to a question from a corpus, or `unknown` when no document covers enough of it. */
export function chooseAnswer(question: string, corpus: readonly MatchDoc<Source>[]): Answer {
  // The schedule and the accounts answer questions about money only, the accounts only questions
  // about income (快递柜 is also a rented site: “快递柜收费吗” is not about the income from it).
  const s = normalizeQuestion(question);
  const money = MONEY_WORDS.test(s);
  const income = INCOME_WORDS.test(s);
  const ranked = createMatcher(corpus)
    .rank(question)
    .filter((r) => r.value.kind === 'faq' || (money && (r.value.kind === 'fee' || income)));
  // BM25 decides, unless one of the next documents covers the question clearly better.
  const best = ranked.slice(0, 3).reduce<(typeof ranked)[number] | undefined>((b, r) => (b && r.coverage < b.coverage + 0.15 ? b : r), undefined);
  if (!best || best.coverage < MIN_COVERAGE) return { kind: 'unknown', coverage: best?.coverage ?? 0 };
  const v = best.value;
  if (v.kind === 'faq') return { kind: 'faq', entry: v.entry, coverage: best.coverage };
  if (v.kind === 'income') return { kind: 'income', coverage: best.coverage };
  const items = ranked
    .filter((r) => r.value.kind === 'fee' && r.coverage >= MIN_COVERAGE && r.score >= TOGETHER * best.score)
    .map((r) => (r.value as Extract<Source, { kind: 'fee' }>).item);
  return { kind: 'fees', items, coverage: best.coverage };
}
