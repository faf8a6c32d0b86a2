import { stringify } from 'csv-stringify/sync';

/** Where the CLI writes and what it reads: the process in production, collectors in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Directory that relative file arguments are resolved against (npm run sets INIT_CWD to the operator's). */
  cwd?: string;
}

/** Exit codes: 0 done, 1 the command could not be done, 2 the command line or the environment is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An expected failure of a command. `message` (and each of `details`, one a line) goes to stderr
 * and the process exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = EXIT.failed,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A value of one report cell as printed (CSV) or serialised (JSON). */
export type Cell = string | number | boolean | null | unknown[] | Record<string, unknown>;

/** A tabular result: column names in order and one array of cells per row. */
export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** The CLI's writer: text and CSV for people, exactly one JSON value with `--json`. */
export interface Output {
  readonly json: boolean;
  /** A line of text on stdout (UTF-8). */
  line(text: string): void;
  /** A note on stderr that is not an error (e.g. "the roster is empty"). */
  note(text: string): void;
  /** The one JSON value of a `--json` run. */
  value(v: unknown): void;
  /** A table as CSV with a header row. */
  csv(t: Table): void;
}

export function createOutput(io: CliIo, json: boolean): Output {
  return {
    json,
    line: (text) => void io.stdout.write(`${text}\n`),
    note: (text) => void io.stderr.write(`${text}\n`),
    value: (v) => void io.stdout.write(`${JSON.stringify(v)}\n`),
    csv: (t) => void io.stdout.write(toCsv(t)),
  };
}

/** CSV with a header; null is an empty field, booleans are `true`/`false`, objects and arrays are JSON. */
export function toCsv(t: Table): string {
  const text = (c: Cell): string => {
    if (c === null) return '';
    if (typeof c === 'object') return JSON.stringify(c);
    return String(c);
  };
  return stringify([t.columns, ...t.rows.map((r) => r.map(text))]);
}

/** The rows of a table as JSON objects keyed by column, in column order. */
export function tableObjects(t: Table): Record<string, Cell>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}
