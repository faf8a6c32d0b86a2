/**
 * Money in integer fen (分) and areas in integer hundredths of m², never floats. Pure.
 * Rounding rules (the only ones in the product):
 * - a yuan amount typed or imported has at most two decimals; more is refused, never rounded;
 * - a fee for one month is rounded half up to the fen once (area × rate gives hundredths of a fen);
 *   a year is twelve such months, as bills are issued monthly;
 * - a share of shared income is rounded down to the fen and the fen left over go to the last share
 *   (public facilities), so the shares always add up to the whole;
 * - dividends per household are apportioned by exclusive area with the largest-remainder method:
 *   each household first gets its share rounded down, then the fen left over go one each to the
 *   households with the largest remainders (ties: the lower unit label), so the dividends add up
 *   exactly to the dividend share.
 */

/** Parses yuan with at most two decimals (`1,288.80`, `-300`, `￥12.5`) into fen; null if it is not one. */
export function parseYuan(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/,(?=\d{3}\b)/g, '');
  const m = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** Formats fen as yuan with thousands separators and two decimals: 128880 → `1,288.80`. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats hundredths of m² as `89.50`. */
export function formatCenti(centi: number): string {
  return `${Math.floor(centi / 100).toLocaleString('en-US')}.${String(centi % 100).padStart(2, '0')}`;
}

/** Integer division rounding half up (for non-negative numerators). */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}
