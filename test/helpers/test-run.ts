/** Names and switches shared by the run's global set-up and the per-test database helpers. */

/** The PostgreSQL server the suite may create databases on (CI sets TEST_PG_URL; default: the local server). */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Set YISHI_TEST_PG=0 to run only on PGlite (e.g. on a machine without PostgreSQL). */
export const PG_ENABLED = process.env.YISHI_TEST_PG !== '0';

/**
 * A run's id: its start time in base 36 (so `.ci/run` can tell old leftovers by name) and a random part.
 * Test databases are `yishi_test_<run id>_<n>`, the run's template `yishi_tpl_<run id>`.
 */
export function newRunId(now = Date.now(), random = Math.random()): string {
  return `${now.toString(36)}_${Math.floor(random * 36 ** 6).toString(36).padStart(6, '0')}`;
}

export const templateName = (runId: string) => `yishi_tpl_${runId}`;
export const testDbName = (runId: string, suffix: string) => `yishi_test_${runId}_${suffix}`;

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's id (see newRunId). */
    testRunId: string;
    /** The migrated PostgreSQL template database, or '' when PostgreSQL is off. */
    pgTemplate: string;
    /** A file holding the dump of a migrated PGlite database. */
    pgliteTemplate: string;
  }
}
