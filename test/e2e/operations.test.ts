import { createServer, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { freshDataDir } from '../helpers/db.js';
import { buildService, descendants, isAlive, spawnIn } from '../helpers/processes.js';

const TOKEN = '7000000002:AASecretTokenThatMustNeverLeak_0123456';
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function dataDir(): Promise<string> {
  const d = await freshDataDir('yishi-ops-');
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

const service = (env: Record<string, string>) => spawnIn(process.execPath, ['dist/main.js'], { LOG_LEVEL: 'info', ...env });

/** A start that fails: a non-zero exit and one sentence on stderr, no stack trace. */
async function expectOneSentence(p: ReturnType<typeof service>, pattern: RegExp): Promise<void> {
  expect(await p.exited).toBe(1);
  const err = p.err().trim();
  expect(err).toMatch(pattern);
  expect(err.split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at |Error:/);
}

beforeAll(() => buildService(), 120_000);

it('stops the whole service when npm start gets SIGTERM, leaving no process behind', async () => {
  const p = spawnIn('npm', ['start'], { DATA_DIR: await dataDir(), HTTP_PORT: '0', LOG_LEVEL: 'info' });
  cleanup.push(() => p.child.kill('SIGKILL'));
  const started = await p.logLine('service started');
  const res = await fetch(`http://127.0.0.1:${started.port}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, database: 'up' });
  const tree = descendants(p.child.pid!);
  expect(tree.length).toBeGreaterThan(0);
  p.child.kill('SIGTERM');
  await p.exited;
  await p.logLine('service stopped');
  await new Promise((r) => setTimeout(r, 200));
  expect(tree.filter(isAlive)).toEqual([]);
  expect(p.out()).not.toMatch(/"level":(50|60)/);
}, 180_000);

it('ends in one sentence and exit code 1 when the HTTP port is taken', async () => {
  const busy = createServer();
  const port = await listen(busy);
  cleanup.push(() => new Promise((r) => busy.close(r)));
  await expectOneSentence(service({ DATA_DIR: await dataDir(), HTTP_PORT: String(port) }), new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use`));
}, 120_000);

it('ends in one sentence and exit code 1 when the data directory is locked by a running process', async () => {
  const dir = await dataDir();
  const release = await lockDataDir(dir);
  cleanup.push(release);
  await expectOneSentence(service({ DATA_DIR: dir, HTTP_PORT: '0' }), /^The embedded database in .* is in use by another process \(pid \d+\): stop that process first/);
}, 120_000);

it('ends in one sentence and exit code 1 when the database cannot be reached, without its password', async () => {
  const port = await closedPort();
  const p = service({ DATABASE_URL: `postgres://yishi:Pa55word-secret@127.0.0.1:${port}/yishi`, HTTP_PORT: '0' });
  await expectOneSentence(p, new RegExp(`^Cannot reach the database at 127\\.0\\.0\\.1:${port}/yishi \\(ECONNREFUSED\\): start it or correct DATABASE_URL\\.$`));
  expect(p.err() + p.out()).not.toContain('Pa55word-secret');
}, 120_000);

it('keeps the bot token out of /healthz, /metrics and the log when Telegram is unreachable', async () => {
  const apiPort = await closedPort();
  const p = service({ DATA_DIR: await dataDir(), HTTP_PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${apiPort}` });
  cleanup.push(async () => {
    p.child.kill('SIGTERM');
    await p.exited;
  });
  const started = await p.logLine('service started');
  const down = await p.logLine('telegram is down');
  expect(String(down.reason)).toMatch(/network error/);
  const health = await fetch(`http://127.0.0.1:${started.port}/healthz`).then((r) => r.text());
  expect(JSON.parse(health).platforms.telegram).toMatchObject({ state: 'down', detail: expect.stringContaining('ECONNREFUSED') });
  // The network error's message names the request URL, token included: scrubbed where it leaves.
  expect(health).toContain('/bot[redacted]/getMe');
  const metrics = await fetch(`http://127.0.0.1:${started.port}/metrics`).then((r) => r.text());
  expect(metrics).toContain('yishi_platform_up{platform="telegram"} 0');
  expect(metrics).toContain('yishi_db_query_seconds_bucket');
  expect(metrics).toContain('yishi_message_handling_seconds');
  const secret = TOKEN.split(':')[1]!;
  for (const text of [health, metrics, p.out(), p.err()]) expect(text).not.toContain(secret);
}, 180_000);
