/**
 * Receipt codes (SPEC §6): the first 48 bits of a ballot's SHA-256, as three groups of four hex
 * digits (`3F9A-C21B-77D0`). Pure.
 */
export function receiptCode(ballotHash: string): string {
  const h = ballotHash.slice(0, 12).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
}

/** Stands in a turn's outbox rows for the receipt code, which only the ballot's insert knows (the insert writes it as `receiptCode` does). */
export const RECEIPT_CODE_MARK = '$RECEIPT_CODE';

/** A receipt code as typed (any case, with or without dashes or spaces), or null when it cannot be one. */
export function normalizeReceipt(typed: string): string | null {
  const h = typed.normalize('NFKC').replace(/[\s\-－—]+/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(h) ? `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}` : null;
}
