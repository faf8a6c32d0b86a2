/**
 * Fee computation and the split of shared income (SPEC §9), in integer fen. Pure; the rounding
 * rules are those written at the top of ./money.ts.
 */
import { divRoundHalfUp } from './money.js';

export const FEE_BASES = ['per_m2_month', 'per_unit_month', 'per_space_month', 'one_off'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export interface FeeItem {
  item: string;
  basis: FeeBasis;
  /** Fen per m² and month, per unit and month, per parking space and month, or once. */
  rateFen: number;
  note: string;
}

/** One household's amount for a fee item, with the factors that give it (for showing the computation). */
export interface FeeComputation {
  item: string;
  basis: FeeBasis;
  rateFen: number;
  /** Present for per_m2_month: the area used, hundredths of m². */
  areaCenti?: number;
  /** The amount of one month (or the one-off amount), fen. */
  monthFen: number;
  /** Twelve months (null for a one-off fee), fen. */
  yearFen: number | null;
}

/** What an item costs a household of `areaCenti` (per_space_month: for one space). */
export function computeFee(item: FeeItem, areaCenti: number): FeeComputation {
  const base = { item: item.item, basis: item.basis, rateFen: item.rateFen };
  switch (item.basis) {
    case 'per_m2_month': {
      const monthFen = divRoundHalfUp(areaCenti * item.rateFen, 100);
      return { ...base, areaCenti, monthFen, yearFen: monthFen * 12 };
    }
    case 'per_unit_month':
    case 'per_space_month':
      return { ...base, monthFen: item.rateFen, yearFen: item.rateFen * 12 };
    case 'one_off':
      return { ...base, monthFen: item.rateFen, yearFen: null };
  }
}

/** The shares of the split, in whole percent adding up to 100. */
export interface SplitRule {
  management: number;
  dividend: number;
  facilities: number;
}

/** The “235” rule of the seeds: 20% daily management, 30% dividend to all owners, 50% public facilities. */
export const RULE_235: SplitRule = { management: 20, dividend: 30, facilities: 50 };

export type SplitRuleParse = { ok: true; rule: SplitRule } | { ok: false; code: 'bad-split-rule' };

/**
 * Reads a split rule as typed: `235`, `20/30/50`, `20 30 50`, `20%,30%,50%`, or with names in any
 * order (`管理20 分红30 设施50`, `management 20 dividend 30 facilities 50`). Without names the order
 * is management, dividend, facilities. The shares must be whole percent adding up to 100.
 */
export function parseSplitRule(text: string): SplitRuleParse {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (/^“?"?235"?”?(规则)?$/.test(s)) return { ok: true, rule: RULE_235 };
  const named: Partial<Record<keyof SplitRule, number>> = {};
  const NAMES: [keyof SplitRule, RegExp][] = [
    ['management', /(管理|management|manage)\D{0,3}?(\d{1,3})/],
    ['dividend', /(分红|dividend|owners?)\D{0,3}?(\d{1,3})/],
    ['facilities', /(设施|公共设施|facilities|facility)\D{0,3}?(\d{1,3})/],
  ];
  for (const [k, re] of NAMES) {
    const m = re.exec(s);
    if (m) named[k] = Number(m[2]);
  }
  let rule: SplitRule | null = null;
  if (Object.keys(named).length === 3) rule = named as SplitRule;
  else if (Object.keys(named).length === 0) {
    const nums = [...s.matchAll(/\d{1,3}/g)].map((m) => Number(m[0]));
    if (nums.length === 3 && /^[\d\s/,，、%:：]+$/.test(s)) rule = { management: nums[0]!, dividend: nums[1]!, facilities: nums[2]! };
  }
  if (!rule || rule.management + rule.dividend + rule.facilities !== 100) return { ok: false, code: 'bad-split-rule' };
  return { ok: true, rule };
}

export interface Split {
  incomeFen: number;
  costsFen: number;
  /** Income less costs; nothing is split when it is not positive. */
  netFen: number;
  /** null when the community has no rule. */
  shares: { management: number; dividend: number; facilities: number } | null;
}

/** A period's income (positive amounts) and costs (negative amounts) and, with a rule, its split. */
export function splitIncome(amountsFen: readonly number[], rule: SplitRule | null): Split {
  const incomeFen = amountsFen.filter((a) => a > 0).reduce((s, a) => s + a, 0);
  const costsFen = -amountsFen.filter((a) => a < 0).reduce((s, a) => s + a, 0);
  const netFen = incomeFen - costsFen;
  if (!rule) return { incomeFen, costsFen, netFen, shares: null };
  const pool = Math.max(0, netFen);
  const management = Math.floor((pool * rule.management) / 100);
  const dividend = Math.floor((pool * rule.dividend) / 100);
  return { incomeFen, costsFen, netFen, shares: { management, dividend, facilities: pool - management - dividend } };
}

/**
 * Apportions `poolFen` over households by exclusive area (《民法典》第二百八十三条), largest
 * remainder first; the result adds up exactly to the pool. Keys are unit labels.
 */
export function dividendsByArea(poolFen: number, units: readonly { label: string; areaCenti: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  const total = units.reduce((s, u) => s + u.areaCenti, 0);
  if (poolFen <= 0 || total <= 0) {
    for (const u of units) out.set(u.label, 0);
    return out;
  }
  // pool × area fits in a double exactly while it stays below 2^53 (pools up to ~9×10^7 yuan at 10^6 m²).
  const rows = units.map((u) => {
    const product = BigInt(poolFen) * BigInt(u.areaCenti);
    return { label: u.label, base: Number(product / BigInt(total)), rest: product % BigInt(total) };
  });
  let left = poolFen - rows.reduce((s, r) => s + r.base, 0);
  const order = [...rows].sort((a, b) => (a.rest === b.rest ? (a.label < b.label ? -1 : 1) : a.rest > b.rest ? -1 : 1));
  for (const r of order) {
    out.set(r.label, r.base + (left > 0 ? 1 : 0));
    if (left > 0) left--;
  }
  return out;
}
