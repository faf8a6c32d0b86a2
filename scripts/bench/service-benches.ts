/**
 * The benches that run the real service as a child process (`npm start`) on PostgreSQL, with
 * Telegram against the stand-in Bot API and 1,000 groups holding about 100,000 units: idle memory
 * after start, then the burst and the fan-out, then the peak resident set size of the service.
 */
import { startFakeBotApi } from '../../test/helpers/fake-bot-api.js';
import { benchBurst } from './burst.js';
import { benchFanOut, meetingReminderSource, type DueSource } from './fan-out.js';
import { withFreshDb } from './fresh-db.js';
import { startServiceProcess } from './service-process.js';
import { openPollsIn, seedBenchWorld } from './seed-world.js';
import { benchRow, type BenchRow } from './types.js';

const TOKEN = '7000000001:AAFakeTokenForTheYishiBench_012345';

/** Baseline for the memory rows: a bare Node process of the same version, idle. */
async function bareNodeRssMb(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const { memoryOf } = await import('./service-process.js');
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 700));
  const m = memoryOf(child.pid!);
  child.kill('SIGKILL');
  return m?.rssMb ?? NaN;
}

/** What /metrics says of the result charts drawn so far: the renderer process's peak RSS (MB), charts drawn and their mean time (ms). */
export async function chartRendererStats(port: number): Promise<{ peakMb: number; charts: number; meanMs: number } | null> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const charts = num(/^yishi_chart_render_seconds_count\{outcome="ok"\} (\S+)$/m);
  if (!(charts > 0)) return null;
  return {
    peakMb: num(/^yishi_chart_renderer_peak_rss_bytes (\S+)$/m) / 2 ** 20,
    charts,
    meanMs: (num(/^yishi_chart_render_seconds_sum\{outcome="ok"\} (\S+)$/m) / charts) * 1000,
  };
}

export async function runServiceBenches(serverUrl: string, opts: { log: (line: string) => void; source?: (open: (ids: number[]) => Promise<void>) => DueSource; fanOutGroups?: number; idleMs?: number }): Promise<BenchRow[]> {
  return withFreshDb(serverUrl, async ({ database, url }) => {
    opts.log('  seeding 1,000 groups and 100,000 units …');
    const world = await seedBenchWorld(database.db);
    const fanOutGroups = world.others.slice(0, opts.fanOutGroups ?? 600);
    const source = opts.source ? opts.source((ids) => openPollsIn(database.db, ids, 600)) : meetingReminderSource();
    await source.prepare(url, fanOutGroups);
    await database.close();
    const fake = await startFakeBotApi({ botUsername: 'yishi_bench_bot', token: TOKEN });
    let service: Awaited<ReturnType<typeof startServiceProcess>> | undefined;
    try {
      opts.log('  starting the service (npm start) …');
      service = await startServiceProcess({ DATABASE_URL: url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
      await new Promise((r) => setTimeout(r, opts.idleMs ?? 5000));
      const idle = service.memory()!.rssMb;
      opts.log('  burst: 500 votes into one group …');
      const burst = await benchBurst(fake, url, world);
      opts.log(`  fan-out: ${fanOutGroups.length} groups …`);
      const fanOut = await benchFanOut(fake, url, fanOutGroups, source);
      const peak = service.memory()!.peakMb;
      // The result chart is drawn in a process of its own: its peak is reported beside the service's.
      const charts = await chartRendererStats(service.port);
      const renderer = charts ? `; chart renderer process ${charts.peakMb.toFixed(0)} MB peak, ${charts.charts} chart(s), ${charts.meanMs.toFixed(0)} ms each` : '';
      const bare = await bareNodeRssMb();
      const memory = [
        benchRow({ bench: 'memory.peak', value: peak, reference: bare, unit: 'MB', target: '≤ 200 MB', met: peak <= 200, note: `during burst and fan-out, ${world.others.length + 1} groups, ${world.units} units${renderer}` }),
        benchRow({ bench: 'memory.idle', value: idle, reference: bare, unit: 'MB', target: '≤ 120 MB', met: idle <= 120, note: 'after start, before any traffic' }),
      ];
      return [...burst, ...fanOut, ...memory];
    } finally {
      await service?.stop();
      await fake.close();
    }
  });
}
