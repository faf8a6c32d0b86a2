import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

/** The database handle every repository takes, and what opening one gives (see client.ts). */
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

/** True when a trivial query succeeds. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
