import { createCommunity, getCommunity, reissueSetupCode } from '../app/communities.js';
import { importUnits, listCodes } from '../app/roster.js';
import { verifyAudit } from '../db/audit.js';
import { isValidTimeZone, parseScheduleRule } from '../domain/schedule.js';
import { CliError, EXIT, tableObjects } from './output.js';
import { noticeCommand } from './notice.js';
import { loadReport, receiptsReport, reportKinds } from './reports.js';
import { MANIFESTS } from '../features/index.js';
import { scheduleCmd } from './schedule-command.js';
import { communityOf, runImport, usageError, type CommandSpec } from './command-spec.js';

export { communityOf, usageError, type Action, type CommandContext, type CommandSpec, type Flags } from './command-spec.js';

const communityAdd: CommandSpec = {
  words: ['community', 'add'],
  usage: `  community add NAME [--timezone TZ] [--deliberation CRON] [--notice-days N]
      Create a community; prints its id and its one-time setup code, which links a group with
      "/setup CODE". TZ defaults to DEFAULT_TIMEZONE; CRON is a cron line with one fixed time
      (quote it: "30 19 * * 6#1", the default) or a rule such as "每月第一个星期六 19:30".
      N is the owners' notice period in days before voting opens (default 15, 《物业管理条例》第十四条).`,
  args: ['NAME'],
  flags: ['timezone', 'deliberation', 'notice-days'],
  prepare([name], flags, config) {
    const noticeText = flags['notice-days'];
    if (noticeText !== undefined && (!/^\d{1,2}$/.test(noticeText.trim()) || Number(noticeText) > 90)) {
      throw usageError(`--notice-days "${noticeText}" must be a whole number of days from 0 to 90 (the usual notice is 15)`);
    }
    const noticeDays = noticeText === undefined ? undefined : Number(noticeText);
    const trimmed = name!.normalize('NFKC').trim();
    if (!trimmed || trimmed.length > 100) throw usageError('NAME must be 1 to 100 characters');
    if (/^\d+$/.test(trimmed)) throw usageError(`NAME "${trimmed}" is only digits and would be taken for a community id; give it a word`);
    const timezone = flags.timezone ?? config.DEFAULT_TIMEZONE;
    if (!isValidTimeZone(timezone)) throw usageError(`--timezone "${timezone}" is not an IANA time zone such as Asia/Shanghai`);
    let deliberationCron: string | undefined;
    if (flags.deliberation !== undefined) {
      const rule = parseScheduleRule(flags.deliberation);
      if (!rule.ok) {
        throw usageError(
          `--deliberation "${flags.deliberation}" is not a deliberation-day rule: give a cron line with one fixed time, such as "30 19 * * 6#1", or a rule such as "每月第一个星期六 19:30"`,
        );
      }
      deliberationCron = rule.cron;
    }
    return async ({ db, clock, out }) => {
      const r = await createCommunity(db, clock, {
        name: trimmed,
        timezone,
        ...(deliberationCron ? { deliberationCron } : {}),
        ...(noticeDays !== undefined ? { noticeDays } : {}),
      });
      if (!r.ok) {
        if (r.code === 'name-taken') throw new CliError(`a community named "${trimmed}" already exists`);
        throw usageError('NAME must be 1 to 100 characters');
      }
      if (out.json) out.value({ id: r.id, name: r.name, setupCode: r.setupCode });
      else {
        const created = (await getCommunity(db, r.id))!;
        out.line(`Created community ${r.name} (id ${r.id}), time zone ${created.timezone}, deliberation day "${created.deliberationCron}".`);
        out.line(`Setup code (shown only now; keep it safe): ${r.setupCode}`);
        out.line(`To link a resident group, send in it: /setup ${r.setupCode}  (or: 开通 ${r.setupCode})`);
      }
      return EXIT.ok;
    };
  },
};

const communitySetupCode: CommandSpec = {
  words: ['community', 'setup-code'],
  usage: `  community setup-code COMMUNITY
      Issue a new one-time setup code (the old one stops working); --json: {"id","name","setupCode"}.`,
  args: ['COMMUNITY'],
  flags: [],
  prepare([nameOrId]) {
    return async ({ db, clock, out }) => {
      const c = await communityOf(db, nameOrId!);
      const setupCode = await reissueSetupCode(db, clock, c.communityId, 'cli');
      if (out.json) out.value({ id: c.communityId, name: c.name, setupCode });
      else {
        out.line(`New setup code of ${c.name} (shown only now; the old one no longer works): ${setupCode}`);
        out.line(`To link a resident group, send in it: /setup ${setupCode}  (or: 开通 ${setupCode})`);
      }
      return EXIT.ok;
    };
  },
};

const unitsImport: CommandSpec = {
  words: ['units', 'import'],
  usage: `  units import COMMUNITY FILE.csv
      Import the roster, header unit,area_m2,owner_name,owner_id (owner_id may be left out),
      updating units with the same label. Any bad row rejects the whole file: every bad row
      is listed by its row number and nothing is imported.`,
  args: ['COMMUNITY', 'FILE.csv'],
  flags: [],
  prepare: ([community, file]) => (ctx) => runImport(ctx, community!, file!, 'units', importUnits, ' (existing units with the same label were updated)'),
};

const codes: CommandSpec = {
  words: ['codes'],
  usage: `  codes COMMUNITY [--tenants] [--rotate]
      The binding codes as CSV unit,code (owner codes; --tenants: tenant codes). Codes stay the
      same between calls; --rotate replaces them all (the old ones stop working).`,
  args: ['COMMUNITY'],
  flags: ['tenants', 'rotate'],
  prepare([community], flags) {
    return async ({ db, clock, out }) => {
      const c = await communityOf(db, community!);
      const list = await listCodes(db, clock, c.communityId, { tenants: flags.tenants ?? false, rotate: flags.rotate ?? false });
      if (list.length === 0) out.note(`${c.name} has no units yet: import the roster first ("units import ${c.name} FILE.csv").`);
      if (out.json) out.value(list);
      else out.csv({ columns: ['unit', 'code'], rows: list.map((x) => [x.unit, x.code]) });
      return EXIT.ok;
    };
  },
};

const exportCmd: CommandSpec = {
  words: ['export'],
  usage: `  export COMMUNITY ${reportKinds().join('|')}|receipts [--poll N] [--format csv|json]
      A report on stdout: CSV with a header (the default) or a JSON array of rows. receipts is a
      closed poll's publication list (公示: unit, area, receipt code, option unless secret; --poll N).`,
  args: ['COMMUNITY', `${reportKinds().join('|')}|receipts`],
  flags: ['format', 'poll'],
  prepare([community, kind], flags) {
    if (kind !== 'receipts' && !reportKinds().includes(kind!)) {
      throw usageError(`"${kind}" is not a report: give one of ${reportKinds().join(', ')}, receipts`);
    }
    const pollNo = flags.poll === undefined ? undefined : Number(flags.poll);
    if (flags.poll !== undefined && !/^\d{1,6}$/.test(flags.poll)) throw usageError(`--poll "${flags.poll}" must be a poll number`);
    if (kind === 'receipts' && pollNo === undefined) throw usageError('export … receipts needs --poll N (the closed poll whose publication list to print)');
    if (kind !== 'receipts' && pollNo !== undefined) throw usageError(`--poll is only for receipts`);
    if (flags.format !== undefined && flags.format !== 'csv' && flags.format !== 'json') {
      throw usageError(`--format "${flags.format}" must be csv or json`);
    }
    if (flags.json && flags.format === 'csv') throw usageError('--json prints JSON: leave out --format csv');
    const format = flags.json ? 'json' : (flags.format ?? 'csv');
    return async ({ db, out }) => {
      const c = await communityOf(db, community!);
      const table = kind === 'receipts' ? await receiptsReport(db, c, pollNo!) : await loadReport(db, c, kind!);
      if (format === 'json') out.value(tableObjects(table));
      else out.csv(table);
      return EXIT.ok;
    };
  },
};

const auditVerify: CommandSpec = {
  words: ['audit', 'verify'],
  usage: `  audit verify COMMUNITY
      Check the community's audit chain; exit code 1 and the first bad entry if it is broken.`,
  args: ['COMMUNITY'],
  flags: [],
  prepare([community]) {
    return async ({ db, out }) => {
      const c = await communityOf(db, community!);
      const r = await verifyAudit(db, c.communityId);
      if (out.json) out.value(r);
      if (r.ok) {
        if (!out.json) out.line(`The audit chain of ${c.name} is intact: ${r.entries} entries.`);
        return EXIT.ok;
      }
      const b = r.firstBad;
      out.note(
        `The audit chain of ${c.name} is broken at entry ${b.seq} (${b.action}${b.at ? `, ${b.at}` : ''}): ${b.reason}. The ${r.entries} entries before it are intact.`,
      );
      return EXIT.failed;
    };
  },
};

/** The operator's commands (SPEC §4), in the order the usage lists them: setting a community up, the feature manifests' own, then the reports. */
export const COMMANDS: CommandSpec[] = [
  communityAdd,
  communitySetupCode,
  unitsImport,
  codes,
  ...MANIFESTS.flatMap((m) => m.cli ?? []),
  exportCmd,
  noticeCommand,
  scheduleCmd,
  auditVerify,
];
