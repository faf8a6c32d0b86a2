/**
 * The scope of an owners' poll (SPEC §6): a building (`2号楼`, `2`) or one entrance of it
 * (`2号楼1单元`, `2-1`), matched on the leading parts of the roster's unit labels (`2-1-501`).
 * Pure: no I/O, no sentences.
 */

const ZH_DIGITS = '零一二三四五六七八九';

function zhNumber(s: string): string {
  if (/^\d+$/.test(s)) return String(Number(s));
  if (s === '十') return '10';
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return String((m[1] ? ZH_DIGITS.indexOf(m[1]) : 1) * 10 + (m[2] ? ZH_DIGITS.indexOf(m[2]) : 0));
  if (s.length === 1 && ZH_DIGITS.includes(s)) return String(ZH_DIGITS.indexOf(s));
  return s;
}

const PART = '([0-9]{1,4}|[一二三四五六七八九十]{1,3}|[A-Za-z][0-9]{0,3})';
const BUILDING = `${PART}\\s?(?:号楼|号|栋|幢|座|楼|區|区)?`;
const ENTRANCE = `${PART}\\s?(?:单元|門|门|单|號|号)?`;
const ZH = new RegExp(`^${BUILDING}(?:\\s?[-－]?\\s?${ENTRANCE})?$`);
const EN = new RegExp(`^(?:building|bldg|block)\\s?${PART}(?:\\s?,?\\s?(?:entrance|unit|stair|staircase)\\s?${PART})?$`, 'i');

/** The canonical scope (`2`, `2-1`, upper-case letters) of a `范围:` / `scope:` line, or null when unreadable. */
export function parseScope(value: string): string | null {
  const v = value.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (v === '' || v.length > 40) return null;
  const m = EN.exec(v) ?? ZH.exec(v);
  if (!m) return null;
  const parts = [m[1], m[2]].filter((x): x is string => x !== undefined).map((x) => zhNumber(x).toUpperCase());
  return parts.join('-');
}

/** Whether a roster label (`2-1-501`) lies in a scope (`2` or `2-1`); null scope means the whole community. */
export function inScope(label: string, scope: string | null): boolean {
  if (scope === null) return true;
  const parts = label.normalize('NFKC').toUpperCase().split('-').map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p));
  const want = scope.split('-');
  return want.every((w, i) => parts[i] === w) && parts.length > want.length;
}
