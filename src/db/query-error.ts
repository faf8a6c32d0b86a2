/**
 * A failed statement, told by its kind, table and code only. A driver's error carries what it was
 * given: drizzle's message holds the statement's parameters (a binding code, an update's whole text,
 * a phone number), and PostgreSQL's own messages quote values (`invalid input syntax … "1381234…"`).
 * Every statement's failure is turned into this before it leaves the database layer, so no log line,
 * reply or metric downstream can repeat any of it.
 */

/** Driver and server codes that mean the connection is gone, not that a statement is wrong. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004',
]);
const CONNECTION_TEXT = /ECONNREFUSED|connection (?:closed|ended|terminated)|PGlite is closed|terminating connection|not currently accepting connections|too many clients/i;

const VERB = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete|create|alter|drop|truncate|begin|commit|rollback|savepoint|set|lock|copy)\b/i;
const TABLE = /\b(?:into|update|from|table|truncate)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/i;

/** The first code (SQLSTATE, errno name or the driver's) along an error's causes. */
function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  }
  return undefined;
}

/** True when an error (or one of its causes) says the database connection is gone. */
export function isConnectionLoss(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (CONNECTION_TEXT.test(String((e as { message?: unknown }).message ?? ''))) return true;
  }
  return false;
}

export class QueryFailedError extends Error {
  /** SQLSTATE (`23505`, `22021`), or the driver's code (`ECONNREFUSED`, `CONNECTION_CLOSED`). */
  readonly code: string | undefined;
  /** The statement's first word (`insert`, `select`, …). */
  readonly statement: string;
  /** The first table the statement names, when it names one. */
  readonly table: string | undefined;
  /** The connection was lost (the statement itself may be fine). */
  readonly connection: boolean;

  constructor(query: string | undefined, original: unknown) {
    const statement = (query && VERB.exec(query)?.[1]?.toLowerCase()) || 'statement';
    const table = query ? TABLE.exec(query.replace(/^\s*with\b[\s\S]*?\)\s*(?=select|insert|update|delete)/i, ''))?.[1] : undefined;
    const code = codeOf(original);
    super(`${statement}${table ? ` ${table}` : ''} failed${code ? ` (${code})` : ''}`);
    this.name = 'QueryFailedError';
    this.code = code;
    this.statement = statement;
    this.table = table;
    this.connection = isConnectionLoss(original);
  }
}

/** The error to let out of the database layer for a statement that failed. */
export function queryFailed(err: unknown): QueryFailedError {
  if (err instanceof QueryFailedError) return err;
  const query = (err as { query?: unknown })?.query;
  return new QueryFailedError(typeof query === 'string' ? query : undefined, err);
}
