import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../../src/app/errors.js';
import { withDeadline } from '../../src/chat/deadline.js';

describe('answer deadline', () => {
  it('rejects with a database-unavailable error when the work takes longer than the deadline', async () => {
    const slow = new Promise((r) => setTimeout(() => r('late'), 200));
    const err = await withDeadline(slow, 20).catch((e: unknown) => e);
    expect(isConnectionError(err)).toBe(true);
  });

  it('passes the result and the failure of work that finishes in time', async () => {
    expect(await withDeadline(Promise.resolve(7), 50)).toBe(7);
    const boom = new Error('boom');
    expect(await withDeadline(Promise.reject(boom), 50).catch((e: unknown) => e)).toBe(boom);
  });

  it('waits as long as it takes without a deadline', async () => {
    expect(await withDeadline(new Promise((r) => setTimeout(() => r('done'), 30)), undefined)).toBe('done');
  });
});
