/**
 * The chart renderer process: reads one request a line on stdin (`{"id":1,"spec":{…}}`, a
 * ResultChartSpec) and answers each on stdout with a header line (`{"id":1,"ok":true,"bytes":N,
 * "peakRssKb":K}`) followed by the N bytes of the PNG, or `{"id":1,"ok":false,"error":"…"}`.
 * Exits when stdin ends. ECharts, resvg and the 10 MB font live here, not in the service.
 */
import { createInterface } from 'node:readline';
import { chartPng } from './chart-render.js';
import type { ResultChartSpec } from './chart-spec.js';

const write = (chunk: string | Buffer) => new Promise<void>((resolve, reject) => process.stdout.write(chunk, (err) => (err ? reject(err) : resolve())));

// The service went away: nobody is left to read the picture.
process.stdout.on('error', () => process.exit(0));

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let id: unknown = null;
  try {
    const req = JSON.parse(line) as { id: unknown; spec: ResultChartSpec };
    id = req.id;
    const png = chartPng(req.spec);
    await write(`${JSON.stringify({ id, ok: true, bytes: png.length, peakRssKb: process.resourceUsage().maxRSS })}\n`);
    await write(png);
  } catch (err) {
    await write(`${JSON.stringify({ id, ok: false, error: err instanceof Error ? err.message : String(err), peakRssKb: process.resourceUsage().maxRSS })}\n`);
  }
}
