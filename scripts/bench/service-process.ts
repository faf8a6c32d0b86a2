import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root (where `npm start` runs). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size now and at its peak (VmRSS, VmHWM) of one process, in MB; null once it is gone. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Every process below `pid` (from /proc), deepest last. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) if (pp === p) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  readyMs: number;
  /** The process that runs the service itself (the largest below `npm start`). */
  servicePid(): number;
  memory(): { rssMb: number; peakMb: number } | null;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves once every process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** What the service wrote to stderr and stdout (the last 20 KB). */
  output(): string;
}

/** Runs `npm start` with `env` in its own process group and waits until /healthz answers 200. */
export async function startServiceProcess(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<ServiceProcess> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HTTP_PORT: String(port), LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) throw new Error(`the service exited before it was healthy:\n${out}`);
    if (performance.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`the service was not healthy in time:\n${out}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  let pid = child.pid!;
  const servicePid = () => {
    const all = [child.pid!, ...descendants(child.pid!)];
    let best = pid;
    let bestRss = -1;
    for (const p of all) {
      const m = memoryOf(p);
      if (m && m.rssMb > bestRss) (best = p), (bestRss = m.rssMb);
    }
    pid = best;
    return pid;
  };
  servicePid();
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    child,
    port,
    readyMs,
    servicePid,
    memory: () => memoryOf(pid),
    output: () => out,
    async stop(graceMs = 10_000) {
      if (!groupAlive()) return;
      process.kill(-child.pid!, 'SIGTERM');
      const until = performance.now() + graceMs;
      while (groupAlive() && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
      if (groupAlive()) process.kill(-child.pid!, 'SIGKILL');
      await exit;
      while (groupAlive()) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
