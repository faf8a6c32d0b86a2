import { describe, expect, it } from 'vitest';
import { adoptsConvention, approvalOption, conventionKey, conventionName, parseConventionText } from '../../src/domain/convention-text.js';

describe('parseConventionText', () => {
  it('reads the title, the preamble and numbered articles, joining continued lines', () => {
    const text = '\uFEFF幸福里居民公约\r\n为了共建美好家园，制定本公约。\n\n第一条 爱护公共设施，\n不乱贴乱画。\n第2条 垃圾分类投放。\n3. Keep the stairs clear\nof bikes.\n4、夜间保持安静。';
    expect(parseConventionText(text)).toEqual({
      ok: true,
      title: '幸福里居民公约',
      preamble: ['为了共建美好家园，制定本公约。'],
      articles: ['第一条 爱护公共设施，不乱贴乱画。', '第2条 垃圾分类投放。', '3. Keep the stairs clear of bikes.', '4、夜间保持安静。'],
    });
  });

  it('recognises full-width numbering and keeps the text as written', () => {
    const r = parseConventionText('１．车辆有序停放，');
    expect(r).toMatchObject({ ok: true, title: null, articles: ['１．车辆有序停放，'] });
  });

  it('refuses a text without articles, too long, or with too many articles', () => {
    expect(parseConventionText('居民公约\n大家和睦相处。')).toEqual({ ok: false, code: 'no-articles' });
    expect(parseConventionText('')).toEqual({ ok: false, code: 'no-articles' });
    expect(parseConventionText('x'.repeat(50_001))).toEqual({ ok: false, code: 'too-long' });
    expect(parseConventionText(`第1条 ${'长'.repeat(1001)}`)).toEqual({ ok: false, code: 'too-long' });
    expect(parseConventionText(Array.from({ length: 201 }, (_, i) => `${i + 1}. x`).join('\n'))).toEqual({ ok: false, code: 'too-many-articles' });
  });
});

describe('conventionName', () => {
  it.each([
    ['通过《文明养犬公约》', '文明养犬公约'],
    ['关于修订文明养犬公约的表决', '文明养犬公约'],
    ['文明停车公约（2027年修订）', '文明停车公约'],
    ['修订文明停车公约', '文明停车公约'],
    ['居民公约草案', '居民公约'],
    ['Pet rules', 'Pet rules'],
    ['表决', '居民公约'],
    ['', '居民公约'],
  ])('names %s as %s', (title, name) => {
    expect(conventionName(title)).toBe(name);
  });

  it('compares names without case or spaces', () => {
    expect(conventionKey('Pet  Rules')).toBe(conventionKey('pet rules'));
    expect(conventionKey(conventionName('通过《文明养犬公约》'))).toBe(conventionKey(conventionName('关于修订文明养犬公约的表决')));
  });
});

describe('adoptsConvention', () => {
  it('takes the first yes-worded option as the approving one, else the first option', () => {
    expect(approvalOption(['同意', '反对', '弃权'])).toBe(1);
    expect(approvalOption(['反对', '赞成'])).toBe(2);
    expect(approvalOption(['No', 'Yes'])).toBe(2);
    expect(approvalOption(['采纳新版', '维持旧版'])).toBe(1);
  });

  it('adopts only when the approving option passed', () => {
    const options = ['同意', '反对', '弃权'];
    expect(adoptsConvention({ outcome: 'passed', winners: [1] }, options)).toBe(true);
    expect(adoptsConvention({ outcome: 'passed', winners: [2] }, options)).toBe(false);
    expect(adoptsConvention({ outcome: 'failed', winners: [] }, options)).toBe(false);
    expect(adoptsConvention({ outcome: 'invalid', winners: [] }, options)).toBe(false);
    expect(adoptsConvention({ outcome: 'decided', winners: [1] }, options)).toBe(false);
  });
});
