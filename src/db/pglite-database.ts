import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle, PglitePreparedQuery } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR, pingDb, type Database, type Db } from './database.js';
import { lockDataDir } from './data-dir-lock.js';
import { timePreparedQueries } from './query-timing.js';
import * as schema from './schema.js';

timePreparedQueries(PglitePreparedQuery.prototype as never);

/** The embedded database handle, with its PGlite instance (for dumps and tests). */
export interface PgliteDatabase extends Database {
  kind: 'pglite';
  client: PGlite;
}

/**
 * Settings of the embedded server on disk: a community's data fits in a few megabytes and the OS
 * caches the files, so 32 MB of shared buffers instead of 128 MB saves about 100 MB of memory.
 */
const ON_DISK_CONF = ['shared_buffers = 32MB'];

/**
 * Creates the database files of a new directory in a short-lived child process: PGlite's initdb
 * grows the WebAssembly memory to some 800 MB, which the service would otherwise keep for good.
 */
async function initInChild(target: string): Promise<void> {
  const script = `const { PGlite } = await import(process.argv[1]); const p = await PGlite.create(process.argv[2]); await p.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, import.meta.resolve('@electric-sql/pglite'), target], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Opens PGlite in `dataDir/pgdata` (locked for this process) or in memory (`memory://`). */
export async function createPgliteDatabase(opts: { dataDir: string; loadDataDir?: Blob }): Promise<PgliteDatabase> {
  let target: string | undefined;
  let release = async () => {};
  if (opts.dataDir !== 'memory://') {
    const dir = path.resolve(opts.dataDir);
    target = path.join(dir, 'pgdata');
    mkdirSync(target, { recursive: true });
    release = await lockDataDir(dir);
  }
  let client: PGlite;
  try {
    if (target && !opts.loadDataDir && !existsSync(path.join(target, 'PG_VERSION'))) await initInChild(target);
    client = await PGlite.create(target, {
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      ...(target ? { postgresqlconf: ON_DISK_CONF } : {}),
    });
  } catch (err) {
    await release();
    throw err;
  }
  const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    client,
    kind: 'pglite',
    async migrate() {
      await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    ping: () => pingDb(db),
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        await release();
      }
    },
  };
}
