import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { isConnectionError } from '../../src/app/errors.js';
import { QueryFailedError } from '../../src/db/query-error.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

describeEachDb('a failed statement', (kind) => {
  const d = useFreshDatabase(kind);

  it('leaves the database layer as its kind, table and code, without the parameters or the values the server quotes', async () => {
    const phone = '13812345678';
    const err = await d.db.execute(sql`insert into communities (community_id, name) values (${`x${phone}`}::int, ${phone})`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    const q = err as QueryFailedError;
    expect(q.message).toBe('insert communities failed (22P02)');
    expect({ code: q.code, statement: q.statement, table: q.table, connection: q.connection }).toEqual({ code: '22P02', statement: 'insert', table: 'communities', connection: false });
    expect(JSON.stringify(q)).not.toContain(phone);
    expect(String(q.stack)).not.toContain(phone);
    expect(q.cause).toBeUndefined();
    expect(isConnectionError(q)).toBe(false);
  });

  it('is the same inside a transaction', async () => {
    const code = 'K7M2QX9P';
    const err = await d.db
      .transaction(async (tx) => {
        await tx.execute(sql`select ${code}::int`);
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as Error).message).toBe('select failed (22P02)');
    expect(JSON.stringify(err) + String((err as Error).stack)).not.toContain(code);
  });
});
