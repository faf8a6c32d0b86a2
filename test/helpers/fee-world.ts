import { systemClock } from '../../src/app/clock.js';
import { importFaq } from '../../src/app/faq.js';
import { importBills, importFees } from '../../src/app/fees.js';
import { importIncome, setSplitRule } from '../../src/app/income.js';
import type { Db } from '../../src/db/client.js';
import { computeFee, dividendsByArea, RULE_235 } from '../../src/domain/fees.js';
import { formatFen } from '../../src/domain/money.js';
import { FAQ_CSV, FEES_CSV, INCOME_CSV } from './fee-seed.js';

/** Net 2026上半年 income of INCOME_CSV: 116,400.00 − 18,000.00; its dividend share under the 235 rule. */
const DIVIDEND_POOL_FEN = 2_952_000;

/**
 * Seeds the schedule, FAQ, income (235 rule) and one bill per given unit, and returns each unit's own
 * amounts as they would be printed (bill, owed, the year's 物业费 and 电梯运行费, the dividend), for
 * tests to look for where they must not be.
 */
export async function seedFees(db: Db, communityId: number, roster: { unit: string; areaCenti: number }[], billed: Record<string, { amount: string; paid: string }>) {
  const must = (r: { ok: boolean }) => {
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  must(await importFees(db, systemClock, communityId, FEES_CSV));
  must(await importFaq(db, systemClock, communityId, FAQ_CSV));
  must(await importIncome(db, systemClock, communityId, INCOME_CSV));
  const rows = Object.entries(billed).map(([unit, b]) => `${unit},物业费,2026下半年,${b.amount},${b.paid}`);
  must(await importBills(db, systemClock, communityId, ['unit,item,period,amount,paid', ...rows].join('\n')));
  await setSplitRule(db, systemClock, communityId, RULE_235, 'test');
  const dividends = dividendsByArea(DIVIDEND_POOL_FEN, roster.map((r) => ({ label: r.unit, areaCenti: r.areaCenti })));
  const amounts = new Map<string, string[]>();
  for (const r of roster) {
    const year = (rateFen: number) => formatFen(computeFee({ item: '', basis: 'per_m2_month', rateFen, note: '' }, r.areaCenti).yearFen!);
    const b = billed[r.unit];
    const own = [year(120), year(35), formatFen(dividends.get(r.unit)!)];
    if (b) own.push(b.amount, formatFen(Math.round((Number(b.amount) - Number(b.paid || 0)) * 100)));
    amounts.set(r.unit, own.filter((a) => a !== '0.00'));
  }
  return amounts;
}
