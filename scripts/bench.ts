/**
 * Benchmarks (SPEC §12), printed as a table; `--json` prints one JSON array of
 * {"bench","value","reference","ratio","target","met"} and nothing else on stdout.
 * `--only ballots,tally,service,start` runs some of them. Needs PostgreSQL: DATABASE_URL, else
 * BENCH_PG_URL, else the local server; each bench makes a fresh database of its own there.
 */
import { BENCHES, runBenchmarks, type BenchName } from './bench/run-bench.js';
import { jsonRow, type BenchRow } from './bench/types.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args.find((a, i) => a.startsWith('--only=') || args[i - 1] === '--only');
const only = (onlyArg?.startsWith('--only=') ? onlyArg.slice(7) : onlyArg)?.split(',').filter(Boolean) as BenchName[] | undefined;
const unknown = only?.filter((n) => !(BENCHES as readonly string[]).includes(n)) ?? [];
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}`);
  process.exit(2);
}
const serverUrl = process.env.DATABASE_URL || process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const fmt = (x: number | null, unit = '') => (x == null ? '—' : `${Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2)}${unit ? ` ${unit}` : ''}`);

/** The table, in Markdown so that it can be pasted into the README as it is. */
export function table(rows: BenchRow[]): string {
  const lines = ['| bench | value | reference | ratio | target | met |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const value = fmt(r.value, r.unit) + (r.note ? ` (${r.note})` : '');
    lines.push(`| ${r.bench} | ${value} | ${fmt(r.reference, r.reference == null ? '' : r.unit)} | ${r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.target} | ${r.met == null ? '—' : r.met ? 'yes' : 'no'} |`);
  }
  return lines.join('\n');
}

try {
  const rows = await runBenchmarks({ serverUrl, only, log: (l) => console.error(l) });
  if (json) process.stdout.write(`${JSON.stringify(rows.map(jsonRow))}\n`);
  else console.log(table(rows));
  process.exit(0);
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
