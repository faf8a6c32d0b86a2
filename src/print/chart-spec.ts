import type { Poll } from '../app/polls.js';
import type { Catalogue } from '../chat/i18n/index.js';
import { outcomeWords } from '../chat/render-poll.js';
import type { Threshold, TallyResult } from '../domain/tally.js';

/**
 * What the result chart shows, as plain data (JSON): the words already in the poll's language and
 * the shares in percent. It is all the renderer needs, so the picture can be drawn in another process.
 */
export interface ResultChartSpec {
  title: string;
  subtitle: string;
  /** Turnout first, then each option that is not an abstention. */
  categories: string[];
  /** Share by area per category (owners' rules only), percent. */
  area: (number | null)[] | null;
  /** Share by heads (households) per category, percent. */
  heads: number[];
  /** Threshold marks: [category index, percent]. */
  marks: [number, number][];
  names: { area: string; heads: string; threshold: string };
}

/** A share in percent, for drawing only (decisions are made exactly, in the tally). */
const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const thresholdPct = (th: Threshold | null | undefined): number | null => (th && th.num > 0 ? Math.round((th.num / th.den) * 1000) / 10 : null);

/** The chart of a result: turnout and each option's share by area and by heads, with a mark at each threshold. */
export function resultChartSpec(t: Catalogue, poll: Pick<Poll, 'pollNo' | 'title' | 'options'>, r: TallyResult): ResultChartSpec {
  const owners = r.rule === 'owners-general' || r.rule === 'owners-major';
  const categories = [t.chart.turnout];
  const area: (number | null)[] = [owners ? pct(r.voted.areaCenti, r.eligible.areaCenti) : null];
  const heads: number[] = [pct(r.voted.heads, r.eligible.heads)];
  const marks: [number, number][] = [];
  const turnout = thresholdPct(r.turnoutRule.heads);
  if (turnout !== null && r.rule !== 'simple') marks.push([0, turnout]);
  const pass = thresholdPct(r.passRule?.heads);
  for (const o of r.options) {
    if (o.abstain) continue;
    const i = categories.push(poll.options[o.optionNo - 1] ?? String(o.optionNo)) - 1;
    area.push(owners ? pct(o.areaCenti, r.voted.areaCenti) : null);
    heads.push(pct(o.heads, r.voted.heads));
    if (pass !== null) marks.push([i, pass]);
  }
  return {
    title: t.chart.title(poll.pollNo, poll.title),
    subtitle: t.chart.subtitle(t.ruleName(r.rule), outcomeWords(t, r)),
    categories,
    area: owners ? area : null,
    heads,
    marks,
    names: { area: t.chart.area, heads: owners ? t.chart.heads : t.chart.households, threshold: t.chart.threshold },
  };
}
