import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePostgres, PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createPostgresPing, reconnectBackoff } from './health-ping.js';
import { timePreparedQueries } from './query-timing.js';
import * as schema from './schema.js';
import { MIGRATIONS_DIR, type Db, type Database } from './database.js';

export { MIGRATIONS_DIR, pingDb, type Database, type Db } from './database.js';

timePreparedQueries(PostgresJsPreparedQuery.prototype as never);

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
    max: opts.max ?? 20,
    onnotice: () => {},
    // Fail fast when the server is gone (SPEC §11: an answer within 5 s), reconnect quickly when it is back.
    connect_timeout: 3,
    idle_timeout: 30,
    backoff: reconnectBackoff,
  });
  const health = createPostgresPing(opts.url);
  const db = drizzlePostgres(preparing(client), { schema, casing: 'snake_case' }) as unknown as Db;
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
    ping: () => health.ping(),
    async close() {
      await health.close();
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * Every query as a named prepared statement (cached per connection by its text): drizzle asks
 * postgres.js for unprepared statements, which costs a describe round trip and a fresh parse and
 * plan on every call.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], opts?: { prepare?: boolean }) => target.unsafe(query, params as never, { ...opts, prepare: true });
      }
      if (prop === 'begin') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) => fn(preparing(tx)));
        };
      }
      if (prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args, (tx: postgres.Sql) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}


/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function rows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}
