/** Times every statement drizzle runs, for the database latency histogram of /metrics. */

type Observer = (seconds: number, ok: boolean) => void;
type Executable = { execute(...args: unknown[]): Promise<unknown> };

let observer: Observer | undefined;
const patched = new WeakSet<object>();

/** Sets the function that receives each statement's duration (one per process; the last one set wins). */
export function observeQueries(fn: Observer | undefined): void {
  observer = fn;
}

/** Wraps `execute` of a drizzle driver's prepared-query class (postgres.js or PGlite) once. */
export function timePreparedQueries(proto: Executable): void {
  if (patched.has(proto)) return;
  patched.add(proto);
  const execute = proto.execute;
  proto.execute = async function timed(this: unknown, ...args: unknown[]) {
    if (!observer) return execute.apply(this, args);
    const start = process.hrtime.bigint();
    let ok = false;
    try {
      const r = await execute.apply(this, args);
      ok = true;
      return r;
    } finally {
      observer?.(Number(process.hrtime.bigint() - start) / 1e9, ok);
    }
  };
}
