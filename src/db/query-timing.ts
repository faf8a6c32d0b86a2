/**
 * Every statement drizzle runs passes here: it is timed for the database latency histogram of
 * /metrics, and a failure leaves as a `QueryFailedError` (kind, table and code, never parameters).
 */
import { queryFailed } from './query-error.js';

type Observer = (seconds: number, ok: boolean) => void;
type Executable = { execute(...args: unknown[]): Promise<unknown>; all?(...args: unknown[]): Promise<unknown> };

let observer: Observer | undefined;
const patched = new WeakSet<object>();

/** Sets the function that receives each statement's duration (one per process; the last one set wins). */
export function observeQueries(fn: Observer | undefined): void {
  observer = fn;
}

/** Wraps `execute` and `all` of a drizzle driver's prepared-query class (postgres.js or PGlite) once. */
export function timePreparedQueries(proto: Executable): void {
  if (patched.has(proto)) return;
  patched.add(proto);
  for (const name of ['execute', 'all'] as const) {
    const original = proto[name];
    if (!original) continue;
    proto[name] = async function timed(this: unknown, ...args: unknown[]) {
      const start = observer ? process.hrtime.bigint() : 0n;
      let ok = false;
      try {
        const r = await original.apply(this, args);
        ok = true;
        return r;
      } catch (err) {
        throw queryFailed(err);
      } finally {
        if (observer) observer(Number(process.hrtime.bigint() - start) / 1e9, ok);
      }
    };
  }
}
