import { describe, expect, it } from 'vitest';
import type { Poll } from '../../src/app/polls.js';
import { catalogue } from '../../src/chat/i18n/index.js';
import { tally } from '../../src/domain/tally.js';
import { chartSvg } from '../../src/print/chart-render.js';
import { resultChartSpec } from '../../src/print/chart-spec.js';
import { resultChartPng } from '../../src/print/result-chart.js';

const resultChartSvg = (...a: Parameters<typeof resultChartSpec>) => chartSvg(resultChartSpec(...a));

const poll = { pollNo: 3, title: '2号楼1单元加装电梯方案', options: ['同意', '反对', '弃权'] } as unknown as Poll;
const lift = tally({
  rule: 'owners-major',
  eligible: { heads: 4, areaCenti: 38_250 },
  options: [
    { optionNo: 1, heads: 3, areaCenti: 28_750, abstain: false, approve: true },
    { optionNo: 2, heads: 1, areaCenti: 9_500, abstain: false },
    { optionNo: 3, heads: 0, areaCenti: 0, abstain: true },
  ],
});

describe('the result picture', () => {
  it('draws turnout and each option by area and heads with the thresholds, in the poll’s language', () => {
    const svg = resultChartSvg(catalogue('zh-CN'), poll, lift);
    expect(svg).toContain('表决 #3 2号楼1单元加装电梯方案');
    expect(svg).toContain('结果：通过');
    for (const label of ['参与', '同意', '反对', '面积占比', '人数占比', '门槛', '75.2%', '75%']) expect(svg).toContain(label);
    expect(svg).not.toContain('>弃权<');
    expect(resultChartSvg(catalogue('en'), poll, lift)).toContain('Share of owners');
  });

  it('renders a PNG of 900 px width with the packaged CJK font, in the renderer process', async () => {
    const png = await resultChartPng(catalogue('zh-CN'), poll, lift);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(900);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('says a survey nobody answered has no votes', () => {
    const none = tally({ rule: 'simple', eligible: { heads: 5, areaCenti: 0 }, options: [{ optionNo: 1, heads: 0, areaCenti: 0, abstain: false }, { optionNo: 2, heads: 0, areaCenti: 0, abstain: false }] });
    expect(resultChartSvg(catalogue('zh-CN'), { ...poll, options: ['方案甲', '方案乙'] } as Poll, none)).toContain('无人投票');
  });
});

describe('the result text of a survey nobody answered', () => {
  it('reports no votes, not a tie', async () => {
    const { renderResults } = await import('../../src/chat/render-poll.js');
    const closed = { ...poll, options: ['方案甲', '方案乙'], status: 'closed', outcome: 'tie', rule: 'simple', matter: null, scope: null, noticeWaived: false, closesAt: new Date(), opensAt: new Date(), openedAt: new Date() } as unknown as Poll;
    const none = tally({ rule: 'simple', eligible: { heads: 5, areaCenti: 0 }, options: [{ optionNo: 1, heads: 0, areaCenti: 0, abstain: false }, { optionNo: 2, heads: 0, areaCenti: 0, abstain: false }] });
    const text = renderResults(catalogue('zh-CN'), closed, none, 'Asia/Shanghai', { hidden: false });
    expect(text).toContain('结果：无人投票');
    expect(text).not.toContain('平票');
  });
});
