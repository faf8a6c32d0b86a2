import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/chat/parse-command.js';
import { type PollDraft, matchOption, parseDeadline, parsePollText } from '../../src/chat/parse-poll.js';

function draft(args: string, lines: string[] = [], opts?: { today?: string }): PollDraft {
  const r = parsePollText(args, lines, opts);
  if (!r.ok) throw new Error(`expected a draft, got ${r.code}`);
  return r.draft;
}

function fromMessage(text: string): PollDraft {
  const r = parseCommand(text);
  if (r.kind !== 'command' || r.command.name !== 'poll') throw new Error(`not a poll: ${text}`);
  return draft(r.command.args, r.command.lines);
}

describe('parsePollText: defaults', () => {
  it('gives a bare title the default options, the simple rule and no deadline', () => {
    expect(draft('小区是否增设快递柜')).toEqual({
      title: '小区是否增设快递柜',
      options: ['同意', '反对', '弃权'],
      abstainOption: 3,
      optionLetters: false,
      rule: 'simple',
      ruleGiven: false,
      deadline: null,
      secret: false,
      hideResults: false,
      final: false,
      confirmRule: false,
      convention: false,
      articles: [],
      matter: null,
      scope: null,
      opens: null,
    });
  });

  it('takes the title from the first line of args only', () => {
    expect(draft('换电梯\n同意\n反对', ['同意', '反对']).title).toBe('换电梯');
  });
});

describe('parsePollText: a Chinese poll with every line kind', () => {
  it('reads options, deadline, rule and flags', () => {
    const d = fromMessage(
      [
        '表决：使用维修资金更换3号楼电梯',
        '1、同意',
        '2、反对',
        '3、弃权',
        '截止：2026-12-05 20:00',
        '规则：重大事项',
        '不记名',
        '结果保密',
        '不可改票',
        '确认规则',
      ].join('\n'),
    );
    expect(d).toEqual({
      title: '使用维修资金更换3号楼电梯',
      options: ['同意', '反对', '弃权'],
      abstainOption: 3,
      optionLetters: false,
      rule: 'owners-major',
      ruleGiven: true,
      deadline: { kind: 'at', local: '2026-12-05 20:00' },
      secret: true,
      hideResults: true,
      final: true,
      confirmRule: true,
      convention: false,
      articles: [],
      matter: null,
      scope: null,
      opens: null,
    });
  });

  it.each([
    ['一般事项', 'owners-general'],
    ['重大事项', 'owners-major'],
    ['居民会议', 'residents'],
    ['简单多数', 'simple'],
  ] as const)('maps 规则: %s to %s', (word, rule) => {
    expect(draft('题目', [`规则: ${word}`])).toMatchObject({ rule, ruleGiven: true });
  });

  it.each([
    ['截止: 3天', 3 * 24 * 60],
    ['截止: 2小时', 120],
    ['截止：2 个小时', 120],
    ['截止: 30分钟', 30],
    ['截止: 1周', 7 * 24 * 60],
  ])('reads the relative deadline %s', (line, minutes) => {
    expect(draft('题目', [line]).deadline).toEqual({ kind: 'in', minutes });
  });

  it.each([
    ['截止: 2026年12月5日 20:00', '2026-12-05 20:00'],
    ['截止: 2026年12月5日20点', '2026-12-05 20:00'],
    ['截止: 2026年12月5日 晚上8点30', '2026-12-05 20:30'],
    ['截止时间: 2026/12/5 8:05', '2026-12-05 08:05'],
    ['截止: 2026-12-05', '2026-12-05 23:59'],
  ])('reads the absolute deadline %s', (line, local) => {
    expect(draft('题目', [line]).deadline).toEqual({ kind: 'at', local });
  });

  it('reads a deadline without a year when today is given', () => {
    expect(draft('题目', ['截止：12月5日 20:00'], { today: '2026-11-20' }).deadline).toEqual({
      kind: 'at',
      local: '2026-12-05 20:00',
    });
    expect(draft('题目', ['截止: 1月5日 20:00'], { today: '2026-11-20' }).deadline).toEqual({
      kind: 'at',
      local: '2027-01-05 20:00',
    });
  });

  it('rejects a deadline without a year when today is unknown', () => {
    expect(parsePollText('题目', ['截止：12月5日 20:00'])).toEqual({ ok: false, code: 'bad-deadline' });
  });

  it('strips option numbering', () => {
    expect(draft('选颜色', ['1. 红色', '2、蓝色', 'C. 绿色', '- 灰色', '(5) 白色', '1.5米高栏杆']).options).toEqual([
      '红色',
      '蓝色',
      '绿色',
      '灰色',
      '白色',
      '1.5米高栏杆',
    ]);
  });
});

describe('parsePollText: an English poll with every line kind', () => {
  it('reads options, deadline, rule and flags', () => {
    const d = fromMessage(
      [
        '/poll Repaint the fences',
        'A. Yes',
        'B. No',
        'C. Abstain',
        'deadline: 7d',
        'rule: owners-general',
        'secret',
        'hide-results',
        'final',
        'confirm-rule',
      ].join('\n'),
    );
    expect(d).toMatchObject({
      title: 'Repaint the fences',
      options: ['Yes', 'No', 'Abstain'],
      abstainOption: 3,
      rule: 'owners-general',
      ruleGiven: true,
      deadline: { kind: 'in', minutes: 7 * 24 * 60 },
      secret: true,
      hideResults: true,
      final: true,
      confirmRule: true,
      convention: false,
    });
  });

  it.each(['owners-general', 'owners-major', 'residents', 'simple'] as const)('maps rule: %s', (rule) => {
    expect(draft('Title', [`rule: ${rule}`]).rule).toBe(rule);
  });

  it('reads flags and keys case-insensitively', () => {
    expect(draft('Title', ['RULE: Owners_Major', 'Hide Results', 'SECRET'])).toMatchObject({
      rule: 'owners-major',
      hideResults: true,
      secret: true,
    });
  });

  it.each([
    ['deadline: 48h', { kind: 'in', minutes: 48 * 60 }],
    ['deadline: 2 days', { kind: 'in', minutes: 2 * 24 * 60 }],
    ['deadline: 90m', { kind: 'in', minutes: 90 }],
    ['deadline: 2026-12-05 20:00', { kind: 'at', local: '2026-12-05 20:00' }],
  ])('reads %s', (line, deadline) => {
    expect(draft('Title', [line]).deadline).toEqual(deadline);
  });

  it('reads full-width lines', () => {
    expect(fromMessage('／ｐｏｌｌ　Ｔｉｔｌｅ\nｄｅａｄｌｉｎｅ：７ｄ\n１．Ｙｅｓ\n２．Ｎｏ')).toMatchObject({
      title: 'Title',
      options: ['Yes', 'No'],
      abstainOption: null,
      deadline: { kind: 'in', minutes: 7 * 24 * 60 },
    });
  });
});

describe('parsePollText: conventions', () => {
  it('stores numbered lines as articles and defaults to 同意/反对/弃权 and the residents rule', () => {
    const d = fromMessage(
      ['表决 通过《文明养犬公约》', '公约', '第一条 遛狗须牵绳', '第2条 及时清理粪便', '3. 禁止在儿童游乐区遛狗', '4、夜间控制犬吠'].join('\n'),
    );
    expect(d).toMatchObject({
      title: '通过《文明养犬公约》',
      convention: true,
      rule: 'residents',
      ruleGiven: false,
      options: ['同意', '反对', '弃权'],
      abstainOption: 3,
      articles: ['第一条 遛狗须牵绳', '第2条 及时清理粪便', '3. 禁止在儿童游乐区遛狗', '4、夜间控制犬吠'],
    });
  });

  it('recognises the flag after the articles', () => {
    expect(draft('Pet rules', ['1. Leash dogs', '2. Clean up', 'convention'])).toMatchObject({
      convention: true,
      articles: ['1. Leash dogs', '2. Clean up'],
      options: ['同意', '反对', '弃权'],
    });
  });

  it('keeps an explicit rule on a convention poll', () => {
    expect(draft('公约', ['公约', '规则: 一般事项', '第一条 x'])).toMatchObject({ rule: 'owners-general', ruleGiven: true });
  });

  it('treats numbered lines as options when the poll is not a convention', () => {
    expect(draft('选方案', ['1. 方案甲', '2. 方案乙'])).toMatchObject({ options: ['方案甲', '方案乙'], articles: [] });
  });
});

describe('parsePollText: errors', () => {
  it('reports a missing title', () => {
    expect(parsePollText('', [])).toEqual({ ok: false, code: 'missing-title' });
    expect(parsePollText('   ', ['同意', '反对'])).toEqual({ ok: false, code: 'missing-title' });
  });

  it.each(['截止: 明天', 'deadline: soon', 'deadline: 0d', 'deadline: 2026-02-30 10:00', 'deadline: 2026-12-05 25:00', '截止:', 'deadline: 9999d'])(
    'reports a bad deadline for %s',
    (line) => {
      expect(parsePollText('题目', [line])).toEqual({ ok: false, code: 'bad-deadline' });
    },
  );

  it.each(['规则: 随便', 'rule: majority', 'rule: constructor', 'rule:'])('reports a bad rule for %s', (line) => {
    expect(parsePollText('题目', [line])).toEqual({ ok: false, code: 'bad-rule' });
  });

  it('reports too few, too many and duplicate options', () => {
    expect(parsePollText('题目', ['同意'])).toEqual({ ok: false, code: 'too-few-options' });
    const eleven = Array.from({ length: 11 }, (_, i) => `方案${i + 1}`);
    expect(parsePollText('题目', eleven)).toEqual({ ok: false, code: 'too-many-options' });
    expect(draft('题目', eleven.slice(0, 10)).options).toHaveLength(10);
    expect(parsePollText('题目', ['1. 同意', '2. 同意'])).toEqual({ ok: false, code: 'duplicate-option' });
    expect(parsePollText('Title', ['Yes', 'YES'])).toEqual({ ok: false, code: 'duplicate-option' });
  });

  it('reports an over-long title, option or poll', () => {
    expect(draft('题'.repeat(200)).title).toHaveLength(200);
    expect(parsePollText('题'.repeat(201), [])).toEqual({ ok: false, code: 'too-long' });
    expect(draft('题目', ['选'.repeat(100), '反对']).options[0]).toHaveLength(100);
    expect(parsePollText('题目', ['选'.repeat(101), '反对'])).toEqual({ ok: false, code: 'too-long' });
    const lines = Array.from({ length: 50 }, () => '说'.repeat(90));
    expect(parsePollText('题目', lines)).toEqual({ ok: false, code: 'too-long' });
    expect(parsePollText('x'.repeat(1_048_576), [])).toEqual({ ok: false, code: 'too-long' });
  });

  it('counts an emoji as one character', () => {
    expect(draft('👍'.repeat(200)).title).toBe('👍'.repeat(200));
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ unit: 'binary', maxLength: 120 }), { maxLength: 15 }), (title, lines) => {
        const r = parsePollText(title, lines);
        if (r.ok) {
          expect(r.draft.options.length).toBeGreaterThanOrEqual(2);
          expect(r.draft.options.length).toBeLessThanOrEqual(10);
          expect(r.draft.title.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseDeadline', () => {
  it('returns null for empty or unparseable text', () => {
    expect(parseDeadline('')).toBeNull();
    expect(parseDeadline('下周')).toBeNull();
  });
});

describe('matchOption', () => {
  const zh = ['同意', '反对', '弃权'];
  const en = ['Yes', 'No', 'Abstain'];

  it('matches the option number', () => {
    expect(matchOption(zh, '1')).toBe(1);
    expect(matchOption(zh, '#3')).toBe(3);
    expect(matchOption(zh, '３')).toBe(3);
    expect(matchOption(zh, '4')).toBeNull();
    expect(matchOption(zh, '0')).toBeNull();
  });

  it('matches the exact text, case-insensitively and normalised', () => {
    expect(matchOption(['红色', '蓝色'], '蓝色')).toBe(2);
    expect(matchOption(en, 'ABSTAIN')).toBe(3);
    expect(matchOption(['方案 A', '方案 B'], '方案　Ｂ')).toBe(2);
    expect(matchOption(zh, ' 反对！')).toBe(2);
  });

  it('matches the text before the number when no option has that number', () => {
    expect(matchOption(['3', '5'], '5')).toBe(2);
    expect(matchOption(['3', '5'], '2')).toBe(2);
  });

  it.each(['同意', '赞成', '支持', 'yes', 'Y', 'agree'])('maps %s to the yes option', (typed) => {
    expect(matchOption(zh, typed)).toBe(1);
    expect(matchOption(en, typed)).toBe(1);
    expect(matchOption(['弃权', '赞成', '反对'], typed)).toBe(2);
  });

  it.each(['反对', '不同意', 'no', 'N', 'against'])('maps %s to the no option', (typed) => {
    expect(matchOption(zh, typed)).toBe(2);
    expect(matchOption(en, typed)).toBe(2);
  });

  it.each(['弃权', 'abstain', 'Abstain'])('maps %s to the abstain option', (typed) => {
    expect(matchOption(zh, typed)).toBe(3);
    expect(matchOption(en, typed)).toBe(3);
  });

  it('returns null when nothing matches', () => {
    expect(matchOption(['红色', '蓝色'], '同意')).toBeNull();
    expect(matchOption(zh, '也许')).toBeNull();
    expect(matchOption(zh, '')).toBeNull();
    expect(matchOption([], '1')).toBeNull();
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 10 }), fc.string({ unit: 'binary' }), (options, typed) => {
        const r = matchOption(options, typed);
        expect(r === null || (Number.isInteger(r) && r >= 1 && r <= options.length)).toBe(true);
      }),
    );
  });
});

describe('parsePollText: matter, scope and opening lines', () => {
  it('reads 事项, 范围 and 开始 lines in Chinese and English', () => {
    const zh = fromMessage('表决 方案\n事项: 加装电梯\n范围: 2号楼1单元\n开始: 立即\n确认规则');
    expect(zh).toMatchObject({ matter: 7, scope: '2-1', opens: { kind: 'now' }, confirmRule: true, ruleGiven: false });
    const en = fromMessage('/poll Plan\nmatter: use-repair-fund\nscope: 2\nopen: 2026-12-20 09:00');
    expect(en).toMatchObject({ matter: 5, scope: '2', opens: { kind: 'at', local: '2026-12-20 09:00' } });
  });
  it('refuses a matter, scope or opening it cannot read', () => {
    expect(parsePollText('方案', ['事项: 随便'])).toEqual({ ok: false, code: 'bad-matter' });
    expect(parsePollText('方案', ['范围: 东边'])).toEqual({ ok: false, code: 'bad-scope' });
    expect(parsePollText('方案', ['开始: 等等再说'])).toEqual({ ok: false, code: 'bad-open' });
  });
});
