import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import { rows, type Db } from '../db/client.js';
import { faqAskers, faqEntries, faqPending } from '../db/schema-fees.js';
import type { FaqEntry } from '../domain/fee-corpus.js';
import type { Clock } from './clock.js';
import { readCsv, type CsvRowError } from './csv.js';
import type { ImportResult } from './fees.js';

const MAX_QUESTION = 300;
const MAX_ANSWER = 2000;

async function nextNo(tx: Pick<Db, 'execute'>, table: 'faq_entries' | 'faq_pending', communityId: number): Promise<number> {
  await tx.execute(sql`select 1 from communities where community_id = ${communityId} for no key update`);
  const col = table === 'faq_entries' ? 'faq_no' : 'pending_no';
  const r = await rows<{ n: number }>(tx, sql`select coalesce(max(${sql.raw(col)}), 0)::int + 1 as n from ${sql.raw(table)} where community_id = ${communityId}`);
  return r[0]!.n;
}

/** Imports questions and answers (`question,answer,keywords`), added after the existing ones. Any bad row rejects the file. */
export async function importFaq(db: Db, clock: Clock, communityId: number, csvText: string): Promise<ImportResult> {
  const read = readCsv(csvText, ['question', 'answer', 'keywords'], ['keywords']);
  if (!read.ok) return read;
  const errors: CsvRowError[] = [...read.errors];
  const valid: { question: string; answer: string; keywords: string }[] = [];
  for (const { row, values } of read.records) {
    const reasons: string[] = [];
    const question = (values.question ?? '').trim();
    const answer = (values.answer ?? '').trim();
    if (!question) reasons.push('question is missing');
    else if (question.length > MAX_QUESTION) reasons.push(`question is longer than ${MAX_QUESTION} characters`);
    if (!answer) reasons.push('answer is missing');
    else if (answer.length > MAX_ANSWER) reasons.push(`answer is longer than ${MAX_ANSWER} characters`);
    if (reasons.length) errors.push({ row, reason: reasons.join('; ') });
    else valid.push({ question, answer, keywords: (values.keywords ?? '').trim() });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  if (!valid.length) return { ok: false, errors: [{ row: 2, reason: 'the file has no rows' }] };
  const at = clock.now();
  await db.transaction(async (tx) => {
    const first = await nextNo(tx, 'faq_entries', communityId);
    await tx.insert(faqEntries).values(valid.map((v, i) => ({ communityId, faqNo: first + i, ...v, addedBy: 'operator', createdAt: at })));
    await appendAudit(tx, communityId, { at: at.toISOString(), action: 'faq.imported', actor: 'operator', data: { rows: valid.length } });
  });
  return { ok: true, imported: valid.length };
}

/** The community's FAQ, by number. */
export async function faqOf(db: Db, communityId: number): Promise<FaqEntry[]> {
  return db
    .select({ faqNo: faqEntries.faqNo, question: faqEntries.question, answer: faqEntries.answer, keywords: faqEntries.keywords })
    .from(faqEntries)
    .where(eq(faqEntries.communityId, communityId))
    .orderBy(asc(faqEntries.faqNo));
}

export interface Asker {
  platform: 'telegram' | 'wechat';
  userId: string;
  locale: string;
}

/**
 * Keeps a question the bot could not answer, with who asked; the same question asked again (same
 * text once normalised) adds its asker to the open one. Returns its number.
 */
export async function recordUnanswered(db: Db, clock: Clock, communityId: number, question: string, asker: Asker): Promise<number> {
  const text = question.trim().slice(0, MAX_QUESTION);
  const at = clock.now();
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ id: faqPending.pendingId, no: faqPending.pendingNo })
      .from(faqPending)
      .where(and(eq(faqPending.communityId, communityId), isNull(faqPending.answeredAt), eq(faqPending.question, text)))
      .limit(1);
    let pending = open[0];
    if (!pending) {
      const no = await nextNo(tx, 'faq_pending', communityId);
      const r = await tx.insert(faqPending).values({ communityId, pendingNo: no, question: text, askedAt: at }).returning({ id: faqPending.pendingId, no: faqPending.pendingNo });
      pending = r[0]!;
    }
    await tx.insert(faqAskers).values({ communityId, pendingId: pending.id, ...asker, askedAt: at }).onConflictDoNothing();
    return pending.no;
  });
}

export interface PendingQuestion {
  pendingId: number;
  pendingNo: number;
  question: string;
  askedAt: Date;
  askers: number;
}

/** The questions still waiting for an answer, oldest first. */
export async function pendingQuestions(db: Db, communityId: number): Promise<PendingQuestion[]> {
  return db
    .select({
      pendingId: faqPending.pendingId,
      pendingNo: faqPending.pendingNo,
      question: faqPending.question,
      askedAt: faqPending.askedAt,
      askers: sql<number>`(select count(*)::int from faq_askers a where a.pending_id = "faq_pending"."pending_id")`,
    })
    .from(faqPending)
    .where(and(eq(faqPending.communityId, communityId), isNull(faqPending.answeredAt)))
    .orderBy(asc(faqPending.pendingNo));
}

export interface AddedFaq {
  entry: FaqEntry;
  /** The pending questions this entry answers, with whom to tell. */
  answered: { pendingNo: number; question: string; askers: Asker[] }[];
}

/**
 * Adds an answer from the committee and marks as answered the given pending questions (those the
 * caller found to match it), returning their askers to be told privately.
 */
export async function addFaq(
  db: Db,
  clock: Clock,
  input: { communityId: number; question: string; answer: string; actor: string; answers: number[] },
): Promise<AddedFaq> {
  const at = clock.now();
  return db.transaction(async (tx) => {
    const faqNo = await nextNo(tx, 'faq_entries', input.communityId);
    const entry = { faqNo, question: input.question.slice(0, MAX_QUESTION), answer: input.answer.slice(0, MAX_ANSWER), keywords: '' };
    const [row] = await tx.insert(faqEntries).values({ communityId: input.communityId, ...entry, addedBy: input.actor, createdAt: at }).returning({ id: faqEntries.faqId });
    const answered: AddedFaq['answered'] = [];
    if (input.answers.length) {
      const done = await tx
        .update(faqPending)
        .set({ answeredAt: at, faqId: row!.id })
        .where(and(eq(faqPending.communityId, input.communityId), isNull(faqPending.answeredAt), inArray(faqPending.pendingNo, input.answers)))
        .returning({ id: faqPending.pendingId, no: faqPending.pendingNo, question: faqPending.question });
      for (const p of done) {
        const askers = await tx
          .update(faqAskers)
          .set({ notifiedAt: at })
          .where(eq(faqAskers.pendingId, p.id))
          .returning({ platform: faqAskers.platform, userId: faqAskers.userId, locale: faqAskers.locale });
        answered.push({ pendingNo: p.no, question: p.question, askers });
      }
    }
    await appendAudit(tx, input.communityId, { at: at.toISOString(), action: 'faq.added', actor: input.actor, data: { faqNo, answered: answered.map((a) => a.pendingNo) } });
    return { entry, answered };
  });
}
