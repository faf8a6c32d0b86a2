import { isConnectionError } from './app/errors.js';
import type { Config } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { createRedactor, configSecrets } from './redact.js';

/** The port or address of the HTTP server cannot be taken. */
export class HttpListenError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    cause: NodeJS.ErrnoException,
  ) {
    super(`cannot listen on ${host}:${port}: ${cause.code ?? cause.message}`, { cause });
    this.name = 'HttpListenError';
  }
}

function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function whereIs(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * One sentence for the operator saying why the service could not start and what to do, with no
 * stack trace and no secret (the common cases: a busy port, a data directory in use, an unreachable
 * or refusing database).
 */
export function describeStartFailure(err: unknown, config: Config): string {
  const scrub = createRedactor(configSecrets(config));
  if (err instanceof HttpListenError) {
    const code = codeOf(err.cause);
    if (code === 'EADDRINUSE') return `Port ${err.port} on ${err.host} is already in use by another program: stop it or set HTTP_PORT to a free port.`;
    if (code === 'EACCES') return `Port ${err.port} on ${err.host} needs more privileges than this process has: set HTTP_PORT to a port above 1023.`;
    return `Cannot listen on ${err.host}:${err.port} (${code ?? 'error'}): set HTTP_HOST to an address of this machine and HTTP_PORT to a free port.`;
  }
  if (err instanceof DataDirInUseError) return err.message;
  const code = codeOf(err);
  if (config.DATABASE_URL) {
    const where = whereIs(config.DATABASE_URL);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The database host in DATABASE_URL (${where}) is not known: correct DATABASE_URL.`;
    if (code === '28P01' || code === '28000') return `The database at ${where} refused the user or password in DATABASE_URL: correct them.`;
    if (code === '3D000') return `The database in DATABASE_URL (${where}) does not exist: create it or correct DATABASE_URL.`;
    if (isConnectionError(err) || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return `Cannot reach the database at ${where} (${code ?? 'no answer'}): start it or correct DATABASE_URL.`;
    }
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return scrub(`Yishi could not start: ${message}${code ? ` (${code})` : ''}.`);
}
