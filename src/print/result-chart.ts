import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Poll } from '../app/polls.js';
import type { Catalogue } from '../chat/i18n/index.js';
import type { Threshold, TallyResult } from '../domain/tally.js';
import { CJK_FONT_FAMILY, cjkFontPath } from './font.js';

const WIDTH = 900;
const HEIGHT = 520;

/** A share in percent, for drawing only (decisions are made exactly, in the tally). */
const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const thresholdPct = (th: Threshold | null | undefined): number | null => (th && th.num > 0 ? Math.round((th.num / th.den) * 1000) / 10 : null);

/**
 * The result as a bar chart in SVG (ECharts rendered on the server): turnout and each option's
 * share by area and by heads, with a mark at each threshold.
 */
export function resultChartSvg(t: Catalogue, poll: Poll, r: TallyResult): string {
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
  const label = { show: true, position: 'top' as const, formatter: '{c}%', fontFamily: CJK_FONT_FAMILY, fontSize: 14 };
  const series: echarts.SeriesOption[] = [];
  if (owners) series.push({ name: t.chart.area, type: 'bar', data: area, barMaxWidth: 56, label, itemStyle: { color: '#3b7dd8' } });
  series.push({ name: owners ? t.chart.heads : t.chart.households, type: 'bar', data: heads, barMaxWidth: 56, label, itemStyle: { color: '#45a776' } });
  if (marks.length) {
    series.push({ name: t.chart.threshold, type: 'scatter', data: marks, symbol: 'rect', symbolSize: [owners ? 130 : 70, 4], itemStyle: { color: '#d64545' }, z: 10 });
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CJK_FONT_FAMILY },
    title: {
      text: t.chart.title(poll.pollNo, poll.title),
      subtext: t.chart.subtitle(t.ruleName(r.rule), r.rule === 'simple' && r.voted.heads === 0 ? t.results.noVotes : t.outcomeName(r.outcome)),
      left: 'center',
      textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 22, fontWeight: 'bold', color: '#222222' },
      subtextStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 15, color: '#444444' },
    },
    legend: { bottom: 8, textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 14 } },
    grid: { left: 60, right: 30, top: 100, bottom: 70 },
    xAxis: { type: 'category', data: categories, axisLabel: { fontFamily: CJK_FONT_FAMILY, fontSize: 15, color: '#222222' } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontFamily: CJK_FONT_FAMILY } },
    series,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The result chart as a PNG (resvg, off the event loop, with the CJK font shipped in the package and no system fonts). */
export async function resultChartPng(t: Catalogue, poll: Poll, r: TallyResult): Promise<Buffer> {
  const image = await renderAsync(resultChartSvg(t, poll, r), {
    font: { loadSystemFonts: false, fontFiles: [cjkFontPath('regular')], defaultFontFamily: CJK_FONT_FAMILY, sansSerifFamily: CJK_FONT_FAMILY },
    fitTo: { mode: 'width', value: WIDTH },
    background: '#ffffff',
  });
  return image.asPng();
}
