import { importFaq } from '../app/faq.js';
import { importBills, importFees, type ImportResult } from '../app/fees.js';
import { importIncome, setSplitRule } from '../app/income.js';
import { parseSplitRule } from '../domain/fees.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../app/clock.js';
import type { Community } from '../app/communities.js';
import type { CommandSpec } from './command-spec.js';
import { CliError, EXIT } from './output.js';

/** What the fee commands share with the other commands. */
export interface CliHelpers {
  communityOf(db: Db, nameOrId: string): Promise<Community>;
  readText(cwd: string, file: string): Promise<string>;
}

/** An import command: reads the file, imports all or nothing, prints `{"imported": N}` with --json. */
export function importCommand(
  { communityOf, readText }: CliHelpers,
  words: [string, string],
  what: string,
  run: (db: Db, clock: Clock, communityId: number, text: string) => Promise<ImportResult>,
  /** Said after the count, e.g. how existing rows were treated. */
  after = '',
): CommandSpec {
  return {
    words,
    args: ['COMMUNITY', 'FILE.csv'],
    flags: [],
    prepare([community, file]) {
      return async ({ db, clock, out, cwd }) => {
        const c = await communityOf(db, community!);
        const r = await run(db, clock, c.communityId, await readText(cwd, file!));
        if (!r.ok) {
          throw new CliError(
            `${file}: nothing imported; ${r.errors.length} bad row${r.errors.length === 1 ? '' : 's'} (rows are line numbers, the header is row 1):`,
            EXIT.failed,
            r.errors.map((e) => `  row ${e.row}: ${e.reason}`),
          );
        }
        if (out.json) out.value({ imported: r.imported });
        else out.line(`Imported ${r.imported} ${what} into ${c.name}${after}.`);
        return EXIT.ok;
      };
    },
  };
}

const incomeRule = ({ communityOf }: CliHelpers): CommandSpec => ({
  words: ['income', 'rule'],
  args: ['COMMUNITY', 'SHARES|none'],
  flags: [],
  prepare([community, shares]) {
    const none = /^(none|无)$/i.test(shares!.trim());
    const parsed = none ? null : parseSplitRule(shares!);
    if (parsed && !parsed.ok) {
      throw new CliError(`"${shares}" is not a split rule: give management/dividend/facilities in whole percent adding up to 100, e.g. 20/30/50 (or 235), or none`, EXIT.usage);
    }
    return async ({ db, clock, out }) => {
      const c = await communityOf(db, community!);
      const rule = parsed?.ok ? parsed.rule : null;
      await setSplitRule(db, clock, c.communityId, rule, 'operator');
      if (out.json) out.value({ community: c.name, rule });
      else out.line(rule ? `${c.name} splits shared income ${rule.management}% management, ${rule.dividend}% dividend to all owners by area, ${rule.facilities}% public facilities.` : `${c.name} has no split rule for shared income.`);
      return EXIT.ok;
    };
  },
});

/** The operator's fee commands (SPEC §4), with `income rule` to set the community's split. */
export function feeCommands(h: CliHelpers): CommandSpec[] {
  return [
    importCommand(h, ['fees', 'import'], 'fee items (the schedule was replaced)', importFees),
    importCommand(h, ['bills', 'import'], 'bills (existing bills for the same unit, item and period were updated)', importBills),
    importCommand(h, ['faq', 'import'], 'questions and answers', importFaq),
    importCommand(h, ['income', 'import'], 'shared-income records (the periods in the file were replaced)', importIncome),
    incomeRule(h),
  ];
}
