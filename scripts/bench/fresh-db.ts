import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../src/db/client.js';

export interface FreshDb {
  url: string;
  database: Database;
  /** Closes the handle and drops the database. */
  drop(): Promise<void>;
}

/** A new, migrated database on the PostgreSQL server at `serverUrl`, named `yishi_bench_…`. */
export async function freshBenchDb(serverUrl: string, opts: { max?: number } = {}): Promise<FreshDb> {
  const name = `yishi_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString(), max: opts.max ?? 10 });
  await database.migrate();
  let dropped = false;
  return {
    url: url.toString(),
    database,
    async drop() {
      if (dropped) return;
      dropped = true;
      await database.close().catch(() => {});
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`).finally(() => a.end());
    },
  };
}

/** Runs `fn` on a fresh database and drops it afterwards. */
export async function withFreshDb<T>(serverUrl: string, fn: (d: FreshDb) => Promise<T>, opts?: { max?: number }): Promise<T> {
  const d = await freshBenchDb(serverUrl, opts);
  try {
    return await fn(d);
  } finally {
    await d.drop();
  }
}
