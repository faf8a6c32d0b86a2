/**
 * Unit labels as people say them (SPEC §3): `3号楼2单元501室`, `3栋2单元501`, `3幢2门501`, `3-2-501室`
 * all name the unit `3-2-501`. Pure.
 */
const SPOKEN = /^第?([0-9]+|[A-Z])(?:号楼|号|栋|幢|座|楼|#|-|区)-?(?:([0-9]+)(?:单元|门|-))?-?([0-9]+)(?:室|号|户)?$/;

/** The canonical form of a typed or rostered unit label: `3-2-501`, or the label itself, upper case, without spaces. */
export function canonicalUnit(label: string): string {
  if (typeof label !== 'string') return '';
  const s = label
    .normalize('NFKC')
    .replace(/[‐‑‒–—―－]/g, '-')
    .replace(/\s+/g, '')
    .toUpperCase();
  const m = SPOKEN.exec(s);
  if (!m) return s.replace(/室$/, '');
  return [m[1], m[2], m[3]].filter((p) => p !== undefined).map((p) => p!.replace(/^0+(?=\d)/, '')).join('-');
}

/** The labels a typed unit may be stored as in a roster: its canonical form and the label as typed. */
export function unitLabelCandidates(typed: string): string[] {
  const plain = typed.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return [...new Set([canonicalUnit(typed), plain, plain.replace(/室$/, '')].filter((s) => s !== ''))];
}
