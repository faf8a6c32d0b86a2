import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServiceProcess } from './service-process.js';
import { benchRow, type BenchRow } from './types.js';

/** Milliseconds for a bare `node -e 0` to start and exit: the floor any start is measured beside. */
function bareNodeMs(): number {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t;
}

/**
 * `npm start` to a healthy /healthz on a fresh embedded database (a new DATA_DIR, no platform), then
 * a second start on the same directory; beside a bare Node start.
 */
export async function benchStart(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yishi-bench-start-'));
  try {
    const reference = bareNodeMs() / 1000;
    const env = { DATA_DIR: dir };
    const first = await startServiceProcess(env);
    await first.stop();
    const second = await startServiceProcess(env);
    await second.stop();
    return [
      benchRow({ bench: 'start.first', value: first.readyMs / 1000, reference, unit: 's', target: '≤ 10 s', met: first.readyMs <= 10_000, note: 'fresh embedded database' }),
      benchRow({ bench: 'start.second', value: second.readyMs / 1000, reference, unit: 's', target: '≤ 3 s', met: second.readyMs <= 3_000, note: 'same DATA_DIR' }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
