import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { units } from '../db/schema.js';
import { incomeRecords, incomeRules } from '../db/schema-fees.js';
import { dividendsByArea, splitIncome, type Split, type SplitRule } from '../domain/fees.js';
import { parseYuan } from '../domain/money.js';
import type { Clock } from './clock.js';
import { readCsv, type CsvRowError } from './csv.js';
import type { ImportResult } from './fees.js';

/**
 * A period as written (`2026上半年`, `2026年上半年`, `2026H1`, `2026 年 1-6 月`) in one form, so the
 * import and `/income 2026上半年` meet: half-width, no spaces, no 年 after the year, H1/H2 as 上/下半年.
 */
export function normalizePeriod(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(\d{4})年/, '$1')
    .replace(/^(\d{4})-?h1$/i, '$1上半年')
    .replace(/^(\d{4})-?h2$/i, '$1下半年');
}

/**
 * Imports shared income (`period,item,amount,note`, yuan; a negative amount is a cost). The rows of
 * each period in the file replace what was kept for that period. Any bad row rejects the whole file.
 */
export async function importIncome(db: Db, clock: Clock, communityId: number, csvText: string): Promise<ImportResult> {
  const read = readCsv(csvText, ['period', 'item', 'amount', 'note'], ['note']);
  if (!read.ok) return read;
  const errors: CsvRowError[] = [...read.errors];
  const valid: { period: string; item: string; amountFen: number; note: string }[] = [];
  for (const { row, values } of read.records) {
    const reasons: string[] = [];
    const period = normalizePeriod(values.period ?? '');
    const item = (values.item ?? '').normalize('NFKC').trim();
    if (!period) reasons.push('period is missing');
    else if (period.length > 30) reasons.push('period is longer than 30 characters');
    if (!item) reasons.push('item is missing');
    const amount = parseYuan(values.amount ?? '');
    if (amount === null) reasons.push(`amount "${(values.amount ?? '').trim()}" is not an amount in yuan with at most two decimals (a cost is negative)`);
    else if (amount === 0) reasons.push('amount must not be 0');
    if (reasons.length) errors.push({ row, reason: reasons.join('; ') });
    else valid.push({ period, item, amountFen: amount!, note: (values.note ?? '').trim() });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  if (!valid.length) return { ok: false, errors: [{ row: 2, reason: 'the file has no rows' }] };
  const periods = [...new Set(valid.map((v) => v.period))];
  await db.transaction(async (tx) => {
    await tx.delete(incomeRecords).where(and(eq(incomeRecords.communityId, communityId), inArray(incomeRecords.period, periods)));
    await tx.insert(incomeRecords).values(valid.map((v) => ({ communityId, ...v })));
    await appendAudit(tx, communityId, { at: clock.now().toISOString(), action: 'income.imported', actor: 'operator', data: { rows: valid.length, periods } });
  });
  return { ok: true, imported: valid.length };
}

/** The community's split rule, or null when it has none (the default). */
export async function splitRuleOf(db: Db, communityId: number): Promise<SplitRule | null> {
  const r = await db.select({ shares: incomeRules.shares }).from(incomeRules).where(eq(incomeRules.communityId, communityId)).limit(1);
  return r[0]?.shares ?? null;
}

/** Sets (or with null removes) the split rule; kept in the audit chain with who set it. */
export async function setSplitRule(db: Db, clock: Clock, communityId: number, rule: SplitRule | null, actor: string): Promise<void> {
  const at = clock.now();
  await db.transaction(async (tx) => {
    if (rule) {
      await tx
        .insert(incomeRules)
        .values({ communityId, shares: rule, setBy: actor, setAt: at })
        .onConflictDoUpdate({ target: incomeRules.communityId, set: { shares: rule, setBy: actor, setAt: at } });
    } else await tx.delete(incomeRules).where(eq(incomeRules.communityId, communityId));
    await appendAudit(tx, communityId, { at: at.toISOString(), action: 'income.rule', actor, data: { rule } });
  });
}

export interface IncomePeriod {
  period: string;
  lines: { item: string; amountFen: number; note: string }[];
  split: Split;
  rule: SplitRule | null;
}

/** The periods with records, latest import first. */
export async function incomePeriods(db: Db, communityId: number): Promise<string[]> {
  const r = await db
    .select({ period: incomeRecords.period, id: incomeRecords.incomeId })
    .from(incomeRecords)
    .where(eq(incomeRecords.communityId, communityId))
    .orderBy(desc(incomeRecords.incomeId));
  return [...new Set(r.map((x) => x.period))];
}

/** A period's records and split (the latest period when none is named); null when there is none. */
export async function incomeOf(db: Db, communityId: number, period?: string): Promise<IncomePeriod | null> {
  const wanted = period ? normalizePeriod(period) : (await incomePeriods(db, communityId))[0];
  if (!wanted) return null;
  const lines = await db
    .select({ item: incomeRecords.item, amountFen: incomeRecords.amountFen, note: incomeRecords.note })
    .from(incomeRecords)
    .where(and(eq(incomeRecords.communityId, communityId), eq(incomeRecords.period, wanted)))
    .orderBy(asc(incomeRecords.incomeId));
  if (!lines.length) return null;
  const rule = await splitRuleOf(db, communityId);
  return { period: wanted, lines, split: splitIncome(lines.map((l) => l.amountFen), rule), rule };
}

/** The item names of every income record (for matching questions). */
export async function incomeItems(db: Db, communityId: number): Promise<string[]> {
  const r = await db.selectDistinct({ item: incomeRecords.item }).from(incomeRecords).where(eq(incomeRecords.communityId, communityId));
  return r.map((x) => x.item);
}

/**
 * A household's dividend of a period: the dividend share apportioned over every unit of the roster
 * by exclusive area. Null when the period has no dividend share.
 */
export async function dividendOf(db: Db, communityId: number, unitId: number, period: IncomePeriod): Promise<{ fen: number; areaCenti: number; totalCenti: number } | null> {
  const pool = period.split.shares?.dividend ?? 0;
  if (pool <= 0) return null;
  const roster = await db.select({ id: units.unitId, label: units.label, areaCenti: units.areaCenti }).from(units).where(eq(units.communityId, communityId));
  const mine = roster.find((u) => u.id === unitId);
  if (!mine) return null;
  const shares = dividendsByArea(pool, roster);
  return { fen: shares.get(mine.label) ?? 0, areaCenti: mine.areaCenti, totalCenti: roster.reduce((s, u) => s + u.areaCenti, 0) };
}
