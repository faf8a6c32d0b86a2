import { describe, expect, it } from 'vitest';
import { splitQuote } from '../../src/adapters/wechat/quote.js';
import { codeCandidates } from '../../src/chat/intake.js';
import { chineseNumber, readNumber, toSimplified } from '../../src/chat/parse-text.js';
import { cardPollNo } from '../../src/chat/read-message.js';
import { parseRole } from '../../src/app/members.js';
import { canonicalUnit, unitLabelCandidates } from '../../src/domain/unit-label.js';

describe('units as people say them', () => {
  it('reads building, entrance and flat in the usual spoken forms', () => {
    for (const s of ['3-2-501', '3号楼2单元501室', '3栋2单元501', '3幢2门501', '3号楼 2单元 501室', '３－２－５０１', '3-2-501室', '3#2单元501']) expect(canonicalUnit(s), s).toBe('3-2-501');
    expect(canonicalUnit('3栋501')).toBe('3-501');
    expect(canonicalUnit('A座1201')).toBe('A-1201');
    expect(canonicalUnit('东区门卫室')).toBe('东区门卫');
    expect(unitLabelCandidates('3号楼2单元501室')).toEqual(['3-2-501', '3号楼2单元501室', '3号楼2单元501']);
  });
});

describe('small readings', () => {
  it('reads Chinese numerals and numbers as typed', () => {
    expect([chineseNumber('一'), chineseNumber('十'), chineseNumber('十二'), chineseNumber('二十'), chineseNumber('九十九'), chineseNumber('两'), chineseNumber('百')]).toEqual([1, 10, 12, 20, 99, 2, null]);
    expect([readNumber('#3'), readNumber('第三'), readNumber('3号'), readNumber('三个'), readNumber('x')]).toEqual([3, 3, 3, 3, null]);
  });
  it('turns traditional characters into simplified and leaves other text alone', () => {
    expect(toSimplified('投票 1 贊成，結束表決')).toBe('投票 1 赞成，结束表决');
    expect(toSimplified('vote 1 yes')).toBe('vote 1 yes');
  });
  it('finds the poll number of a card in either language', () => {
    expect(cardPollNo('【表决 #12】停车费调整\n规则：简单多数')).toBe(12);
    expect(cardPollNo('Poll #4: Parking fees')).toBe(4);
    expect(cardPollNo('【议题 #3】增设充电桩')).toBeNull();
  });
  it('reads roles in Chinese and English', () => {
    expect(['主任', '委员', '委員', '居民', 'Chair', '召集人', '队长'].map(parseRole)).toEqual(['chair', 'committee', 'committee', 'resident', 'chair', 'chair', null]);
  });
  it('spots code-shaped tokens, also in lower case or split 4-4, and not inside longer words', () => {
    expect(codeCandidates('码是 k7m2q9xa 谢谢')).toEqual(['K7M2Q9XA']);
    expect(codeCandidates('K7M2-Q9XA')).toEqual(['K7M2Q9XA']);
    expect(codeCandidates('tomorrow at 19:30, room 3-2-501')).toEqual([]);
    expect(codeCandidates('XK7M2Q9XAB')).toEqual([]);
  });
});

describe('WeChat quotes (引用)', () => {
  it('splits a quoting message into who was quoted, what, and the reply', () => {
    expect(splitQuote('「议事助手：【表决 #1】更换门禁\n截止：2026-12-02 19:00」\n- - - - - - - - - - - - - - -\n同意')).toEqual({ name: '议事助手', quoted: '【表决 #1】更换门禁\n截止：2026-12-02 19:00', reply: '同意' });
    expect(splitQuote('同意')).toBeNull();
    expect(splitQuote('「只是引号」')).toBeNull();
  });
});
