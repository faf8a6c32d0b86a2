import { parse } from 'csv-parse/sync';

export interface CsvRowError {
  /** 1-based line number in the file (the header is line 1). */
  row: number;
  reason: string;
}

export type CsvRead = { ok: true; records: { row: number; values: Record<string, string> }[] } | { ok: false; errors: CsvRowError[] };

/**
 * Parses a CSV file whose header must be exactly `expected` (optional columns may be left out).
 * A BOM, CRLF and surrounding spaces are accepted.
 */
export function readCsv(text: string, expected: string[], optional: string[] = []): CsvRead {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ row: line, reason: `not valid CSV: ${(err as Error).message}` }] };
  }
  const header = records[0]?.map((h) => h.toLowerCase());
  const required = expected.filter((c) => !optional.includes(c));
  if (!header || required.some((c) => !header.includes(c)) || header.some((h) => !expected.includes(h))) {
    return { ok: false, errors: [{ row: 1, reason: `the header must be ${expected.join(',')}` }] };
  }
  const out: { row: number; values: Record<string, string> }[] = [];
  const errors: CsvRowError[] = [];
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
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
  return errors.length ? { ok: false, errors } : { ok: true, records: out };
}

/** Parses a decimal with at most two places into an integer of hundredths; null if it is not one. */
export function parseCenti(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
