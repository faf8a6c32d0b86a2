import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** The embedded database is used by another running process. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The embedded database in ${dir} is in use by another process${pid ? ` (pid ${pid})` : ''}: ` +
        'stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** How long a lock not refreshed counts as left behind (PGlite can block the event loop for seconds). */
const STALE_MS = 60_000;
const held = new Set<string>();

interface Owner {
  pid: number;
  host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of an embedded database directory with proper-lockfile (PGlite is single-process:
 * two processes writing one directory would corrupt it). The lock is refreshed while held; one not
 * refreshed for a minute is taken over, and so at once is one left on this host by a process that is
 * gone, or by an earlier process with this very pid (a container restarted). Resolves to the release.
 */
export async function lockDataDir(dir: string, onCompromised: (err: Error) => void = warnCompromised): Promise<() => Promise<void>> {
  const lockPath = path.join(dir, 'yishi.lock');
  const ownerFile = `${lockPath}.owner`;
  if (held.has(lockPath)) throw new DataDirInUseError(dir, process.pid);
  const options = { lockfilePath: lockPath, realpath: false, stale: STALE_MS, update: STALE_MS / 6, onCompromised };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const owner = readOwner(ownerFile);
    const leftBehind = owner !== undefined && owner.host === hostname() && (owner.pid === process.pid || !alive(owner.pid));
    if (!leftBehind) throw new DataDirInUseError(dir, owner?.pid);
    rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dir, readOwner(ownerFile)?.pid);
      throw again;
    }
  }
  held.add(lockPath);
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
  return async () => {
    if (!held.delete(lockPath)) return;
    rmSync(ownerFile, { force: true });
    await release().catch(() => {});
  };
}

function warnCompromised(err: Error): void {
  process.stderr.write(`The lock of the embedded database could not be kept: ${err.message}\n`);
}
