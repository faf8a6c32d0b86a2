import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { spawnIn } from '../helpers/processes.js';

it('stops the test run with one sentence saying how to fix a missing PostgreSQL', async () => {
  const s = createServer();
  const port = await new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));
  await new Promise((r) => s.close(r));
  const p = spawnIn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "const m = await import('./test/setup/databases.ts'); await m.default({ provide() {} });"],
    { TEST_PG_URL: `postgres://postgres@127.0.0.1:${port}/postgres` },
  );
  expect(await p.exited).toBe(1);
  expect(p.err().trim()).toMatch(new RegExp(`^PostgreSQL is not reachable at postgres://postgres@127\\.0\\.0\\.1:${port}/postgres \\(.*ECONNREFUSED.*\\): start it, or set YISHI_TEST_PG=0 to run on PGlite only\\.$`));
}, 60_000);
