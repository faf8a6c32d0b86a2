import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import { drizzle } from 'drizzle-orm/pglite';
import { createDatabase, type Database, type Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema.js';
import type { PgliteDatabase } from '../../src/db/pglite-database.js';
import { PG_ENABLED, TEST_PG_URL, testDbName } from './test-run.js';

export { PG_ENABLED, TEST_PG_URL } from './test-run.js';

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = PG_ENABLED ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** The connection string (postgres) or undefined (PGlite in memory). */
  url: string | undefined;
  drop(): Promise<void>;
}

let pgliteDump: Promise<Blob> | undefined;

/** The migrated PGlite made once for the whole run (test/setup/databases.ts), read once per worker. */
function migratedPglite(): Promise<Blob> {
  pgliteDump ??= readFile(inject('pgliteTemplate')).then((b) => new Blob([b]));
  return pgliteDump;
}

interface SharedPglite {
  d: PgliteDatabase;
  busy: boolean;
  /** Empties every table and restarts every sequence; null when the migrations left rows to keep. */
  reset: string | null;
}
let shared: Promise<SharedPglite> | undefined;

/** One PGlite per worker, loaded from the run's dump; each test gets it emptied (tens of ms instead of seconds). */
async function openShared(): Promise<SharedPglite> {
  const d = (await createDatabase({ dataDir: 'memory://', loadDataDir: await migratedPglite() })) as PgliteDatabase;
  const q = (text: string) => d.client.query<Record<string, string>>(text).then((r) => r.rows);
  const where = `not in ('pg_catalog', 'information_schema', 'drizzle') and schemaname not like 'pg_%'`;
  const tables = (await q(`select format('%I.%I', schemaname, tablename) as t from pg_tables where schemaname ${where}`)).map((r) => r.t!);
  const sequences = (await q(`select format('%I.%I', schemaname, sequencename) as s from pg_sequences where schemaname ${where}`)).map((r) => r.s!);
  let empty = true;
  for (const t of tables) if ((await q(`select 1 from ${t} limit 1`)).length) empty = false;
  const reset = empty
    ? [
        // Ballots and the audit log refuse TRUNCATE by trigger (append-only); emptying the test's database bypasses it as a superuser may.
        'set session_replication_role = replica',
        tables.length ? `truncate ${tables.join(', ')} restart identity cascade` : '',
        'set session_replication_role = origin',
        ...sequences.map((s) => `alter sequence ${s} restart`),
      ]
        .filter(Boolean)
        .join(';\n')
    : null;
  return { d, busy: false, reset };
}

async function freshPglite(): Promise<TestDatabase> {
  const s = await (shared ??= openShared());
  if (s.busy || s.reset === null || s.d.client.closed) {
    const d = await createDatabase({ dataDir: 'memory://', loadDataDir: await migratedPglite() });
    return { ...d, url: undefined, drop: () => d.close() };
  }
  s.busy = true;
  if (s.d.client.isInTransaction()) await s.d.client.exec('rollback');
  if (s.reset) await s.d.client.exec(s.reset);
  const release = async () => {
    s.busy = false;
  };
  // A new drizzle handle per test: what is kept per handle (the vote look-up cache, the ballot writer) starts empty too.
  const db = drizzle(s.d.client, { schema, casing: 'snake_case' }) as unknown as Db;
  return { ...s.d, db, url: undefined, close: release, drop: release };
}

/**
 * A fresh, migrated database of the given kind; `drop()` closes and removes it. Each starts from a
 * database migrated once per run: on PostgreSQL a copy of the run's template (`create database …
 * template …`), on PGlite the worker's instance loaded from the run's dump and emptied.
 */
export async function freshDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') return freshPglite();
  const template = inject('pgTemplate');
  if (!template) throw new Error('PostgreSQL is off for this run (YISHI_TEST_PG=0)');
  const name = testDbName(inject('testRunId'), randomBytes(4).toString('hex'));
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const d = await createDatabase({ url: url.toString(), max: 5 });
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

/** A fresh DATA_DIR holding an already migrated embedded database, for services started in a test. */
export async function freshDataDir(prefix = 'yishi-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const d = await createDatabase({ dataDir: dir, loadDataDir: await migratedPglite() });
  await d.close();
  return dir;
}

/** Runs the same suite on PGlite and on the real PostgreSQL server. */
export function describeEachDb(title: string, fn: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) describe(`${title} [${kind}]`, () => fn(kind));
}

/**
 * A fresh database for each test of the enclosing suite, dropped after it: the handle returned
 * always speaks for the current test's database (`d.db`, `d.url`, …).
 */
export function useFreshDatabase(kind: DbKind): TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await freshDatabase(kind);
  });
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });
  return new Proxy({} as TestDatabase, {
    get(_, prop) {
      if (!current) throw new Error('the test database is only there inside a test');
      const v = Reflect.get(current, prop, current) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(current) : v;
    },
  });
}
