import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFee, dividendsByArea, parseSplitRule, RULE_235, splitIncome } from '../../src/domain/fees.js';
import { divRoundHalfUp, formatFen, parseYuan } from '../../src/domain/money.js';

describe('money in fen', () => {
  it('reads yuan with at most two decimals and refuses more', () => {
    expect(parseYuan('1.20')).toBe(120);
    expect(parseYuan('1,288.80')).toBe(128880);
    expect(parseYuan('￥12.5')).toBe(1250);
    expect(parseYuan('-18000')).toBe(-1800000);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('一百')).toBeNull();
  });

  it('formats fen with thousands separators', () => {
    expect(formatFen(128880)).toBe('1,288.80');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(0)).toBe('0.00');
  });

  it('rounds half up', () => {
    expect(divRoundHalfUp(1074000, 100)).toBe(10740);
    expect(divRoundHalfUp(150, 100)).toBe(2);
    expect(divRoundHalfUp(149, 100)).toBe(1);
  });
});

describe('fee computation per basis', () => {
  it('computes the SPEC example: 89.50 m² × 1.20 元/m²/月 × 12 = 1,288.80 元/年', () => {
    const c = computeFee({ item: '物业费', basis: 'per_m2_month', rateFen: 120, note: '' }, 8950);
    expect(c).toEqual({ item: '物业费', basis: 'per_m2_month', rateFen: 120, areaCenti: 8950, monthFen: 10740, yearFen: 128880 });
  });

  it('rounds the month half up to the fen and makes the year twelve such months', () => {
    // 89.57 m² × 1.35 = 120.9195 → 120.92 a month; 1,451.04 a year (not 1,451.03 from the exact year).
    const c = computeFee({ item: '物业费', basis: 'per_m2_month', rateFen: 135, note: '' }, 8957);
    expect([c.monthFen, c.yearFen]).toEqual([12092, 145104]);
  });

  it('charges per household, per space and once without the area', () => {
    expect(computeFee({ item: '垃圾', basis: 'per_unit_month', rateFen: 1000, note: '' }, 8950)).toMatchObject({ monthFen: 1000, yearFen: 12000 });
    expect(computeFee({ item: '车位', basis: 'per_space_month', rateFen: 15000, note: '' }, 1)).toMatchObject({ monthFen: 15000, yearFen: 180000 });
    expect(computeFee({ item: '装修', basis: 'one_off', rateFen: 50000, note: '' }, 8950)).toMatchObject({ monthFen: 50000, yearFen: null });
  });
});

describe('the split of shared income', () => {
  it('reads the 235 rule and other shares adding up to 100', () => {
    expect(parseSplitRule('235')).toEqual({ ok: true, rule: RULE_235 });
    expect(parseSplitRule('20/30/50')).toEqual({ ok: true, rule: RULE_235 });
    expect(parseSplitRule('分红30 管理20 设施50')).toEqual({ ok: true, rule: RULE_235 });
    expect(parseSplitRule('10 40 50')).toEqual({ ok: true, rule: { management: 10, dividend: 40, facilities: 50 } });
    expect(parseSplitRule('20/30/40').ok).toBe(false);
    expect(parseSplitRule('多分点').ok).toBe(false);
  });

  it('splits net income (income less costs), rounding shares down and giving the left-over fen to facilities', () => {
    const s = splitIncome([100001, 50000, -20000], RULE_235);
    expect(s).toEqual({ incomeFen: 150001, costsFen: 20000, netFen: 130001, shares: { management: 26000, dividend: 39000, facilities: 65001 } });
    expect(splitIncome([100, -300], RULE_235).shares).toEqual({ management: 0, dividend: 0, facilities: 0 });
    expect(splitIncome([100], null).shares).toBeNull();
  });

  it('always splits into shares that add up to the net', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 8 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (amounts, a, b) => {
        fc.pre(a + b <= 100);
        const s = splitIncome(amounts, { management: a, dividend: b, facilities: 100 - a - b });
        const sh = s.shares!;
        expect(sh.management + sh.dividend + sh.facilities).toBe(Math.max(0, s.netFen));
        expect(Math.min(sh.management, sh.dividend, sh.facilities)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('apportions dividends by exclusive area with the largest remainder, adding up exactly to the pool', () => {
    const d = dividendsByArea(100, [
      { label: 'A', areaCenti: 10000 },
      { label: 'B', areaCenti: 10000 },
      { label: 'C', areaCenti: 10000 },
    ]);
    expect([...d.values()].reduce((s, v) => s + v, 0)).toBe(100);
    expect(d.get('A')).toBe(34);
    expect([d.get('B'), d.get('C')]).toEqual([33, 33]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.array(fc.integer({ min: 1, max: 100_000_00 }), { minLength: 1, maxLength: 30 }), (pool, areas) => {
        const units = areas.map((areaCenti, i) => ({ label: `U${String(i).padStart(2, '0')}`, areaCenti }));
        const out = dividendsByArea(pool, units);
        const total = areas.reduce((s, a) => s + a, 0);
        expect([...out.values()].reduce((s, v) => s + v, 0)).toBe(pool);
        for (const u of units) expect(Math.abs(out.get(u.label)! - (pool * u.areaCenti) / total)).toBeLessThan(1);
      }),
    );
  });
});
