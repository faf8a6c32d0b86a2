/**
 * postgres.js 3.4.9 writes a connection's buffered bytes from a setImmediate; when the server drops that
 * connection first, the write met a null socket and threw where no one could catch it, taking the whole
 * service down (upstream porsager/postgres#1154, #1208). patches/postgres+3.4.9.patch guards the write:
 * the query is refused with CONNECTION_CLOSED instead. This reproduces the crash deterministically.
 */
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { PG_ENABLED, TEST_PG_URL } from '../helpers/db.js';

const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);
afterEach(() => {
  process.off('uncaughtException', onUncaught);
});

describe.runIf(PG_ENABLED)('the PostgreSQL driver when the server drops a connection', () => {
  it('refuses queries on the dropped connection with CONNECTION_CLOSED and throws nothing uncaught', async () => {
    process.on('uncaughtException', onUncaught);
    const client = postgres(TEST_PG_URL, { max: 2, onnotice: () => {} });
    try {
      const reserved = await client.reserve();
      const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await client`select pg_terminate_backend(${row!.pid})`;
      await new Promise((r) => setTimeout(r, 100));
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        await reserved`select 1`.then(
          () => codes.push('ok'),
          (e: { code?: string }) => codes.push(String(e.code)),
        );
      }
      await new Promise((r) => setImmediate(r));
      expect(uncaught).toEqual([]);
      expect(codes).toEqual(['CONNECTION_CLOSED', 'CONNECTION_CLOSED', 'CONNECTION_CLOSED']);
      reserved.release();
      // The pool itself is fine: the next query runs on a healthy connection.
      expect((await client<{ x: number }[]>`select 2 as x`)[0]!.x).toBe(2);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
