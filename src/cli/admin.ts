import { parseArgs } from 'node:util';
import { systemClock, type Clock } from '../app/clock.js';
import { isConnectionError } from '../app/errors.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createDatabase, type Database } from '../db/client.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { COMMANDS, type CommandSpec, type Flags } from './commands.js';
import { runInService } from './local-endpoint.js';
import { CliError, createOutput, EXIT, type CliIo } from './output.js';

export type { CliIo } from './output.js';

export const USAGE = `Yishi (议事) operator CLI

Usage: npm run -s admin -- COMMAND [ARGS] [--json]

Commands:
${COMMANDS.map((c) => c.usage).join('\n')}

COMMUNITY is a community's name or id.

Options:
  --json   print exactly one JSON value on stdout (errors still go to stderr)
  --help   show this text

The database is DATABASE_URL, or the embedded one in DATA_DIR (default ./data) when it is unset;
pending migrations are applied first. Output is UTF-8. Exit codes: 0 done, 1 the command failed
(the reason is on stderr), 2 a mistake in the command line or the environment.
Run npm with -s (as above) when redirecting output, so that npm's own header is not mixed in.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  timezone: { type: 'string' },
  deliberation: { type: 'string' },
  tenants: { type: 'boolean' },
  rotate: { type: 'boolean' },
  format: { type: 'string' },
  'notice-days': { type: 'string' },
  poll: { type: 'string' },
  out: { type: 'string' },
} as const;

export interface RunAdminOptions {
  /** Defaults to the system clock. */
  clock?: Clock;
  /** An open database to act on (the service's, for the local endpoint); left open. */
  database?: Pick<Database, 'db'>;
}

/**
 * Runs one operator command (SPEC §4) and resolves to its exit code: 0 done, 1 failed, 2 a mistake in the
 * command line or the environment. Never throws and never exits the process.
 */
export async function runAdmin(argv: string[], io: CliIo, opts: RunAdminOptions = {}): Promise<number> {
  let flags: Flags;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    flags = parsed.values;
    positionals = parsed.positionals;
  } catch (err) {
    return fail(io, new CliError(`${(err as Error).message}\nRun with --help for the commands and their options.`, EXIT.usage));
  }
  if (flags.help || positionals.length === 0) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const spec = COMMANDS.find((c) => c.words.every((w, i) => positionals[i] === w));
  if (!spec) {
    io.stderr.write(`Unknown command: ${positionals.slice(0, 2).join(' ')}\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const args = checkArgs(spec, positionals.slice(spec.words.length), flags);
    const config = loadConfig(io.env);
    const action = spec.prepare(args, flags, config);
    if (!opts.database && !config.DATABASE_URL) {
      // A service running on this embedded database holds it: the command runs there.
      const code = await runInService(config.DATA_DIR, argv, io);
      if (code !== null) return code;
    }
    const database = opts.database ?? (await openDatabase(config));
    try {
      return await action({
        db: database.db,
        clock: opts.clock ?? systemClock,
        out: createOutput(io, flags.json ?? false),
        cwd: io.cwd ?? process.cwd(),
      });
    } finally {
      if (!opts.database) await (database as Database).close().catch(() => {});
    }
  } catch (err) {
    return fail(io, err);
  }
}

function checkArgs(spec: CommandSpec, args: string[], flags: Flags): string[] {
  const name = spec.words.join(' ');
  const shape = [name, ...spec.args].join(' ');
  if (args.length < spec.args.length) {
    throw new CliError(`${name} needs ${spec.args.slice(args.length).join(' ')}: ${shape}`, EXIT.usage);
  }
  if (args.length > spec.args.length) {
    throw new CliError(`${name} takes ${spec.args.length} argument${spec.args.length === 1 ? '' : 's'} (${shape}); unexpected: ${args.slice(spec.args.length).join(' ')}`, EXIT.usage);
  }
  const allowed = new Set<string>(['json', 'help', ...spec.flags]);
  const extra = Object.keys(flags).filter((f) => !allowed.has(f));
  if (extra.length) throw new CliError(`${name} does not take ${extra.map((f) => `--${f}`).join(', ')}`, EXIT.usage);
  return args;
}

async function openDatabase(config: Config): Promise<Database> {
  let database: Database;
  try {
    database = await createDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, max: 2 });
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new CliError(err.message);
    throw err;
  }
  try {
    await database.migrate();
    return database;
  } catch (err) {
    await database.close().catch(() => {});
    if (isConnectionError(err)) {
      const where = config.DATABASE_URL ? `DATABASE_URL ${redact(config.DATABASE_URL)}` : `the embedded database in ${config.DATA_DIR}`;
      throw new CliError(`cannot reach ${where}: ${rootMessage(err)}`);
    }
    throw err;
  }
}

function fail(io: CliIo, err: unknown): number {
  if (err instanceof CliError) {
    io.stderr.write(`${err.message}\n${err.details.map((d) => `${d}\n`).join('')}`);
    return err.exitCode;
  }
  if (err instanceof ConfigError) {
    for (const p of err.problems) io.stderr.write(`Configuration error: ${p.variable} ${p.reason}\n`);
    return EXIT.usage;
  }
  if (isConnectionError(err)) {
    io.stderr.write(`The database connection was lost: ${rootMessage(err)}. Nothing more was done; try again.\n`);
    return EXIT.failed;
  }
  io.stderr.write(`Unexpected error: ${rootMessage(err)}\n`);
  return EXIT.failed;
}

function rootMessage(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const m = (e as { message?: string }).message ?? String(e);
    if (m && !parts.includes(m)) parts.push(m);
  }
  return parts.join(': ') || 'unknown error';
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
