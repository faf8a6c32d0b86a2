/** One row of the benchmark table (SPEC §12): what was measured, the reference measured beside it, and the target. */
export interface BenchRow {
  bench: string;
  /** The measured value, in `unit`. */
  value: number | null;
  /** The reference measured side by side in the same run (same unit), or null when the target is absolute. */
  reference: number | null;
  /** value / reference, when there is a reference. */
  ratio: number | null;
  target: string;
  met: boolean | null;
  /** Unit of value and reference (shown in the table, not in the JSON). */
  unit: string;
  /** A short remark for the table (not in the JSON). */
  note?: string;
}

/** Builds a row, computing the ratio. */
export function benchRow(r: Omit<BenchRow, 'ratio'> & { ratio?: number | null }): BenchRow {
  const ratio = r.ratio !== undefined ? r.ratio : r.value != null && r.reference ? r.value / r.reference : null;
  return { ...r, ratio };
}

/** What `--json` prints for a row: exactly the keys of the contract. */
export function jsonRow(r: BenchRow): Pick<BenchRow, 'bench' | 'value' | 'reference' | 'ratio' | 'target' | 'met'> {
  const round = (x: number | null) => (x == null ? null : Math.round(x * 1000) / 1000);
  return { bench: r.bench, value: round(r.value), reference: round(r.reference), ratio: round(r.ratio), target: r.target, met: r.met };
}
