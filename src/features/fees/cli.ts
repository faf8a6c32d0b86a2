/** The operator's fee commands (SPEC §4): the imports of the schedule, bills, FAQ and income, and `income rule`. */
import type { Clock } from '../../app/clock.js';
import { importFaq } from '../../app/faq.js';
import { importBills, importFees, type ImportResult } from '../../app/fees.js';
import { importIncome, setSplitRule } from '../../app/income.js';
import { communityOf, runImport, type CommandContext } from '../../cli/command-spec.js';
import { EXIT } from '../../cli/output.js';
import type { Db } from '../../db/client.js';
import type { SplitRule } from '../../domain/fees.js';

/** What each `… import COMMUNITY FILE.csv` reads, and what it says after the count. */
const IMPORTS: Record<FeeImport, { what: string; run: (db: Db, clock: Clock, communityId: number, text: string) => Promise<ImportResult> }> = {
  fees: { what: 'fee items (the schedule was replaced)', run: importFees },
  bills: { what: 'bills (existing bills for the same unit, item and period were updated)', run: importBills },
  faq: { what: 'questions and answers', run: importFaq },
  income: { what: 'shared-income records (the periods in the file were replaced)', run: importIncome },
};

export type FeeImport = 'fees' | 'bills' | 'faq' | 'income';

/** `fees|bills|faq|income import COMMUNITY FILE.csv`: all rows or none. */
export function importFeeFile(kind: FeeImport, community: string, file: string, ctx: CommandContext): Promise<number> {
  return runImport(ctx, community, file, IMPORTS[kind].what, IMPORTS[kind].run);
}

/** `income rule COMMUNITY SHARES|none`, the rule already checked. */
export async function setIncomeRule(community: string, rule: SplitRule | null, { db, clock, out }: CommandContext): Promise<number> {
  const c = await communityOf(db, community);
  await setSplitRule(db, clock, c.communityId, rule, 'operator');
  if (out.json) out.value({ community: c.name, rule });
  else out.line(rule ? `${c.name} splits shared income ${rule.management}% management, ${rule.dividend}% dividend to all owners by area, ${rule.facilities}% public facilities.` : `${c.name} has no split rule for shared income.`);
  return EXIT.ok;
}
