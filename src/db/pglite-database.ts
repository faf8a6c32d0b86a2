import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle, PglitePreparedQuery } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR, pingDb, type Database, type Db } from './client.js';
import { lockDataDir } from './data-dir-lock.js';
import { timePreparedQueries } from './query-timing.js';
import * as schema from './schema.js';

timePreparedQueries(PglitePreparedQuery.prototype as never);

/** The embedded database handle, with the PGlite instance for sharing it with the local endpoint. */
export interface PgliteDatabase extends Database {
  kind: 'pglite';
  client: PGlite;
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
    client = await PGlite.create(target, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
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
