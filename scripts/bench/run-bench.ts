import { benchBallots } from './ballots.js';
import { runServiceBenches } from './service-benches.js';
import { benchStart } from './start.js';
import { benchTally } from './tally.js';
import { benchWeb } from './web.js';
import type { BenchRow } from './types.js';

export type { BenchRow } from './types.js';

/** The groups of rows `--only` can pick. */
export const BENCHES = ['ballots', 'tally', 'start', 'service', 'web'] as const;
export type BenchName = (typeof BENCHES)[number];

/**
 * Runs the benchmarks of SPEC §12 against the PostgreSQL server at `serverUrl` (a fresh database for
 * each): ballots at 8 and 64 in flight, tally, start, and the service run (burst, fan-out, memory).
 */
export async function runBenchmarks(opts: { serverUrl: string; only?: BenchName[]; log: (line: string) => void }): Promise<BenchRow[]> {
  const pick = (n: BenchName) => !opts.only?.length || opts.only.includes(n);
  const out: BenchRow[] = [];
  if (pick('ballots')) {
    for (const inFlight of [8, 64]) {
      opts.log(`ballots: 20,000 votes from 2,000 households, ${inFlight} in flight …`);
      out.push(await benchBallots(opts.serverUrl, inFlight));
    }
  }
  if (pick('tally')) {
    opts.log('tally: 100,000 units, 80,000 ballots …');
    out.push(await benchTally(opts.serverUrl));
  }
  if (pick('service')) {
    opts.log('service: burst, fan-out and memory with 1,000 groups …');
    out.push(...(await runServiceBenches(opts.serverUrl, { log: opts.log })));
  }
  if (pick('web')) {
    opts.log('web: 200 readers of a poll page while households vote through the web …');
    out.push(...(await benchWeb(opts.serverUrl)));
  }
  if (pick('start')) {
    opts.log('start: npm start on a fresh embedded database, twice …');
    out.push(...(await benchStart()));
  }
  return out;
}
