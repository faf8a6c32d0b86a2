/** Fee, bill and shared-income texts with their computations shown (formatting only; numbers come from the domain). */
import type { Bill } from '../../app/fees.js';
import type { IncomePeriod } from '../../app/income.js';
import { computeFee, type FeeItem } from '../../domain/fees.js';
import { formatCenti, formatFen } from '../../domain/money.js';
import type { FeesText } from './i18n.js';

/** The words these lines are made of (the main catalogue has them too, for the pages). */
export type FeeWords = Pick<FeesText, 'fees' | 'myfee' | 'income'>;

/** One item's amount for a home of `areaCenti`, as a computation: `89.50 m² × 1.20 元/m²/月 × 12 = 1,288.80 元/年`. */
export function computationLine(t: FeeWords, item: FeeItem, areaCenti: number): string {
  const c = computeFee(item, areaCenti);
  const rate = formatFen(item.rateFen);
  if (c.basis === 'per_m2_month') return t.fees.perM2(item.item, formatCenti(areaCenti), rate, formatFen(c.monthFen), formatFen(c.yearFen!));
  if (c.basis === 'one_off') return t.fees.oneOff(item.item, rate);
  return t.fees.perMonth(item.item, rate, c.basis, formatFen(c.yearFen!));
}

/** How an item is computed, without any household's figures (for groups). */
export function formulaLine(t: FeeWords, item: FeeItem): string {
  if (item.basis === 'per_m2_month') return t.fees.perM2Formula(item.item, formatFen(item.rateFen));
  return computationLine(t, item, 0);
}

/** The schedule as published: one line per item. */
export function scheduleLines(t: FeeWords, items: readonly FeeItem[]): string[] {
  return items.map((i) => t.fees.item(i.item, formatFen(i.rateFen), i.basis, i.note));
}

/** A home's bills with what is owed. */
export function billLines(t: FeeWords, bills: readonly Bill[]): string[] {
  if (!bills.length) return [t.myfee.noBills];
  const lines = [t.myfee.bills, ...bills.map((b) => t.myfee.bill(b.period, b.item, formatFen(b.amountFen), formatFen(b.paidFen), formatFen(b.amountFen - b.paidFen)))];
  const owed = bills.reduce((s, b) => s + b.amountFen - b.paidFen, 0);
  lines.push(owed > 0 ? t.myfee.owedTotal(formatFen(owed)) : t.myfee.allPaid);
  return lines;
}

/** A period's income, costs and split: what anyone may read (no household's share). */
export function incomeLines(t: FeeWords, p: IncomePeriod): string[] {
  const lines = [t.income.header(p.period)];
  for (const l of p.lines) {
    lines.push(l.amountFen > 0 ? t.income.incomeLine(l.item, formatFen(l.amountFen), l.note) : t.income.costLine(l.item, formatFen(-l.amountFen), l.note));
  }
  const s = p.split;
  lines.push(t.income.totals(formatFen(s.incomeFen), formatFen(s.costsFen), formatFen(s.netFen)), t.income.law);
  if (!p.rule || !s.shares) lines.push(t.income.noRule);
  else if (s.netFen <= 0) lines.push(t.income.noNet);
  else {
    const net = formatFen(s.netFen);
    lines.push(
      t.income.rule(p.rule.management, p.rule.dividend, p.rule.facilities),
      t.income.share('management', net, p.rule.management, formatFen(s.shares.management)),
      t.income.share('dividend', net, p.rule.dividend, formatFen(s.shares.dividend)),
      t.income.share('facilities', net, p.rule.facilities, formatFen(s.shares.facilities)),
      t.income.dividendNote,
    );
  }
  return lines;
}
