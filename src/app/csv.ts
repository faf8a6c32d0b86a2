import { parse } from 'csv-parse/sync';

export interface CsvRowError {
  /** 1-based line number in the file (the header is line 1). */
  row: number;
  reason: string;
}

/**
 * A readable file gives its good records and the rows that are malformed as CSV (too many columns), so the
 * caller can list every bad row at once; a file that is not CSV or has the wrong header is `ok: false`.
 */
export type CsvRead =
  | { ok: true; records: { row: number; values: Record<string, string> }[]; errors: CsvRowError[] }
  | { ok: false; errors: CsvRowError[] };

/**
 * Parses a CSV file whose header must be exactly `expected` (optional columns may be left out).
 * A BOM, CRLF and surrounding spaces are accepted.
 */
export function readCsv(text: string, expected: string[], optional: string[] = []): CsvRead {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `info` gives each record's line in the file, so blank lines do not shift the reported row numbers.
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ row: line, reason: `not valid CSV: ${(err as Error).message}` }] };
  }
  const header = records[0]?.record.map((h) => h.toLowerCase());
  const required = expected.filter((c) => !optional.includes(c));
  if (
    !header ||
    required.some((c) => !header.includes(c)) ||
    header.some((h) => !expected.includes(h)) ||
    new Set(header).size !== header.length
  ) {
    return { ok: false, errors: [{ row: records[0]?.info.lines ?? 1, reason: `the header must be ${expected.join(',')}` }] };
  }
  const out: { row: number; values: Record<string, string> }[] = [];
  const errors: CsvRowError[] = [];
  records.slice(1).forEach(({ record: rec, info }) => {
    const row = info.lines;
    if (rec.length > header.length) {
      errors.push({ row, reason: `has ${rec.length} columns, the header has ${header.length}` });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = rec[j] ?? '';
    });
    out.push({ row, values });
  });
  return { ok: true, records: out, errors };
}

/** Parses a decimal with at most two places into an integer of hundredths; null if it is not one. */
export function parseCenti(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
