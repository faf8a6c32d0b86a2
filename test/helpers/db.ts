import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';

/** The PostgreSQL server the suite may create databases on (CI sets TEST_PG_URL; default: the local server). */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Set YISHI_TEST_PG=0 to run only on PGlite (e.g. on a machine without PostgreSQL). */
export const PG_ENABLED = process.env.YISHI_TEST_PG !== '0';

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = PG_ENABLED ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** The connection string (postgres) or undefined (PGlite in memory). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given kind; `drop()` closes and removes it. */
export async function freshDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const d = createDatabase({ dataDir: 'memory://' });
    await d.migrate();
    return { ...d, url: undefined, drop: () => d.close() };
  }
  const name = `yishi_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const d = createDatabase({ url: url.toString(), max: 5 });
  await d.migrate();
  return {
    ...d,
    url: url.toString(),
    async drop() {
      await d.close();
      const a = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Runs the same suite on PGlite and on the real PostgreSQL server. */
export function describeEachDb(title: string, fn: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) describe(`${title} [${kind}]`, () => fn(kind));
}
