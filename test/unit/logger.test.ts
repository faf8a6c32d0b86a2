import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

it('keeps query parameters (binding codes, amounts, message text) of a failed query out of the log', () => {
  const { lines, log } = capture();
  const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
  const err = new DrizzleQueryError('insert into members (unit, code) values ($1, $2)', ['3-2-501', 'K7Q2-M9XP'], cause);
  log.error({ err, update: 'u1' }, 'handler failed');
  const out = lines.join('');
  expect(out).toContain('handler failed');
  expect(out).toContain('23505');
  expect(out).not.toContain('K7Q2-M9XP');
  expect(out).not.toContain('3-2-501');
});
