/**
 * Pure voting tally (SPEC §6). No I/O, no sentences: only codes and numbers.
 *
 * Areas are integers in hundredths of m² (专有部分面积 × 100). They are plain `number`s: every
 * sum stays exact as long as it is at most 2^53 − 1 (Number.MAX_SAFE_INTEGER, about 9·10^13 m²,
 * far beyond any roster). Threshold checks cross-multiply in BigInt, so they can never overflow
 * or round: `value / total ≥ num / den` is decided as `value·den ≥ num·total`.
 */
import { holderKey, isOwnerRule } from './holder.js';

export { holderKey, isOwnerRule };

/** The voting rules a poll may use. */
export type PollRule = 'owners-general' | 'owners-major' | 'residents' | 'simple';

/** All rules, weakest first. */
export const POLL_RULES: readonly PollRule[] = Object.freeze([
  'simple',
  'residents',
  'owners-general',
  'owners-major',
] as const);

/** Outcome codes: `invalid` = turnout short; `tie` / `decided` only for `simple`. */
export type Outcome = 'passed' | 'failed' | 'invalid' | 'tie' | 'decided';

/** A unit of the roster: label, exclusive area in hundredths of m², optional owner id. */
export interface RosterUnit {
  unitId: number;
  areaCenti: number;
  ownerId: string | null;
}

/** Aggregated counts: heads = number of ballot holders, areaCenti = their summed area. */
export interface Weight {
  heads: number;
  areaCenti: number;
}

/** The holders (and their area) who chose one option. */
export interface OptionCount extends Weight {
  optionNo: number;
  abstain: boolean;
  /** The option approves the motion (同意/赞成/yes). When a poll has one, it passes only if that option does. */
  approve?: boolean;
}

/** What `tally` judges; the voted weight is the sum of the options. */
export interface TallyInput {
  rule: PollRule;
  eligible: Weight;
  options: OptionCount[];
}

/** One option with its verdict. */
export interface OptionResult extends OptionCount {
  passed: boolean;
}

/** A fraction bound: `{ num: 2, den: 3, strict: false }` means ≥ 2/3, `strict: true` means >. */
export interface Threshold {
  num: number;
  den: number;
  strict: boolean;
}

/** The full verdict of a poll. */
export interface TallyResult {
  rule: PollRule;
  outcome: Outcome;
  valid: boolean;
  eligible: Weight;
  voted: Weight;
  /** residents: heads = households, area null; simple: heads {0,1,false}, area null. */
  turnoutRule: { area: Threshold | null; heads: Threshold };
  /** null for simple. */
  passRule: { area: Threshold | null; heads: Threshold } | null;
  turnoutMet: { area: boolean | null; heads: boolean };
  options: OptionResult[];
  /** optionNo of passed options; for simple the option(s) with most heads (empty when nobody chose one). */
  winners: number[];
}



const APPROVAL_WORDS: ReadonlySet<string> = new Set(['同意', '赞成', '支持', '赞同', '通过', 'yes', 'y', 'agree', 'approve', 'adopt', 'for']);

/** Whether an option's text approves the motion (同意, 赞成, yes …). */
export function isApprovalWord(text: string): boolean {
  return APPROVAL_WORDS.has(text.normalize('NFKC').trim().toLowerCase());
}

/** The legal source of a rule, null for simple. */
export function ruleSource(rule: PollRule): string | null {
  switch (rule) {
    case 'owners-general':
    case 'owners-major':
      return '《民法典》第二百七十八条';
    case 'residents':
      // The 2025 revision (in force 2026-01-01) could not be checked word for word: the 2018 text's rule is kept.
      return '《城市居民委员会组织法》（2018年修正）第九条';
    case 'simple':
      return null;
  }
}

/** Orders rules by strength: simple 0 < residents 1 < owners-general 2 < owners-major 3. */
export function ruleStrength(rule: PollRule): number {
  return POLL_RULES.indexOf(rule);
}

const TWO_THIRDS: Threshold = { num: 2, den: 3, strict: false };
const HALF_EXCLUSIVE: Threshold = { num: 1, den: 2, strict: true };
const THREE_QUARTERS: Threshold = { num: 3, den: 4, strict: false };
const ALWAYS: Threshold = { num: 0, den: 1, strict: false };

interface RuleDef {
  turnout: { area: Threshold | null; heads: Threshold };
  pass: { area: Threshold | null; heads: Threshold } | null;
}

function ruleDef(rule: PollRule): RuleDef {
  switch (rule) {
    case 'owners-general':
      return { turnout: { area: TWO_THIRDS, heads: TWO_THIRDS }, pass: { area: HALF_EXCLUSIVE, heads: HALF_EXCLUSIVE } };
    case 'owners-major':
      return { turnout: { area: TWO_THIRDS, heads: TWO_THIRDS }, pass: { area: THREE_QUARTERS, heads: THREE_QUARTERS } };
    case 'residents':
      return { turnout: { area: null, heads: HALF_EXCLUSIVE }, pass: { area: null, heads: HALF_EXCLUSIVE } };
    case 'simple':
      return { turnout: { area: null, heads: ALWAYS }, pass: null };
  }
}

/** `value / total` meets the threshold, decided exactly as `value·den (≥|>) num·total` in BigInt. */
function meets(value: number, total: number, th: Threshold): boolean {
  const lhs = BigInt(value) * BigInt(th.den);
  const rhs = BigInt(th.num) * BigInt(total);
  return th.strict ? lhs > rhs : lhs >= rhs;
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`tally: ${what} must be a non-negative safe integer`);
}

function copyThreshold(t: Threshold | null): Threshold | null {
  return t === null ? null : { ...t };
}

/**
 * Judges a poll. Abstain options count in turnout but never pass and never win.
 * Owner and residents rules: invalid when turnout is short (and always when nobody took part);
 * otherwise each non-abstain option is judged on its own, and the poll is `passed` when at least
 * one option passes, else `failed`. Simple: always valid; the non-abstain option(s) with the most
 * heads win, `decided` for one, `tie` for several or when no option got a vote.
 * Throws RangeError on negative / non-integer counts or a repeated optionNo.
 */
export function tally(input: TallyInput): TallyResult {
  const { rule, eligible } = input;
  const def = ruleDef(rule);
  checkCount(eligible.heads, 'eligible.heads');
  checkCount(eligible.areaCenti, 'eligible.areaCenti');
  const seen = new Set<number>();
  let votedHeads = 0;
  let votedArea = 0;
  for (const o of input.options) {
    if (seen.has(o.optionNo)) throw new RangeError('tally: duplicate optionNo');
    seen.add(o.optionNo);
    checkCount(o.heads, 'option.heads');
    checkCount(o.areaCenti, 'option.areaCenti');
    votedHeads += o.heads;
    votedArea += o.areaCenti;
  }
  checkCount(votedHeads, 'voted.heads');
  checkCount(votedArea, 'voted.areaCenti');
  const voted: Weight = { heads: votedHeads, areaCenti: votedArea };

  const areaMet = def.turnout.area === null ? null : meets(voted.areaCenti, eligible.areaCenti, def.turnout.area);
  // Nobody taking part never makes a valid owners/residents poll (matters only for an empty roster).
  const headsMet =
    rule === 'simple' ? true : voted.heads > 0 && meets(voted.heads, eligible.heads, def.turnout.heads);
  const valid = headsMet && areaMet !== false;

  let options: OptionResult[];
  let winners: number[];
  let outcome: Outcome;

  if (def.pass === null) {
    let max = 0;
    for (const o of input.options) if (!o.abstain && o.heads > max) max = o.heads;
    winners = max === 0 ? [] : input.options.filter((o) => !o.abstain && o.heads === max).map((o) => o.optionNo);
    outcome = winners.length === 1 ? 'decided' : 'tie';
    const sole = outcome === 'decided' ? winners[0] : undefined;
    options = input.options.map((o) => ({ ...o, passed: o.optionNo === sole }));
  } else {
    const pass = def.pass;
    options = input.options.map((o) => ({
      ...o,
      passed:
        valid &&
        !o.abstain &&
        meets(o.heads, voted.heads, pass.heads) &&
        (pass.area === null || meets(o.areaCenti, voted.areaCenti, pass.area)),
    }));
    winners = options.filter((o) => o.passed).map((o) => o.optionNo);
    // A motion (同意/反对/弃权) passes only when its approving option passes: a passing 反对 rejects it.
    const motion = options.some((o) => o.approve);
    const carried = motion ? options.some((o) => o.passed && o.approve) : winners.length > 0;
    outcome = !valid ? 'invalid' : carried ? 'passed' : 'failed';
  }

  return {
    rule,
    outcome,
    valid,
    eligible: { heads: eligible.heads, areaCenti: eligible.areaCenti },
    voted,
    turnoutRule: { area: copyThreshold(def.turnout.area), heads: { ...def.turnout.heads } },
    passRule:
      def.pass === null ? null : { area: copyThreshold(def.pass.area), heads: { ...def.pass.heads } },
    turnoutMet: { area: areaMet, heads: headsMet },
    options,
    winners,
  };
}

/**
 * Builds a TallyInput from the roster and the ballots in cast order. A later ballot of the same
 * holder replaces the earlier; under owner rules a ballot from any unit of an owner counts for all
 * that owner's units (one head, their summed area). Ballots from units not on the roster or for
 * options not listed are skipped (they replace nothing). Options keep their given order.
 * Throws RangeError on a repeated unitId or optionNo, or a bad area.
 */
export function aggregate(
  rule: PollRule,
  roster: RosterUnit[],
  ballots: { unitId: number; optionNo: number }[],
  options: { optionNo: number; abstain: boolean }[],
): TallyInput {
  const unitHolder = new Map<number, string>();
  const holderArea = new Map<string, number>();
  let eligibleArea = 0;
  for (const u of roster) {
    if (unitHolder.has(u.unitId)) throw new RangeError('aggregate: duplicate unitId');
    checkCount(u.areaCenti, 'unit.areaCenti');
    const key = holderKey(rule, u);
    unitHolder.set(u.unitId, key);
    holderArea.set(key, (holderArea.get(key) ?? 0) + u.areaCenti);
    eligibleArea += u.areaCenti;
  }
  checkCount(eligibleArea, 'eligible.areaCenti');

  const counts = new Map<number, OptionCount>();
  for (const o of options) {
    if (counts.has(o.optionNo)) throw new RangeError('aggregate: duplicate optionNo');
    counts.set(o.optionNo, { optionNo: o.optionNo, abstain: o.abstain, heads: 0, areaCenti: 0 });
  }

  const latest = new Map<string, number>();
  for (const b of ballots) {
    const key = unitHolder.get(b.unitId);
    if (key === undefined || !counts.has(b.optionNo)) continue;
    latest.set(key, b.optionNo);
  }
  for (const [key, optionNo] of latest) {
    const c = counts.get(optionNo);
    if (c === undefined) continue;
    c.heads += 1;
    c.areaCenti += holderArea.get(key) ?? 0;
  }

  return {
    rule,
    eligible: { heads: holderArea.size, areaCenti: eligibleArea },
    options: [...counts.values()],
  };
}
