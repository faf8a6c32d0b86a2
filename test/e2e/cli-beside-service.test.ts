import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { loadConfig, startService, type ServiceHandle } from '../../src/index.js';
import { sql } from 'drizzle-orm';
import { freshDatabase, freshDataDir, PG_ENABLED, type TestDatabase } from '../helpers/db.js';
import { buildService, spawnIn } from '../helpers/processes.js';

const FORBID_PGLITE = ['--import', './test/helpers/forbid-pglite-register.mjs'];
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function admin(env: Record<string, string>, ...argv: string[]) {
  const p = spawnIn(process.execPath, [...(env.FORBID ? FORBID_PGLITE : []), 'dist/admin.js', ...argv], { ...env, FORBID: undefined });
  const code = await p.exited;
  return { code, stdout: p.out(), stderr: p.err() };
}

beforeAll(() => buildService(), 120_000);

describe('the operator CLI beside the service on the embedded database', () => {
  it('runs its commands in the running service, and opens the data directory itself once it stopped', async () => {
    const dataDir = await freshDataDir('yishi-beside-');
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let service: ServiceHandle | undefined = await startService({ config: loadConfig({ DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'silent' }) });
    cleanup.push(() => service?.stop());

    const added = await admin({ DATA_DIR: dataDir }, 'community', 'add', '东湖社区', '--json');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: '东湖社区', setupCode: expect.any(String) });
    const roster = path.join(dataDir, 'roster.csv');
    writeFileSync(roster, 'unit,area_m2,owner_name,owner_id\n1-101,88.5,张三,\n1-102,90,李四,\n');
    const imported = await admin({ DATA_DIR: dataDir }, 'units', 'import', '东湖社区', roster, '--json');
    expect(JSON.parse(imported.stdout)).toEqual({ imported: 2 });
    // The service sees at once what the CLI did through it.
    const units = await rows<{ label: string }>(service.database.db, sql`select label from units order by label`);
    expect(units.map((u) => u.label)).toEqual(['1-101', '1-102']);

    const refused = await admin({ DATA_DIR: dataDir }, 'codes', '没有这个社区');
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toBe('');

    await service.stop();
    service = undefined;
    const codes = await admin({ DATA_DIR: dataDir }, 'codes', '东湖社区', '--json');
    expect(codes.code).toBe(0);
    expect((JSON.parse(codes.stdout) as { unit: string }[]).map((c) => c.unit)).toEqual(['1-101', '1-102']);
  }, 180_000);
});

describe.skipIf(!PG_ENABLED)('with DATABASE_URL the embedded engine is never loaded', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await freshDatabase('postgres');
    return () => d.drop();
  });

  it('starts the service and runs the CLI on PostgreSQL with PGlite unloadable', async () => {
    const p = spawnIn(process.execPath, [...FORBID_PGLITE, 'dist/main.js'], { DATABASE_URL: d.url, HTTP_PORT: '0', LOG_LEVEL: 'info' });
    cleanup.push(() => p.child.kill('SIGKILL'));
    const started = await p.logLine('service started');
    expect(started.database).toBe('postgres');
    expect((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status).toBe(200);
    const added = await admin({ DATABASE_URL: d.url!, FORBID: '1' }, 'community', 'add', '西湖社区', '--json');
    expect(added.code).toBe(0);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    // The same hooks do stop a process that needs the embedded engine.
    const dir = mkdtempSync(path.join(tmpdir(), 'yishi-forbid-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const embedded = await admin({ DATA_DIR: dir, FORBID: '1' }, 'codes', '西湖社区');
    expect(embedded.code).not.toBe(0);
    expect(embedded.stderr).toContain('PGlite was loaded');
  }, 180_000);
});
