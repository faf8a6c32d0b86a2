import { appendAudit, type AuditEntry } from '../db/audit.js';
import type { Db } from '../db/client.js';

export type { AuditEntry };

/** Appends an entry to the community's audit chain, in the caller's transaction (the change and its entry commit together). */
export function recordAudit(db: Pick<Db, 'execute'>, communityId: number, entry: AuditEntry): Promise<void> {
  return appendAudit(db, communityId, entry);
}
