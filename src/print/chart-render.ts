/**
 * Draws a result chart: ECharts renders it to SVG on the server, resvg turns that into a PNG with
 * the CJK font shipped in the package (no system fonts). Both are large: this module is loaded by
 * the chart renderer process (chart-child.ts) and by tests, never by the service itself.
 */
import { Resvg } from '@resvg/resvg-js';
import type { SeriesOption } from 'echarts';
// The one-file build loads in a fifth of the time and memory of the package's thousand modules.
import * as echarts from 'echarts/dist/echarts.esm.min.mjs';
import type { ResultChartSpec } from './chart-spec.js';
import { CJK_FONT_FAMILY, cjkFontPath } from './font.js';

export const CHART_WIDTH = 900;
const HEIGHT = 520;

/** The chart as SVG: bars of turnout and of each option's share, a red mark at each threshold. */
export function chartSvg(spec: ResultChartSpec): string {
  const owners = spec.area !== null;
  const label = { show: true, position: 'top' as const, formatter: '{c}%', fontFamily: CJK_FONT_FAMILY, fontSize: 14 };
  const series: SeriesOption[] = [];
  if (spec.area) series.push({ name: spec.names.area, type: 'bar', data: spec.area, barMaxWidth: 56, label, itemStyle: { color: '#3b7dd8' } });
  series.push({ name: spec.names.heads, type: 'bar', data: spec.heads, barMaxWidth: 56, label, itemStyle: { color: '#45a776' } });
  if (spec.marks.length) {
    series.push({ name: spec.names.threshold, type: 'scatter', data: spec.marks, symbol: 'rect', symbolSize: [owners ? 130 : 70, 4], itemStyle: { color: '#d64545' }, z: 10 });
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: HEIGHT });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CJK_FONT_FAMILY },
    title: {
      text: spec.title,
      subtext: spec.subtitle,
      left: 'center',
      textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 22, fontWeight: 'bold', color: '#222222' },
      subtextStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 15, color: '#444444' },
    },
    legend: { bottom: 8, textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 14 } },
    grid: { left: 60, right: 30, top: 100, bottom: 70 },
    xAxis: { type: 'category', data: spec.categories, axisLabel: { fontFamily: CJK_FONT_FAMILY, fontSize: 15, color: '#222222' } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontFamily: CJK_FONT_FAMILY } },
    series,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/**
 * The chart as a PNG of CHART_WIDTH pixels. Drawn on the calling thread: in the renderer process
 * nothing else waits, and resvg's thread-pool variant keeps a copy of the font per worker thread
 * (about twice the peak memory).
 */
export function chartPng(spec: ResultChartSpec): Buffer {
  const resvg = new Resvg(chartSvg(spec), {
    font: { loadSystemFonts: false, fontFiles: [cjkFontPath('regular')], defaultFontFamily: CJK_FONT_FAMILY, sansSerifFamily: CJK_FONT_FAMILY },
    fitTo: { mode: 'width', value: CHART_WIDTH },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
