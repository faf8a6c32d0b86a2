import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../app/clock.js';
import { findCommunity, type Community } from '../app/communities.js';
import type { ImportResult } from '../app/fees.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { CliError, EXIT, type Output } from './output.js';

/** The flags every command may be given; each command says which ones it takes. */
export interface Flags {
  json?: boolean;
  help?: boolean;
  timezone?: string;
  deliberation?: string;
  tenants?: boolean;
  rotate?: boolean;
  format?: string;
  'notice-days'?: string;
  poll?: string;
  out?: string;
}

/** What a command runs with once its arguments are checked and the database is migrated. */
export interface CommandContext {
  db: Db;
  clock: Clock;
  out: Output;
  cwd: string;
}

/** A checked command, ready to run against the database; resolves to the exit code. */
export type Action = (ctx: CommandContext) => Promise<number>;

export interface CommandSpec {
  /** The command words, e.g. `['units', 'import']`. */
  words: string[];
  /** Its lines in the usage: `WORDS ARGS [FLAGS]`, then what it does, indented by six spaces. */
  usage: string;
  /** Names of the positional arguments, for usage errors. */
  args: string[];
  /** Flags besides --json and --help. */
  flags: (keyof Flags)[];
  /** Checks the arguments (a mistake is a CliError with exit code 2) before the database is opened. */
  prepare(args: string[], flags: Flags, config: Config): Action;
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);

export async function communityOf(db: Db, nameOrId: string): Promise<Community> {
  const c = await findCommunity(db, nameOrId);
  if (c) return c;
  throw new CliError(`no community is named "${nameOrId}" or has that id (give its name or its id; "community add NAME" creates one)`);
}

/** Roster files saved by Excel on a Chinese Windows are GB18030 (GBK); everything else is UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A text file the operator named (relative to their directory), UTF-8 or GB18030. */
export async function readText(cwd: string, file: string): Promise<string> {
  try {
    return decodeText(await readFile(path.resolve(cwd, file)));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/** Imports a file all or nothing and says so: `Imported N WHAT into COMMUNITY`, or `{"imported": N}` with --json. */
export async function runImport(
  { db, clock, out, cwd }: CommandContext,
  community: string,
  file: string,
  what: string,
  run: (db: Db, clock: Clock, communityId: number, text: string) => Promise<ImportResult>,
  /** Said after the count, e.g. how existing rows were treated. */
  after = '',
): Promise<number> {
  const c = await communityOf(db, community);
  const r = await run(db, clock, c.communityId, await readText(cwd, file));
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
}
