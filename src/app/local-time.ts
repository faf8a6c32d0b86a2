import { DateTime } from 'luxon';

/** Parses 'YYYY-MM-DD HH:mm' as wall time in an IANA zone; null if it is not a real time there. */
export function localToInstant(local: string, tz: string): Date | null {
  const dt = DateTime.fromFormat(local.trim(), 'yyyy-MM-dd HH:mm', { zone: tz });
  return dt.isValid ? dt.toJSDate() : null;
}

/** Formats an instant as 'YYYY-MM-DD HH:mm' wall time in a zone. */
export function formatLocal(at: Date, tz: string): string {
  return DateTime.fromJSDate(at, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');
}
