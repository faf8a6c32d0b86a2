import { and, asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.js';
import type { Db } from '../db/client.js';
import { communities, units } from '../db/schema.js';
import { bills, feeItems } from '../db/schema-fees.js';
import { FEE_BASES, type FeeBasis, type FeeItem } from '../domain/fees.js';
import { parseYuan } from '../domain/money.js';
import type { Clock } from './clock.js';
import { readCsv, type CsvRowError } from './csv.js';
import { normalizeUnitLabel } from './roster.js';

export type ImportResult = { ok: true; imported: number } | { ok: false; errors: CsvRowError[] };

/** Rates and bill amounts are capped well inside the integer columns. */
const MAX_RATE_FEN = 100_000_000;
const MAX_AMOUNT_FEN = 10_000_000_000;

const clean = (s: string | undefined) => (s ?? '').normalize('NFKC').trim();

function finish<T>(errors: CsvRowError[], valid: T[]): { ok: false; errors: CsvRowError[] } | null {
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  if (valid.length === 0) return { ok: false, errors: [{ row: 2, reason: 'the file has no rows' }] };
  return null;
}

/**
 * Imports the fee schedule (`item,basis,rate,note`, rate in yuan with at most two decimals) and
 * replaces the community's schedule with it. Any bad row rejects the whole file, every bad row listed.
 */
export async function importFees(db: Db, clock: Clock, communityId: number, csvText: string): Promise<ImportResult> {
  const read = readCsv(csvText, ['item', 'basis', 'rate', 'note'], ['note']);
  if (!read.ok) return read;
  const errors = [...read.errors];
  const seen = new Map<string, number>();
  const valid: FeeItem[] = [];
  for (const { row, values } of read.records) {
    const reasons: string[] = [];
    const item = (values.item ?? '').trim();
    if (!item) reasons.push('item is missing');
    else if (item.length > 60) reasons.push('item is longer than 60 characters');
    else if (seen.has(item)) reasons.push(`item ${item} is a duplicate of row ${seen.get(item)}`);
    else seen.set(item, row);
    const basis = clean(values.basis).toLowerCase();
    if (!(FEE_BASES as readonly string[]).includes(basis)) reasons.push(`basis "${clean(values.basis)}" must be one of ${FEE_BASES.join(', ')}`);
    const rate = parseYuan(values.rate ?? '');
    if (rate === null) reasons.push(`rate "${clean(values.rate)}" is not an amount in yuan with at most two decimals`);
    else if (rate <= 0 || rate > MAX_RATE_FEN) reasons.push('rate must be more than 0 and at most 1000000 yuan');
    if (reasons.length) errors.push({ row, reason: reasons.join('; ') });
    else valid.push({ item, basis: basis as FeeBasis, rateFen: rate!, note: (values.note ?? '').trim() });
  }
  const refused = finish(errors, valid);
  if (refused) return refused;
  await db.transaction(async (tx) => {
    await tx.delete(feeItems).where(eq(feeItems.communityId, communityId));
    await tx.insert(feeItems).values(valid.map((v) => ({ communityId, ...v })));
    await appendAudit(tx, communityId, { at: clock.now().toISOString(), action: 'fees.imported', actor: 'operator', data: { rows: valid.length } });
  });
  return { ok: true, imported: valid.length };
}

/** The community's fee schedule, in the order imported. */
export async function feeSchedule(db: Db, communityId: number): Promise<FeeItem[]> {
  return db
    .select({ item: feeItems.item, basis: feeItems.basis, rateFen: feeItems.rateFen, note: feeItems.note })
    .from(feeItems)
    .where(eq(feeItems.communityId, communityId))
    .orderBy(asc(feeItems.feeItemId));
}

/** Reads `paid`: an amount in yuan, or yes/no words meaning all or nothing; empty is nothing. */
function parsePaid(text: string, amountFen: number): number | null {
  const s = text.toLowerCase();
  if (s === '' || /^(no|n|false|否|未缴|未交|未付|没交)$/.test(s)) return 0;
  if (/^(yes|y|true|是|已缴|已交|已付|缴清|交清)$/.test(s)) return amountFen;
  return parseYuan(s);
}

/**
 * Imports what households were billed (`unit,item,period,amount,paid`; amounts in yuan; `paid` is
 * the amount paid, or yes/no, or empty for nothing), upserting by unit, item and period. Any bad
 * row rejects the whole file, every bad row listed.
 */
export async function importBills(db: Db, clock: Clock, communityId: number, csvText: string): Promise<ImportResult> {
  const read = readCsv(csvText, ['unit', 'item', 'period', 'amount', 'paid'], ['paid']);
  if (!read.ok) return read;
  const roster = new Map(
    (await db.select({ id: units.unitId, label: units.label }).from(units).where(eq(units.communityId, communityId))).map((u) => [u.label, u.id]),
  );
  const errors = [...read.errors];
  const seen = new Map<string, number>();
  const valid: { unitId: number; item: string; period: string; amountFen: number; paidFen: number }[] = [];
  for (const { row, values } of read.records) {
    const reasons: string[] = [];
    const label = normalizeUnitLabel(values.unit ?? '');
    const unitId = roster.get(label);
    if (!label) reasons.push('unit is missing');
    else if (unitId === undefined) reasons.push(`unit ${label} is not on the roster`);
    const item = (values.item ?? '').trim();
    const period = clean(values.period);
    if (!item) reasons.push('item is missing');
    if (!period) reasons.push('period is missing');
    const key = `${label}|${item}|${period}`;
    if (label && item && period) {
      if (seen.has(key)) reasons.push(`unit, item and period repeat row ${seen.get(key)}`);
      else seen.set(key, row);
    }
    const amount = parseYuan(values.amount ?? '');
    // A household's amounts are never repeated in an error.
    if (amount === null) reasons.push('amount is not an amount in yuan with at most two decimals');
    else if (amount < 0 || amount > MAX_AMOUNT_FEN) reasons.push('amount must be between 0 and 100000000 yuan');
    const paid = amount === null ? 0 : parsePaid(clean(values.paid), amount);
    if (paid === null) reasons.push('paid is not an amount in yuan, yes or no');
    else if (amount !== null && (paid < 0 || paid > amount)) reasons.push('paid must be between 0 and the amount');
    if (reasons.length) errors.push({ row, reason: reasons.join('; ') });
    else valid.push({ unitId: unitId!, item, period, amountFen: amount!, paidFen: paid! });
  }
  const refused = finish(errors, valid);
  if (refused) return refused;
  await db.transaction(async (tx) => {
    for (let i = 0; i < valid.length; i += 1000) {
      await tx
        .insert(bills)
        .values(valid.slice(i, i + 1000).map((v) => ({ communityId, ...v })))
        .onConflictDoUpdate({ target: [bills.unitId, bills.item, bills.period], set: { amountFen: sql`excluded.amount_fen`, paidFen: sql`excluded.paid_fen` } });
    }
    await appendAudit(tx, communityId, { at: clock.now().toISOString(), action: 'bills.imported', actor: 'operator', data: { rows: valid.length } });
  });
  return { ok: true, imported: valid.length };
}

export interface Bill {
  item: string;
  period: string;
  amountFen: number;
  paidFen: number;
}

/** A household's bills, oldest period first. */
export async function billsOf(db: Db, communityId: number, unitId: number): Promise<Bill[]> {
  return db
    .select({ item: bills.item, period: bills.period, amountFen: bills.amountFen, paidFen: bills.paidFen })
    .from(bills)
    .where(and(eq(bills.communityId, communityId), eq(bills.unitId, unitId)))
    .orderBy(asc(bills.period), asc(bills.billId));
}

/** A unit's exclusive area (hundredths of m²). */
export async function unitArea(db: Db, unitId: number): Promise<number | null> {
  const r = await db.select({ a: units.areaCenti }).from(units).where(eq(units.unitId, unitId)).limit(1);
  return r[0]?.a ?? null;
}

/** Turns on or off answering fee questions in the community's groups without a mention. */
export async function setFeeAnswers(db: Db, clock: Clock, communityId: number, on: boolean, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(communities).set({ feeAnswers: on }).where(eq(communities.communityId, communityId));
    await appendAudit(tx, communityId, { at: clock.now().toISOString(), action: 'fees.group-answers', actor, data: { on } });
  });
}
