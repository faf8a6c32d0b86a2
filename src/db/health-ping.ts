import postgres from 'postgres';

/** Longest a health check waits for the database, in milliseconds (`/healthz` must answer within a second). */
export const PING_DEADLINE_MS = 800;

/** Reconnect delay of postgres.js after a failure, in seconds: short, so requests are not held after the server is back. */
export const reconnectBackoff = (retries: number): number => Math.min(0.05 * 2 ** retries, 0.5);

/**
 * A health check on its own single connection, so a busy pool never makes a healthy database look
 * down, time-boxed to `deadlineMs`, with one check in flight at a time. A check that hangs (a dead
 * socket) drops its connection so the next one starts afresh.
 */
export function createPostgresPing(url: string, deadlineMs = PING_DEADLINE_MS) {
  const open = () => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 1, idle_timeout: 20, backoff: reconnectBackoff, max_lifetime: null });
  let client = open();
  let inFlight: Promise<boolean> | null = null;
  let closed = false;
  return {
    ping(): Promise<boolean> {
      if (closed) return Promise.resolve(false);
      inFlight ??= new Promise<boolean>((resolve) => {
        const current = client;
        const timer = setTimeout(() => {
          resolve(false);
          client = open();
          void current.end({ timeout: 0 }).catch(() => {});
        }, deadlineMs);
        current`select 1`.then(
          () => resolve(true),
          () => resolve(false),
        ).finally(() => clearTimeout(timer));
      }).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    async close(): Promise<void> {
      closed = true;
      await client.end({ timeout: 1 }).catch(() => {});
    },
  };
}
