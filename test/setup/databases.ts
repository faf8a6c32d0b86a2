import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/client.js';
import type { PgliteDatabase } from '../../src/db/pglite-database.js';
import { newRunId, PG_ENABLED, TEST_PG_URL, templateName } from '../helpers/test-run.js';

/**
 * Once per test run: migrates one PGlite database (dumped to a file) and one PostgreSQL template
 * database; every test then starts from a copy. The teardown drops this run's databases only.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = newRunId();
  const dumpFile = path.join(tmpdir(), `yishi-pglite-${runId}.tar`);
  const template = PG_ENABLED ? templateName(runId) : '';
  // One after the other: PGlite's migration holds the event loop for seconds at a time, long enough
  // for the PostgreSQL client's 3-second connect timeout to fire while it waits for its handshake.
  if (template) await createTemplate(template);
  const dump = await migratedPgliteDump();
  await writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('testRunId', runId);
  project.provide('pgTemplate', template);
  project.provide('pgliteTemplate', dumpFile);
  return async () => {
    await rm(dumpFile, { force: true });
    if (template) await dropRunDatabases(runId);
  };
}

async function migratedPgliteDump(): Promise<Blob> {
  const d = (await createDatabase({ dataDir: 'memory://' })) as PgliteDatabase;
  try {
    await d.migrate();
    return await d.client.dumpDataDir('none');
  } finally {
    await d.close();
  }
}

async function createTemplate(name: string): Promise<void> {
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 }).catch(() => {});
    // One sentence and a failed run, rather than vitest's report of a set-up error.
    process.stderr.write(
      `\nPostgreSQL is not reachable at ${TEST_PG_URL} (${(err as Error).message}): start it, or set YISHI_TEST_PG=0 to run on PGlite only.\n\n`,
    );
    process.exit(1);
  }
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const d = await createDatabase({ url: url.toString(), max: 2 });
  try {
    await d.migrate();
  } finally {
    await d.close();
  }
}

/** Drops the template and any test database of this run left by an interrupted test. */
async function dropRunDatabases(runId: string): Promise<void> {
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  try {
    const names = await admin<{ datname: string }[]>`select datname from pg_database
      where datname = ${templateName(runId)} or datname like ${`yishi_test_${runId}_%`}`;
    for (const { datname } of names) await admin.unsafe(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}
