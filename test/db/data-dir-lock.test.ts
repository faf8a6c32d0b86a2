import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'yishi-lock-'));
  dirs.push(d);
  return d;
}

/** Leaves a lock as a process that was killed would: the lock directory and its owner file. */
function leaveLock(dir: string, pid: number, opts: { host?: string; ageMs?: number } = {}): void {
  const lock = path.join(dir, 'yishi.lock');
  mkdirSync(lock);
  writeFileSync(`${lock}.owner`, JSON.stringify({ pid, host: opts.host ?? hostname() }));
  if (opts.ageMs) {
    const t = new Date(Date.now() - opts.ageMs);
    utimesSync(lock, t, t);
  }
}

it('refuses a second open of a directory in use, naming the holder, and allows it after release', async () => {
  const dir = dataDir();
  const release = await lockDataDir(dir);
  await expect(lockDataDir(dir)).rejects.toThrow(`in use by another process (pid ${process.pid})`);
  await release();
  const again = await lockDataDir(dir);
  await again();
});

it('takes over a lock left by a process that is gone', async () => {
  const dir = dataDir();
  leaveLock(dir, 999_999_999);
  const release = await lockDataDir(dir);
  await release();
});

it('takes over a lock holding its own pid, as after a container restart', async () => {
  const dir = dataDir();
  leaveLock(dir, process.pid);
  const release = await lockDataDir(dir);
  await release();
});

it('refuses a lock held by another live process', async () => {
  const dir = dataDir();
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  try {
    leaveLock(dir, other.pid!);
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by another process (pid ${other.pid})`);
  } finally {
    other.kill();
  }
});

it('respects a fresh lock of another host and takes over one not refreshed for minutes', async () => {
  const fresh = dataDir();
  leaveLock(fresh, 4242, { host: 'elsewhere' });
  await expect(lockDataDir(fresh)).rejects.toThrow(/in use by another process/);
  const stale = dataDir();
  leaveLock(stale, 4242, { host: 'elsewhere', ageMs: 5 * 60_000 });
  const release = await lockDataDir(stale);
  await release();
});
