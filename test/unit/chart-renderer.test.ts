import { afterEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/chat/i18n/index.js';
import { tally } from '../../src/domain/tally.js';
import { resultChartSpec, type ResultChartSpec } from '../../src/print/chart-spec.js';
import { createChartRenderer, observeChartRenders, type ChartRender, type ChartRenderer } from '../../src/print/result-chart.js';

const poll = { pollNo: 7, title: '是否更换电梯', options: ['同意', '反对', '弃权'] };
const simple = tally({
  rule: 'simple',
  eligible: { heads: 10, areaCenti: 0 },
  options: [
    { optionNo: 1, heads: 6, areaCenti: 0, abstain: false },
    { optionNo: 2, heads: 2, areaCenti: 0, abstain: false },
    { optionNo: 3, heads: 1, areaCenti: 0, abstain: true },
  ],
});
const spec = resultChartSpec(catalogue('zh-CN'), poll, simple);
const isPng = (b: Buffer) => b.subarray(1, 4).toString() === 'PNG' && b.readUInt32BE(16) === 900;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let renderer: ChartRenderer | undefined;
afterEach(() => {
  renderer?.close();
  observeChartRenders(undefined);
});

describe('the chart renderer process', () => {
  it('draws charts one after another in one process, which ends once it has been idle', async () => {
    const seen: ChartRender[] = [];
    observeChartRenders((r) => seen.push(r));
    renderer = createChartRenderer({ idleMs: 300 });
    const [a, b] = await Promise.all([renderer.render(spec), renderer.render(spec)]);
    expect(isPng(a) && isPng(b)).toBe(true);
    expect(a.equals(b)).toBe(true);
    const pid = renderer.pid()!;
    expect(pid).not.toBe(process.pid);
    expect(isPng(await renderer.render(spec))).toBe(true);
    expect(renderer.pid()).toBe(pid);
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.ok && r.peakRssBytes! > 10 * 2 ** 20)).toBe(true);
    // Idle for 300 ms it ends: waited for, not slept through (how long it takes is the machine's).
    await expect.poll(() => renderer!.pid(), { timeout: 30_000, interval: 50 }).toBeNull();
    await expect.poll(() => alive(pid), { timeout: 30_000, interval: 50 }).toBe(false);
  }, 60_000);

  it('refuses a chart it cannot draw and draws the next one', async () => {
    renderer = createChartRenderer();
    await expect(renderer.render(null as unknown as ResultChartSpec)).rejects.toThrow(/not drawn/);
    expect(isPng(await renderer.render(spec))).toBe(true);
  }, 60_000);

  it('gives up a chart not drawn in time and starts afresh for the next', async () => {
    renderer = createChartRenderer({ timeoutMs: 1 });
    await expect(renderer.render(spec)).rejects.toThrow(/within 1 ms/);
    renderer.close();
    renderer = createChartRenderer();
    expect(isPng(await renderer.render(spec))).toBe(true);
  }, 60_000);
});
