import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentTerms, queryTerms, rankMatches } from '../../src/domain/text-match.js';

const ARTICLES = [
  '第一条 机动车在划线车位内停车，不得占用消防通道。',
  '第二条 电动自行车不得进楼道充电。',
  '第三条 外来车辆临时停车不超过两小时。',
  '第四条 文明养犬，遛狗须牵绳。',
  'Article 5 Quiet hours are 22:00 to 07:00.',
];
const match = (q: string, opts = {}) => rankMatches(q, ARTICLES, (a) => a, opts).map((r) => r.item.slice(0, 3));

describe('queryTerms and documentTerms', () => {
  it('cuts Han text into bigrams and keeps Latin words and numbers whole', () => {
    expect(queryTerms('停车位')).toEqual(['停车', '车位']);
    expect(queryTerms('Quiet HOURS 22')).toEqual(['quiet', 'hours', '22']);
    expect(queryTerms('车')).toEqual(['车']);
  });

  it('drops question words before taking bigrams', () => {
    expect(queryTerms('请问停车怎么收费')).toEqual(['停车', '收费']);
  });

  it('offers every character and bigram of a document, full-width text normalised', () => {
    const terms = documentTerms('停车ＡＢ');
    expect([...terms].sort()).toEqual(['ab', '停', '停车', '车'].sort());
  });
});

describe('rankMatches', () => {
  it('finds the articles that mention a keyword and nothing else', () => {
    expect(match('停车')).toEqual(['第一条', '第三条']);
  });

  it('ranks the article covering more of a question first and drops weak partial matches', () => {
    expect(match('电动车充电怎么规定')).toEqual(['第二条']);
    expect(match('临时停车多久')[0]).toBe('第三条');
  });

  it('matches single characters and English words', () => {
    expect(match('狗')).toEqual(['第四条']);
    expect(match('quiet hours')).toEqual(['Art']);
  });

  it('matches nothing for an empty, unrelated or punctuation-only query', () => {
    expect(match('')).toEqual([]);
    expect(match('养猫')).toEqual([]);
    expect(match('，。？')).toEqual([]);
  });

  it('respects the limit and reports scores between 0 and 1, best first', () => {
    const r = rankMatches('停车', ARTICLES, (a) => a, { limit: 1 });
    expect(r).toHaveLength(1);
    expect(r[0]!.score).toBe(1);
  });

  it('never throws and keeps scores in range on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 6 }), (q, docs) => {
        for (const r of rankMatches(q, docs, (d) => d)) expect(r.score).toBeGreaterThan(0), expect(r.score).toBeLessThanOrEqual(1 + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
