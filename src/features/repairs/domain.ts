/** The lifecycle of a repair request (SPEC §14), pure: which step may follow which. */
import { canonicalUnit } from '../../domain/unit-label.js';

export type RepairStatus = 'reported' | 'dispatched' | 'in_progress' | 'fixed' | 'confirmed' | 'reopened';
export type RepairAction = 'dispatch' | 'handle' | 'fixed' | 'confirm' | 'reopen' | 'rate';
export type RepairStateRefusal = 'not-dispatched' | 'already-fixed' | 'closed' | 'not-fixed' | 'not-confirmed' | 'already-rated';

/** Requests someone is working on: the ones that can be overdue. */
export const WORKING: readonly RepairStatus[] = ['dispatched', 'in_progress', 'reopened'];

/** Longest repair text (code points). */
export const MAX_REPAIR_CHARS = 500;

/** Hours promised when the dispatch names no time. */
export const DEFAULT_PROMISE_HOURS = 48;

/** The status a step leads to, or why it cannot be taken now. */
export function repairTransition(
  status: RepairStatus,
  action: RepairAction,
  rated = false,
): { ok: true; to: RepairStatus } | { ok: false; code: RepairStateRefusal } {
  if (action === 'rate') {
    if (status !== 'confirmed') return { ok: false, code: 'not-confirmed' };
    return rated ? { ok: false, code: 'already-rated' } : { ok: true, to: 'confirmed' };
  }
  if (status === 'confirmed') return { ok: false, code: 'closed' };
  switch (action) {
    case 'dispatch':
      return status === 'fixed' ? { ok: false, code: 'already-fixed' } : { ok: true, to: 'dispatched' };
    case 'handle':
    case 'fixed':
      if (status === 'reported') return { ok: false, code: 'not-dispatched' };
      if (status === 'fixed') return { ok: false, code: 'already-fixed' };
      return { ok: true, to: action === 'handle' ? 'in_progress' : 'fixed' };
    case 'confirm':
    case 'reopen':
      return status === 'fixed' ? { ok: true, to: action === 'confirm' ? 'confirmed' : 'reopened' } : { ok: false, code: 'not-fixed' };
  }
}

/** The building of a unit label (`3` of `3-2-501`, `3号楼2单元501`); null when the label names none. */
export function buildingOf(unitLabel: string | null | undefined): string | null {
  if (!unitLabel) return null;
  const canonical = canonicalUnit(unitLabel);
  const at = canonical.indexOf('-');
  return at > 0 ? canonical.slice(0, at) : null;
}
