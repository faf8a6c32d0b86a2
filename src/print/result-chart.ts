/**
 * The result chart as a PNG, drawn in a renderer process of its own (chart-child.ts): the service
 * never loads ECharts, resvg or the CJK font, and the memory of drawing is not the service's. The
 * renderer starts at the first chart and ends a few seconds after the last one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Poll } from '../app/polls.js';
import type { Catalogue } from '../chat/i18n/index.js';
import type { TallyResult } from '../domain/tally.js';
import { resultChartSpec, type ResultChartSpec } from './chart-spec.js';

/** One chart drawn: how long it took (ms, spawning included when it started the renderer), and the renderer's peak resident set size so far. */
export interface ChartRender {
  ms: number;
  ok: boolean;
  peakRssBytes: number | null;
}

let observer: ((r: ChartRender) => void) | undefined;

/** Sets the function told about each chart drawn (metrics; one per process, the last one set wins). */
export function observeChartRenders(fn: ((r: ChartRender) => void) | undefined): void {
  observer = fn;
}

export interface ChartRendererOptions {
  /** The renderer ends after this many ms without work (default 5 s). */
  idleMs?: number;
  /** A chart not drawn in this many ms is given up and the renderer restarted (default 30 s). */
  timeoutMs?: number;
}

/** The renderer script next to this module: the built one in dist/, or the TypeScript source run through tsx. */
function rendererCommand(): string[] {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return ['--import', tsx, fileURLToPath(new URL('./chart-child.ts', here))];
  }
  return [fileURLToPath(new URL('./chart-child.js', here))];
}

interface Pending {
  resolve(png: Buffer): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  started: number;
}

/** Draws charts in a child process, one request after another, starting it when needed. */
export function createChartRenderer(opts: ChartRendererOptions = {}) {
  const idleMs = opts.idleMs ?? 5000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let child: ChildProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let idleTimer: NodeJS.Timeout | undefined;

  function fail(c: ChildProcess, err: Error): void {
    if (child !== c) return;
    child = null;
    c.kill('SIGKILL');
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      observer?.({ ms: performance.now() - p.started, ok: false, peakRssBytes: null });
      p.reject(err);
    }
  }

  function start(): ChildProcess {
    const c = spawn(process.execPath, rendererCommand(), { stdio: ['pipe', 'pipe', 'pipe'] });
    let buf: Buffer = Buffer.alloc(0);
    let header: { id: number; ok: boolean; bytes?: number; error?: string; peakRssKb?: number } | null = null;
    let stderr = '';
    c.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
    c.stdout!.on('data', (b: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, b]) : b;
      for (;;) {
        if (!header) {
          const nl = buf.indexOf(10);
          if (nl < 0) return;
          try {
            header = JSON.parse(buf.subarray(0, nl).toString());
          } catch {
            return fail(c, new Error('the chart renderer wrote something unreadable'));
          }
          buf = buf.subarray(nl + 1);
        }
        const h = header!;
        const size = h.ok ? (h.bytes ?? 0) : 0;
        if (buf.length < size) return;
        const png = Buffer.from(buf.subarray(0, size));
        buf = buf.subarray(size);
        header = null;
        const p = pending.get(h.id);
        if (!p) continue;
        pending.delete(h.id);
        clearTimeout(p.timer);
        observer?.({ ms: performance.now() - p.started, ok: h.ok, peakRssBytes: h.peakRssKb ? h.peakRssKb * 1024 : null });
        if (h.ok) p.resolve(png);
        else p.reject(new Error(`the chart was not drawn: ${h.error ?? 'unknown error'}`));
        settle();
      }
    });
    c.on('error', (err) => fail(c, err));
    c.on('exit', (code, signal) => fail(c, new Error(`the chart renderer exited (${signal ?? code})${stderr ? `: ${stderr.trim()}` : ''}`)));
    c.stdin!.on('error', () => {});
    return c;
  }

  /** With nothing left to draw, the renderer ends after idleMs and no longer keeps the process alive. */
  function settle(): void {
    if (pending.size || !child) return;
    const c = child;
    unref(c);
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (child === c && !pending.size) {
        child = null;
        c.stdin!.end();
      }
    }, idleMs);
    idleTimer.unref();
  }

  function unref(c: ChildProcess): void {
    c.unref();
    for (const s of [c.stdin, c.stdout, c.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
  }

  function ref(c: ChildProcess): void {
    c.ref();
    for (const s of [c.stdin, c.stdout, c.stderr]) (s as unknown as { ref?: () => void } | null)?.ref?.();
  }

  return {
    /** The chart as a PNG; rejects when it cannot be drawn (the renderer failed, or took longer than timeoutMs). */
    render(spec: ResultChartSpec): Promise<Buffer> {
      clearTimeout(idleTimer);
      const c = (child ??= start());
      ref(c);
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => fail(c, new Error(`the chart was not drawn within ${timeoutMs} ms`)), timeoutMs);
        pending.set(id, { resolve, reject, timer, started: performance.now() });
        c.stdin!.write(`${JSON.stringify({ id, spec })}\n`);
      });
    },
    /** Ends the renderer now (charts still being drawn are given up). */
    close(): void {
      clearTimeout(idleTimer);
      if (child) fail(child, new Error('the chart renderer was closed'));
    },
    /** The renderer's process id while it runs (tests). */
    pid: (): number | null => child?.pid ?? null,
  };
}

export type ChartRenderer = ReturnType<typeof createChartRenderer>;

let shared: ChartRenderer | undefined;

/** The result chart of a poll as a PNG of 900 px width, drawn by the shared renderer process. */
export function resultChartPng(t: Catalogue, poll: Pick<Poll, 'pollNo' | 'title' | 'options'>, r: TallyResult): Promise<Buffer> {
  return (shared ??= createChartRenderer()).render(resultChartSpec(t, poll, r));
}

/** Ends the shared renderer process, if one runs (the service's stop). */
export function closeChartRenderer(): void {
  shared?.close();
  shared = undefined;
}
