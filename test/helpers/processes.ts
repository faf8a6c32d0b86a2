import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Spawned {
  child: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
  /** Resolves with the first stdout log line that has this `msg`, parsed. */
  logLine(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** Starts a command in the package directory with only the given environment (plus PATH and HOME). */
export function spawnIn(command: string, args: string[], env: Record<string, string | undefined>): Spawned {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (err += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    out: () => out,
    err: () => err,
    async logLine(msg, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => (done = true));
      while (Date.now() < deadline) {
        const line = out.split('\n').find((l) => l.includes(`"msg":${JSON.stringify(msg)}`));
        if (line) return JSON.parse(line) as Record<string, unknown>;
        if (done) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no log line "${msg}"; stdout: ${out.slice(-2000)} stderr: ${err.slice(-2000)}`);
    },
  };
}

/** The service built as `npm start` runs it (dist/main.js). */
export function buildService(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/** Pids of every process descending from `pid` (Linux and macOS `ps`). */
export function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of table) if (parent === p && !out.includes(child)) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
