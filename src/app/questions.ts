import type { Db } from '../db/client.js';
import { buildCorpus, chooseAnswer, type Answer, type FaqEntry } from '../domain/fee-corpus.js';
import { loadPinyin } from '../domain/question-match.js';
import { faqOf, pendingQuestions } from './faq.js';
import { feeSchedule } from './fees.js';
import { incomeItems } from './income.js';

/** What the community's questions are answered from: its FAQ, fee schedule and income records. */
export async function loadCorpus(db: Db, communityId: number) {
  const [faq, fees, items] = await Promise.all([faqOf(db, communityId), feeSchedule(db, communityId), incomeItems(db, communityId)]);
  return { faq, fees, incomeItems: items };
}

/** The answer to a question from the community's own data. */
export async function answerFrom(db: Db, communityId: number, question: string): Promise<Answer> {
  const [corpus] = await Promise.all([loadCorpus(db, communityId), loadPinyin()]);
  return chooseAnswer(question, buildCorpus(corpus));
}

/**
 * The pending questions a new FAQ entry answers: those named (`#N`), and those that the matcher,
 * given the corpus with the new entry, answers from it.
 */
export async function pendingAnsweredBy(db: Db, communityId: number, entry: Omit<FaqEntry, 'faqNo'>, named: number[]): Promise<number[]> {
  const [corpus] = await Promise.all([loadCorpus(db, communityId), loadPinyin()]);
  const NEW = -1;
  const docs = buildCorpus({ ...corpus, faq: [...corpus.faq, { ...entry, faqNo: NEW }] });
  const out = new Set(named);
  for (const p of await pendingQuestions(db, communityId)) {
    const a = chooseAnswer(p.question, docs);
    if (a.kind === 'faq' && a.entry.faqNo === NEW) out.add(p.pendingNo);
  }
  return [...out];
}
