import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres, PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { timePreparedQueries } from './query-timing.js';
import * as schema from './schema.js';

timePreparedQueries(PostgresJsPreparedQuery.prototype as never);

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The committed migrations: the `migrations/` folder of the package, found upwards from this module (source or build). */
export const MIGRATIONS_DIR = findMigrations(path.dirname(fileURLToPath(import.meta.url)));

function findMigrations(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations');
    if (existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(from, '../../migrations');
  }
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs the committed drizzle-kit migrations (idempotent; serialised across instances on PostgreSQL). */
  migrate(): Promise<void>;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** Directory for the embedded database; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Connection pool size for PostgreSQL. */
  max?: number;
  /** Embedded database only: start from this dump (`PGlite.dumpDataDir`) instead of an empty database. */
  loadDataDir?: Blob;
}

/**
 * Opens the database: postgres.js when a URL is given, else PGlite in `dataDir` (loaded only then,
 * so a service on PostgreSQL never loads the embedded engine). One schema, one query path.
 */
export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  if (!opts.url) {
    const { createPgliteDatabase } = await import('./pglite-database.js');
    return createPgliteDatabase({ dataDir: opts.dataDir ?? './data', loadDataDir: opts.loadDataDir });
  }
  const client = postgres(opts.url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 30,
  });
  const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const lock = await client.reserve();
      try {
        await lock`select pg_advisory_lock(727274)`;
        await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await lock`select pg_advisory_unlock(727274)`.catch(() => {});
        lock.release();
      }
    },
    ping: () => pingDb(db),
    close: () => client.end({ timeout: 5 }),
  };
}

/** True when a trivial query succeeds. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function rows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}
