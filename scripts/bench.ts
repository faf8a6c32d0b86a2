/**
 * Benchmarks (SPEC §12), printed as a table. Measured side by side in one run: the ratios matter,
 * not the absolute numbers. Needs the PostgreSQL server at BENCH_PG_URL (default: the local one).
 */
import { runBenchmarks } from '../src/bench/run-bench.js';

const rows = await runBenchmarks({ pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', log: (l) => console.error(l) });
const widths = [10, 48, 34, 12];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(line(['bench', 'measured', 'baseline (same run)', 'target']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line([r.name, r.measured, r.baseline, r.target + (r.met === undefined ? '' : r.met ? ' ✓' : ' ✗')]));
