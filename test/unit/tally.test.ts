import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  POLL_RULES,
  aggregate,
  holderKey,
  isApprovalWord,
  isOwnerRule,
  ruleSource,
  ruleStrength,
  tally,
  type OptionCount,
  type PollRule,
  type RosterUnit,
  type TallyResult,
} from '../../src/domain/tally.js';

/** Options 1 = 同意, 2 = 反对, 3 = 弃权 (abstain). */
const YNA = [
  { optionNo: 1, abstain: false },
  { optionNo: 2, abstain: false },
  { optionNo: 3, abstain: true },
];

function opt(optionNo: number, heads: number, areaCenti: number, abstain = false): OptionCount {
  return { optionNo, heads, areaCenti, abstain };
}

/** Eligible E and a yes/no split of the voters P = yes + no. */
function yesNo(
  rule: PollRule,
  eligible: { heads: number; areaCenti: number },
  yes: { heads: number; areaCenti: number },
  no: { heads: number; areaCenti: number },
): TallyResult {
  return tally({ rule, eligible, options: [opt(1, yes.heads, yes.areaCenti), opt(2, no.heads, no.areaCenti)] });
}

describe('owner rules: turnout at ⅔', () => {
  for (const rule of ['owners-general', 'owners-major'] as const) {
    it(`${rule}: is valid when area and heads reach exactly ⅔`, () => {
      const r = yesNo(rule, { heads: 6, areaCenti: 30000 }, { heads: 4, areaCenti: 20000 }, { heads: 0, areaCenti: 0 });
      expect(r.turnoutMet).toEqual({ area: true, heads: true });
      expect(r.valid).toBe(true);
      expect(r.outcome).toBe('passed');
      expect(r.turnoutRule).toEqual({
        area: { num: 2, den: 3, strict: false },
        heads: { num: 2, den: 3, strict: false },
      });
    });

    it(`${rule}: is invalid when the area is one hundredth short of ⅔`, () => {
      const r = yesNo(rule, { heads: 6, areaCenti: 30000 }, { heads: 4, areaCenti: 19999 }, { heads: 0, areaCenti: 0 });
      expect(r.turnoutMet).toEqual({ area: false, heads: true });
      expect(r.valid).toBe(false);
      expect(r.outcome).toBe('invalid');
      expect(r.winners).toEqual([]);
      expect(r.options.every((o) => !o.passed)).toBe(true);
    });

    it(`${rule}: is invalid when heads are one short of ⅔`, () => {
      const r = yesNo(rule, { heads: 6, areaCenti: 30000 }, { heads: 3, areaCenti: 30000 }, { heads: 0, areaCenti: 0 });
      expect(r.turnoutMet).toEqual({ area: true, heads: false });
      expect(r.outcome).toBe('invalid');
    });
  }

  it('is invalid when nobody takes part, even on an empty roster', () => {
    const r = yesNo('owners-general', { heads: 0, areaCenti: 0 }, { heads: 0, areaCenti: 0 }, { heads: 0, areaCenti: 0 });
    expect(r.outcome).toBe('invalid');
    expect(r.turnoutMet.heads).toBe(false);
  });
});

describe('owners-general: approval above ½', () => {
  const E = { heads: 4, areaCenti: 200 };
  it('fails when the yes area is exactly half of the voted area', () => {
    const r = yesNo('owners-general', E, { heads: 3, areaCenti: 100 }, { heads: 1, areaCenti: 100 });
    expect(r.passRule).toEqual({ area: { num: 1, den: 2, strict: true }, heads: { num: 1, den: 2, strict: true } });
    expect(r.outcome).toBe('failed');
    expect(r.winners).toEqual([]);
  });

  it('fails when the yes heads are exactly half of the voted heads', () => {
    const r = yesNo('owners-general', E, { heads: 2, areaCenti: 150 }, { heads: 2, areaCenti: 50 });
    expect(r.outcome).toBe('failed');
  });

  it('passes one hundredth and one head above half', () => {
    const r = yesNo('owners-general', E, { heads: 3, areaCenti: 101 }, { heads: 1, areaCenti: 99 });
    expect(r.outcome).toBe('passed');
    expect(r.winners).toEqual([1]);
    expect(r.options.map((o) => o.passed)).toEqual([true, false]);
  });
});

describe('owners-major: approval at ¾', () => {
  const E = { heads: 8, areaCenti: 400 };
  it('passes when area and heads reach exactly ¾', () => {
    const r = yesNo('owners-major', E, { heads: 6, areaCenti: 300 }, { heads: 2, areaCenti: 100 });
    expect(r.passRule).toEqual({
      area: { num: 3, den: 4, strict: false },
      heads: { num: 3, den: 4, strict: false },
    });
    expect(r.outcome).toBe('passed');
    expect(r.winners).toEqual([1]);
  });

  it('fails when the yes area is one hundredth short of ¾', () => {
    const r = yesNo('owners-major', E, { heads: 6, areaCenti: 299 }, { heads: 2, areaCenti: 101 });
    expect(r.outcome).toBe('failed');
  });

  it('fails when the yes heads are one short of ¾', () => {
    const r = yesNo('owners-major', E, { heads: 5, areaCenti: 300 }, { heads: 3, areaCenti: 100 });
    expect(r.outcome).toBe('failed');
  });

  it('fails at a result that would pass owners-general', () => {
    const yes = { heads: 5, areaCenti: 299 };
    const no = { heads: 3, areaCenti: 101 };
    expect(yesNo('owners-general', E, yes, no).outcome).toBe('passed');
    expect(yesNo('owners-major', E, yes, no).outcome).toBe('failed');
  });
});

describe('residents', () => {
  it('is invalid at exactly half the households and valid at half plus one', () => {
    const half = yesNo('residents', { heads: 10, areaCenti: 0 }, { heads: 5, areaCenti: 0 }, { heads: 0, areaCenti: 0 });
    expect(half.outcome).toBe('invalid');
    expect(half.turnoutMet).toEqual({ area: null, heads: false });
    const more = yesNo('residents', { heads: 10, areaCenti: 0 }, { heads: 6, areaCenti: 0 }, { heads: 0, areaCenti: 0 });
    expect(more.valid).toBe(true);
    expect(more.outcome).toBe('passed');
    expect(more.turnoutRule).toEqual({ area: null, heads: { num: 1, den: 2, strict: true } });
    expect(more.passRule).toEqual({ area: null, heads: { num: 1, den: 2, strict: true } });
  });

  it('fails with exactly half yes and passes with one more', () => {
    const E = { heads: 10, areaCenti: 1000 };
    expect(yesNo('residents', E, { heads: 3, areaCenti: 0 }, { heads: 3, areaCenti: 900 }).outcome).toBe('failed');
    expect(yesNo('residents', E, { heads: 4, areaCenti: 0 }, { heads: 3, areaCenti: 900 }).outcome).toBe('passed');
  });
});

describe('simple', () => {
  it('reports a tie for the most votes as a tie', () => {
    const r = tally({ rule: 'simple', eligible: { heads: 100, areaCenti: 0 }, options: [opt(1, 3, 0), opt(2, 3, 0), opt(3, 1, 0)] });
    expect(r.outcome).toBe('tie');
    expect(r.valid).toBe(true);
    expect(r.winners).toEqual([1, 2]);
    expect(r.options.every((o) => !o.passed)).toBe(true);
    expect(r.passRule).toBeNull();
    expect(r.turnoutRule).toEqual({ area: null, heads: { num: 0, den: 1, strict: false } });
    expect(r.turnoutMet).toEqual({ area: null, heads: true });
  });

  it('decides for a single option with the most votes, whatever the turnout', () => {
    const r = tally({ rule: 'simple', eligible: { heads: 100, areaCenti: 0 }, options: [opt(1, 1, 0), opt(2, 2, 0), opt(3, 0, 0)] });
    expect(r.outcome).toBe('decided');
    expect(r.winners).toEqual([2]);
    expect(r.options.map((o) => o.passed)).toEqual([false, true, false]);
  });

  it('counts households, not area', () => {
    const r = tally({ rule: 'simple', eligible: { heads: 3, areaCenti: 0 }, options: [opt(1, 1, 90000), opt(2, 2, 100)] });
    expect(r.winners).toEqual([2]);
  });

  it('never lets the abstain option win and reports no votes as a tie without winners', () => {
    const r = tally({ rule: 'simple', eligible: { heads: 9, areaCenti: 0 }, options: [opt(1, 1, 0), opt(2, 0, 0), opt(3, 5, 0, true)] });
    expect(r.outcome).toBe('decided');
    expect(r.winners).toEqual([1]);
    const none = tally({ rule: 'simple', eligible: { heads: 9, areaCenti: 0 }, options: [opt(1, 0, 0), opt(2, 0, 0)] });
    expect(none.outcome).toBe('tie');
    expect(none.winners).toEqual([]);
  });
});

describe('abstain', () => {
  it('counts in turnout but never passes', () => {
    // Without the abstainers turnout is short; with them it is met, and yes is then short of half.
    const r = tally({
      rule: 'owners-general',
      eligible: { heads: 3, areaCenti: 300 },
      options: [opt(1, 1, 100), opt(2, 0, 0), opt(3, 1, 100, true)],
    });
    expect(r.voted).toEqual({ heads: 2, areaCenti: 200 });
    expect(r.valid).toBe(true);
    expect(r.outcome).toBe('failed');
    const all = tally({ rule: 'owners-major', eligible: { heads: 3, areaCenti: 300 }, options: [opt(1, 0, 0), opt(3, 3, 300, true)] });
    expect(all.valid).toBe(true);
    expect(all.outcome).toBe('failed');
    expect(all.options.find((o) => o.abstain)?.passed).toBe(false);
    const res = tally({ rule: 'residents', eligible: { heads: 2, areaCenti: 0 }, options: [opt(3, 2, 0, true)] });
    expect(res.outcome).toBe('failed');
  });
});

describe('several options', () => {
  it('judges each option against the threshold on its own', () => {
    const r = tally({
      rule: 'residents',
      eligible: { heads: 10, areaCenti: 0 },
      options: [opt(1, 5, 0), opt(2, 2, 0), opt(3, 1, 0), opt(4, 1, 0, true)],
    });
    expect(r.outcome).toBe('passed');
    expect(r.winners).toEqual([1]);
    const split = tally({ rule: 'residents', eligible: { heads: 10, areaCenti: 0 }, options: [opt(1, 4, 0), opt(2, 4, 0), opt(3, 1, 0)] });
    expect(split.outcome).toBe('failed');
  });
});

describe('input checks', () => {
  it('rejects negative or fractional counts and repeated option numbers', () => {
    expect(() => tally({ rule: 'simple', eligible: { heads: -1, areaCenti: 0 }, options: [] })).toThrow(RangeError);
    expect(() => tally({ rule: 'simple', eligible: { heads: 1, areaCenti: 0.5 }, options: [] })).toThrow(RangeError);
    expect(() => tally({ rule: 'simple', eligible: { heads: 2, areaCenti: 0 }, options: [opt(1, 1, 0), opt(1, 1, 0)] })).toThrow(RangeError);
    expect(() => aggregate('simple', [{ unitId: 1, areaCenti: 1, ownerId: null }, { unitId: 1, areaCenti: 1, ownerId: null }], [], YNA)).toThrow(RangeError);
  });

  it('stays exact for areas near 2^53', () => {
    const max = Number.MAX_SAFE_INTEGER; // 2^53 - 1, divisible by 3
    const twoThirds = (max / 3) * 2;
    const ok = yesNo('owners-general', { heads: 3, areaCenti: max }, { heads: 2, areaCenti: twoThirds }, { heads: 0, areaCenti: 0 });
    expect(ok.turnoutMet.area).toBe(true);
    const short = yesNo('owners-general', { heads: 3, areaCenti: max }, { heads: 2, areaCenti: twoThirds - 1 }, { heads: 0, areaCenti: 0 });
    expect(short.turnoutMet.area).toBe(false);
  });
});

describe('holders and aggregate', () => {
  const roster: RosterUnit[] = [
    { unitId: 1, areaCenti: 8000, ownerId: 'A' },
    { unitId: 2, areaCenti: 9000, ownerId: 'A' },
    { unitId: 3, areaCenti: 10000, ownerId: null },
    { unitId: 4, areaCenti: 12000, ownerId: '' },
    { unitId: 5, areaCenti: 7000, ownerId: 'B' },
  ];

  it('keys owners by owner id under owner rules and households otherwise', () => {
    expect(holderKey('owners-general', roster[0]!)).toBe('o:A');
    expect(holderKey('owners-major', roster[2]!)).toBe('u:3');
    expect(holderKey('owners-major', roster[3]!)).toBe('u:4');
    expect(holderKey('residents', roster[0]!)).toBe('u:1');
    expect(holderKey('simple', roster[0]!)).toBe('u:1');
    expect(POLL_RULES.filter(isOwnerRule)).toEqual(['owners-general', 'owners-major']);
  });

  it('counts an owner of several units once by heads with all their area', () => {
    const input = aggregate('owners-general', roster, [{ unitId: 2, optionNo: 1 }], YNA);
    expect(input.eligible).toEqual({ heads: 4, areaCenti: 46000 });
    expect(input.options).toEqual([
      { optionNo: 1, abstain: false, heads: 1, areaCenti: 17000 },
      { optionNo: 2, abstain: false, heads: 0, areaCenti: 0 },
      { optionNo: 3, abstain: true, heads: 0, areaCenti: 0 },
    ]);
    const households = aggregate('residents', roster, [{ unitId: 2, optionNo: 1 }], YNA);
    expect(households.eligible).toEqual({ heads: 5, areaCenti: 46000 });
    expect(households.options[0]).toEqual({ optionNo: 1, abstain: false, heads: 1, areaCenti: 9000 });
  });

  it('lets a later ballot of the same holder replace the earlier one', () => {
    const input = aggregate('residents', roster, [{ unitId: 3, optionNo: 1 }, { unitId: 4, optionNo: 1 }, { unitId: 3, optionNo: 2 }], YNA);
    expect(input.options.map((o) => o.heads)).toEqual([1, 1, 0]);
    expect(input.options.map((o) => o.areaCenti)).toEqual([12000, 10000, 0]);
  });

  it('lets a ballot from a second unit of the same owner replace the first', () => {
    const ballots = [{ unitId: 1, optionNo: 1 }, { unitId: 2, optionNo: 3 }];
    const owners = aggregate('owners-major', roster, ballots, YNA);
    expect(owners.options.map((o) => [o.heads, o.areaCenti])).toEqual([[0, 0], [0, 0], [1, 17000]]);
    // Under a household rule the two units are two households.
    const households = aggregate('simple', roster, ballots, YNA);
    expect(households.options.map((o) => o.heads)).toEqual([1, 0, 1]);
  });

  it('skips ballots from units off the roster or for unknown options without replacing anything', () => {
    const input = aggregate('residents', roster, [{ unitId: 3, optionNo: 1 }, { unitId: 3, optionNo: 9 }, { unitId: 99, optionNo: 1 }], YNA);
    expect(input.options.map((o) => o.heads)).toEqual([1, 0, 0]);
  });
});

describe('rule metadata', () => {
  it('names the legal source of each rule', () => {
    expect(ruleSource('owners-general')).toBe('《民法典》第二百七十八条');
    expect(ruleSource('owners-major')).toBe('《民法典》第二百七十八条');
    expect(ruleSource('residents')).toBe('《城市居民委员会组织法》（2018年修正）第九条');
    expect(ruleSource('simple')).toBeNull();
  });

  it('ranks owners-major strongest and simple weakest', () => {
    expect(POLL_RULES.filter((r) => ruleStrength(r) < ruleStrength('owners-major'))).toEqual([
      'simple',
      'residents',
      'owners-general',
    ]);
    expect(ruleStrength('simple')).toBeLessThan(ruleStrength('residents'));
    expect(ruleStrength('residents')).toBeLessThan(ruleStrength('owners-general'));
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests against an independent brute force from raw per-unit data.

/** An exact non-negative rational n/d (d > 0). */
interface Q {
  n: bigint;
  d: bigint;
}
const q = (n: bigint, d: bigint = 1n): Q => ({ n, d });
/** Sign of a − b. */
function cmpQ(a: Q, b: Q): number {
  const diff = a.n * b.d - b.n * a.d;
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}
/** x ≥ (num/den)·total, or x > … when strict, with the bound taken as the rational num·total/den. */
function atLeast(x: number, total: number, num: number, den: number, strict: boolean): boolean {
  const c = cmpQ(q(BigInt(x)), q(BigInt(num) * BigInt(total), BigInt(den)));
  return strict ? c > 0 : c >= 0;
}

interface Brute {
  outcome: string;
  valid: boolean;
  eligible: { heads: number; areaCenti: number };
  voted: { heads: number; areaCenti: number };
  options: { optionNo: number; heads: number; areaCenti: number; passed: boolean }[];
  winners: number[];
}

function brute(
  rule: PollRule,
  roster: RosterUnit[],
  ballots: { unitId: number; optionNo: number }[],
  options: { optionNo: number; abstain: boolean }[],
): Brute {
  const byOwner = rule === 'owners-general' || rule === 'owners-major';
  // A holder is named by the smallest unitId among the units it covers.
  const rep = (u: RosterUnit): number =>
    byOwner && u.ownerId
      ? Math.min(...roster.filter((v) => v.ownerId === u.ownerId).map((v) => v.unitId))
      : u.unitId;
  const choice = new Map<number, number>();
  for (let i = ballots.length - 1; i >= 0; i--) {
    const b = ballots[i]!;
    const u = roster.find((v) => v.unitId === b.unitId);
    if (!u || !options.some((o) => o.optionNo === b.optionNo)) continue;
    const h = rep(u);
    if (!choice.has(h)) choice.set(h, b.optionNo);
  }
  const holders = new Set(roster.map(rep));
  const sumArea = (pred: (u: RosterUnit) => boolean) => roster.filter(pred).reduce((s, u) => s + u.areaCenti, 0);
  const eligible = { heads: holders.size, areaCenti: sumArea(() => true) };
  const voted = { heads: choice.size, areaCenti: sumArea((u) => choice.has(rep(u))) };
  const counted = options.map((o) => ({
    optionNo: o.optionNo,
    abstain: o.abstain,
    heads: [...choice.values()].filter((c) => c === o.optionNo).length,
    areaCenti: sumArea((u) => choice.get(rep(u)) === o.optionNo),
  }));

  if (rule === 'simple') {
    const candidates = counted.filter((o) => !o.abstain && o.heads > 0);
    const top = candidates.filter((o) => candidates.every((p) => p.heads <= o.heads)).map((o) => o.optionNo);
    return {
      outcome: top.length === 1 ? 'decided' : 'tie',
      valid: true,
      eligible,
      voted,
      options: counted.map(({ optionNo, heads, areaCenti }) => ({
        optionNo,
        heads,
        areaCenti,
        passed: top.length === 1 && top[0] === optionNo,
      })),
      winners: top,
    };
  }

  let valid: boolean;
  let passes: (o: { heads: number; areaCenti: number }) => boolean;
  if (rule === 'residents') {
    valid = atLeast(voted.heads, eligible.heads, 1, 2, true);
    passes = (o) => atLeast(o.heads, voted.heads, 1, 2, true);
  } else {
    valid =
      voted.heads > 0 &&
      atLeast(voted.areaCenti, eligible.areaCenti, 2, 3, false) &&
      atLeast(voted.heads, eligible.heads, 2, 3, false);
    passes =
      rule === 'owners-general'
        ? (o) => atLeast(o.areaCenti, voted.areaCenti, 1, 2, true) && atLeast(o.heads, voted.heads, 1, 2, true)
        : (o) => atLeast(o.areaCenti, voted.areaCenti, 3, 4, false) && atLeast(o.heads, voted.heads, 3, 4, false);
  }
  const judged = counted.map(({ optionNo, heads, areaCenti, abstain }) => ({
    optionNo,
    heads,
    areaCenti,
    passed: valid && !abstain && passes({ heads, areaCenti }),
  }));
  const winners = judged.filter((o) => o.passed).map((o) => o.optionNo);
  return {
    outcome: !valid ? 'invalid' : winners.length > 0 ? 'passed' : 'failed',
    valid,
    eligible,
    voted,
    options: judged,
    winners,
  };
}

const arbRule = fc.constantFrom<PollRule>(...POLL_RULES);
const arbArea = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 0, max: 2 ** 40 }));
const arbRoster = fc
  .uniqueArray(
    fc.record({
      unitId: fc.integer({ min: 1, max: 40 }),
      areaCenti: arbArea,
      ownerId: fc.constantFrom<string | null>(null, null, '', 'A', 'B', 'C', 'D'),
    }),
    { minLength: 0, maxLength: 12, selector: (u) => u.unitId },
  );
const arbOptions = fc
  .uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 })
  .chain((nos) =>
    fc.tuple(fc.constant(nos), fc.boolean()).map(([ns, lastAbstains]) =>
      ns.map((optionNo, i) => ({ optionNo, abstain: lastAbstains && ns.length > 1 && i === ns.length - 1 })),
    ),
  );
const arbCase = fc.record({ rule: arbRule, roster: arbRoster, options: arbOptions }).chain((c) => {
  const unitIds = [...c.roster.map((u) => u.unitId), 99];
  const optionNos = [...c.options.map((o) => o.optionNo), 7];
  const ballots = fc.array(
    fc.record({ unitId: fc.constantFrom(...unitIds), optionNo: fc.constantFrom(...optionNos) }),
    { maxLength: 30 },
  );
  return ballots.map((b) => ({ ...c, ballots: b }));
});

function comparable(r: TallyResult): Brute {
  return {
    outcome: r.outcome,
    valid: r.valid,
    eligible: r.eligible,
    voted: r.voted,
    options: r.options.map(({ optionNo, heads, areaCenti, passed }) => ({ optionNo, heads, areaCenti, passed })),
    winners: r.winners,
  };
}

describe('properties', () => {
  it('agrees with a brute-force count on random rosters and ballot sequences', () => {
    fc.assert(
      fc.property(arbCase, ({ rule, roster, ballots, options }) => {
        const got = comparable(tally(aggregate(rule, roster, ballots, options)));
        expect(got).toEqual(brute(rule, roster, ballots, options));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the brute force when every eligible holder votes in small equal-area rosters', () => {
    // Dense turnouts make the exact ⅔, ½ and ¾ bounds frequent.
    const dense = fc
      .record({
        rule: arbRule,
        n: fc.integer({ min: 1, max: 8 }),
        area: fc.integer({ min: 1, max: 3 }),
        owners: fc.array(fc.constantFrom<string | null>(null, 'A', 'B'), { minLength: 8, maxLength: 8 }),
        picks: fc.array(fc.constantFrom(1, 2, 3, 0), { minLength: 8, maxLength: 8 }),
      })
      .map(({ rule, n, area, owners, picks }) => {
        const roster = Array.from({ length: n }, (_, i) => ({ unitId: i + 1, areaCenti: area, ownerId: owners[i] ?? null }));
        const ballots = roster.flatMap((u, i) => (picks[i] ? [{ unitId: u.unitId, optionNo: picks[i]! }] : []));
        return { rule, roster, ballots };
      });
    fc.assert(
      fc.property(dense, ({ rule, roster, ballots }) => {
        expect(comparable(tally(aggregate(rule, roster, ballots, YNA)))).toEqual(brute(rule, roster, ballots, YNA));
      }),
      { numRuns: 500 },
    );
  });

  it('never lets two options pass at once and never passes an invalid poll', () => {
    fc.assert(
      fc.property(arbCase, ({ rule, roster, ballots, options }) => {
        const r = tally(aggregate(rule, roster, ballots, options));
        if (rule !== 'simple') expect(r.winners.length).toBeLessThanOrEqual(1);
        if (!r.valid) expect(r.options.every((o) => !o.passed)).toBe(true);
        expect(r.options.filter((o) => o.abstain).every((o) => !o.passed && !r.winners.includes(o.optionNo))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('judges large aggregated weights exactly', () => {
    const big = fc
      .record({
        rule: arbRule,
        yes: fc.record({ heads: fc.integer({ min: 0, max: 1000 }), areaCenti: fc.integer({ min: 0, max: 2 ** 50 }) }),
        no: fc.record({ heads: fc.integer({ min: 0, max: 1000 }), areaCenti: fc.integer({ min: 0, max: 2 ** 50 }) }),
        extra: fc.record({ heads: fc.integer({ min: 0, max: 1000 }), areaCenti: fc.integer({ min: 0, max: 2 ** 51 }) }),
      });
    fc.assert(
      fc.property(big, ({ rule, yes, no, extra }) => {
        const P = { heads: yes.heads + no.heads, areaCenti: yes.areaCenti + no.areaCenti };
        const E = { heads: P.heads + extra.heads, areaCenti: P.areaCenti + extra.areaCenti };
        const r = yesNo(rule, E, yes, no);
        if (rule === 'owners-general' || rule === 'owners-major') {
          const valid = P.heads > 0 && atLeast(P.areaCenti, E.areaCenti, 2, 3, false) && atLeast(P.heads, E.heads, 2, 3, false);
          expect(r.valid).toBe(valid);
          const pass =
            rule === 'owners-general'
              ? atLeast(yes.areaCenti, P.areaCenti, 1, 2, true) && atLeast(yes.heads, P.heads, 1, 2, true)
              : atLeast(yes.areaCenti, P.areaCenti, 3, 4, false) && atLeast(yes.heads, P.heads, 3, 4, false);
          expect(r.options[0]!.passed).toBe(valid && pass);
        } else if (rule === 'residents') {
          const valid = atLeast(P.heads, E.heads, 1, 2, true);
          expect(r.valid).toBe(valid);
          expect(r.options[0]!.passed).toBe(valid && atLeast(yes.heads, P.heads, 1, 2, true));
        } else {
          expect(r.outcome).toBe(yes.heads === no.heads ? 'tie' : 'decided');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('motions with an approving option', () => {
  it('fails a motion when 反对 is the option that reaches the threshold', () => {
    const r = tally({
      rule: 'residents',
      eligible: { heads: 10, areaCenti: 0 },
      options: [
        { optionNo: 1, heads: 1, areaCenti: 0, abstain: false, approve: true },
        { optionNo: 2, heads: 6, areaCenti: 0, abstain: false },
        { optionNo: 3, heads: 0, areaCenti: 0, abstain: true },
      ],
    });
    expect(r.winners).toEqual([2]);
    expect(r.outcome).toBe('failed');
  });

  it('passes a motion when its approving option passes', () => {
    const r = tally({
      rule: 'owners-general',
      eligible: { heads: 3, areaCenti: 300 },
      options: [
        { optionNo: 1, heads: 2, areaCenti: 200, abstain: false, approve: true },
        { optionNo: 2, heads: 1, areaCenti: 100, abstain: false },
      ],
    });
    expect(r.outcome).toBe('passed');
  });

  it('recognises approving words in zh and en', () => {
    expect(['同意', '赞成', 'Yes', ' agree '].every(isApprovalWord)).toBe(true);
    expect(['反对', '弃权', 'no', '方案A'].some(isApprovalWord)).toBe(false);
  });
});
