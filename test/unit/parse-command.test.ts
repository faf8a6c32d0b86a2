import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allCommandNames,
  commandWords,
  type CommandName,
  type ParsedCommand,
  normalizeText,
  parseCommand,
} from '../../src/chat/parse-command.js';

function command(text: string, opts?: { botUsername?: string }): ParsedCommand {
  const r = parseCommand(text, opts);
  if (r.kind !== 'command') throw new Error(`expected a command for ${JSON.stringify(text)}, got ${r.kind}`);
  return r.command;
}

/** Every command, those declared by feature manifests (src/features) included. */
const ALL_NAMES = allCommandNames();

describe('normalizeText', () => {
  it('turns full-width letters, digits, punctuation and spaces into half-width', () => {
    expect(normalizeText('／ｖｏｔｅ　＃２　同意')).toBe('/vote #2 同意');
    expect(normalizeText('投票：２，３')).toBe('投票:2,3');
  });

  it('unifies Chinese punctuation that NFKC keeps', () => {
    expect(normalizeText('好的。')).toBe('好的.');
    expect(normalizeText('截止∶3天')).toBe('截止:3天');
  });

  it('collapses runs of spaces, trims every line and keeps newlines', () => {
    expect(normalizeText('  /poll   标题  \r\n  同意 \t 票\r反对  ')).toBe('/poll 标题\n同意 票\n反对');
  });

  it('drops control characters, zero-width characters and lone surrogates', () => {
    expect(normalizeText('/vo\u0000te\u200b 2\u0007\ud800')).toBe('/vote 2');
  });

  it('returns an empty string for empty or non-string input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(undefined as unknown as string)).toBe('');
  });
});

describe('command words', () => {
  it('has a distinct English name and at least one Chinese word for every command', () => {
    const en = ALL_NAMES.map((n) => commandWords(n).en);
    expect(new Set(en).size).toBe(ALL_NAMES.length);
    for (const name of ALL_NAMES) {
      expect(commandWords(name).en).toBe(name);
      expect(commandWords(name).zh.length).toBeGreaterThan(0);
    }
  });
});

describe('parseCommand: English forms', () => {
  it.each(ALL_NAMES)('recognises /%s', (name) => {
    expect(command(`/${name}`).name).toBe(name);
    expect(command(`/${name.toUpperCase()} x`).name).toBe(name);
  });

  it('splits the first line into argv and keeps the following lines', () => {
    expect(command('/vote 2 同意')).toEqual({ name: 'vote', args: '2 同意', argv: ['2', '同意'], lines: [] });
    expect(command('/poll 换电梯\n同意\n\n  反对 \n')).toEqual({
      name: 'poll',
      args: '换电梯\n同意\n\n反对',
      argv: ['换电梯'],
      lines: ['同意', '反对'],
    });
  });

  it('returns empty args for a bare command', () => {
    expect(command('/help')).toEqual({ name: 'help', args: '', argv: [], lines: [] });
  });

  it('takes the next line as the first line when nothing follows the command word', () => {
    expect(command('/poll\n换电梯\n同意\n反对')).toEqual({
      name: 'poll',
      args: '换电梯\n同意\n反对',
      argv: ['换电梯'],
      lines: ['同意', '反对'],
    });
  });

  it('removes # directly before digits in argv', () => {
    expect(command('/vote #2 同意').argv).toEqual(['2', '同意']);
    expect(command('/close #3').argv).toEqual(['3']);
    expect(command('/close #3').args).toBe('#3');
    expect(command('/topic 3#楼 漏水 #').argv).toEqual(['3#楼', '漏水', '#']);
  });

  it('strips the Telegram @suffix', () => {
    expect(command('/vote@YishiBot 2')).toMatchObject({ name: 'vote', argv: ['2'] });
    expect(command('/vote@YishiBot 2', { botUsername: 'YishiBot' })).toMatchObject({ name: 'vote', argv: ['2'] });
    expect(command('/vote@yishibot 2', { botUsername: '@YishiBot' }).name).toBe('vote');
  });

  it('ignores a command addressed to another bot', () => {
    expect(parseCommand('/vote@OtherBot 2', { botUsername: 'YishiBot' })).toEqual({ kind: 'none' });
  });

  it('drops a leading mention of the bot', () => {
    expect(command('@YishiBot /results 1', { botUsername: 'YishiBot' })).toMatchObject({ name: 'results', argv: ['1'] });
    expect(command('@议事助手 投票 2', { botUsername: '议事助手' })).toMatchObject({ name: 'vote', argv: ['2'] });
  });

  it('accepts a colon after the command word', () => {
    expect(command('/vote: 2').argv).toEqual(['2']);
  });

  it('parses full-width input', () => {
    expect(command('／ｖｏｔｅ　＃２　同意')).toEqual({ name: 'vote', args: '#2 同意', argv: ['2', '同意'], lines: [] });
  });
});

describe('parseCommand: Chinese forms', () => {
  const cases: Array<[string, CommandName, string[]]> = [
    ['帮助', 'help', []],
    ['开通 ABC123', 'setup', ['ABC123']],
    ['绑定 3-1-201 8F3K', 'bind', ['3-1-201', '8F3K']],
    ['我的', 'me', []],
    ['表决 更换电梯', 'poll', ['更换电梯']],
    ['发起投票 更换电梯', 'poll', ['更换电梯']],
    ['投票 2', 'vote', ['2']],
    ['结果', 'results', []],
    ['结果 #2', 'results', ['2']],
    ['进度 2', 'results', ['2']],
    ['结束表决 3', 'close', ['3']],
    ['表决列表', 'polls', []],
    ['公约 停车', 'convention', ['停车']],
    ['提议 楼道灯坏了', 'topic', ['楼道灯坏了']],
    ['议题 楼道灯坏了', 'topic', ['楼道灯坏了']],
    ['附议 4', 'second', ['4']],
    ['议题列表', 'topics', []],
    ['议程', 'agenda', []],
    ['议程 remove 4', 'agenda', ['remove', '4']],
    ['不予受理 4 不属于业委会职责', 'reject', ['4', '不属于业委会职责']],
    ['决议 4 下周更换', 'decide', ['4', '下周更换']],
    ['交办 4 物业 due 2026-12-01', 'assign', ['4', '物业', 'due', '2026-12-01']],
    ['进展 4 已报修', 'progress', ['4', '已报修']],
    ['办结 4 已修好', 'done', ['4', '已修好']],
    ['会议 2026-12-05 19:30 业主大会 @ 会所', 'meeting', ['2026-12-05', '19:30', '业主大会', '@', '会所']],
    ['参加 2', 'rsvp', ['2']],
    ['议事日 每月第一个星期六 19:30', 'schedule', ['每月第一个星期六', '19:30']],
    ['收费标准', 'fees', []],
    ['我家物业费', 'myfee', []],
    ['我的费用', 'myfee', []],
    ['公共收益 2026上半年', 'income', ['2026上半年']],
    ['任命 @张三 委员', 'role', ['@张三', '委员']],
    ['提醒 开', 'remind', ['开']],
    ['回执 1', 'receipt', ['1']],
    ['核验 #1 3F9A-C21B-77D0', 'receipt', ['1', '3F9A-C21B-77D0']],
    ['代录 1 2-1-301 同意', 'ballot', ['1', '2-1-301', '同意']],
    ['纸质票 1 2-1-301 反对', 'ballot', ['1', '2-1-301', '反对']],
    ['委托 @张三 2', 'proxy', ['@张三', '2']],
    ['委托 off', 'proxy', ['off']],
    ['网页', 'web', []],
    ['管理', 'desk', []],
    ['报修 3号楼电梯异响', 'repair', ['3号楼电梯异响']],
    ['派单 3 物业 48小时', 'dispatch', ['3', '物业', '48小时']],
    ['处理 3 已联系维保', 'handle', ['3', '已联系维保']],
    ['修好 3', 'fixed', ['3']],
    ['确认 3', 'confirm', ['3']],
    ['没修好 3', 'reopen', ['3']],
    ['满意 3', 'satisfied', ['3']],
    ['不满意 3', 'unsatisfied', ['3']],
  ];

  it.each(cases)('parses %s', (text, name, argv) => {
    const c = command(text);
    expect(c.name).toBe(name);
    expect(c.argv).toEqual(argv);
  });

  it('covers every command with a Chinese word', () => {
    expect(new Set(cases.map(([, n]) => n)).size + 1).toBe(ALL_NAMES.length); // faq is tested below
  });

  it.each(ALL_NAMES.flatMap((n) => commandWords(n).zh.filter((w) => w !== '上会').map((w) => [w, n] as const)))(
    'recognises %s alone and with a leading slash',
    (word, name) => {
      expect(command(word).name).toBe(name);
      expect(command(`/${word}`).name).toBe(name);
    },
  );

  it('treats 委托, 回执 and 代录 followed by ordinary words as chatter', () => {
    for (const text of ['委托物业处理一下', '委托 朋友帮忙看看', '回执 收到了吗', '代录 是什么意思']) expect(parseCommand(text).kind).toBe('none');
  });

  it('prefers the longest word', () => {
    expect(command('表决列表').name).toBe('polls');
    expect(command('议题列表').name).toBe('topics');
    expect(command('我的费用').name).toBe('myfee');
    expect(command('结束表决 2').name).toBe('close');
  });

  it('keeps 进展 (progress) apart from 进度 (results)', () => {
    expect(command('进展 3 已联系物业').name).toBe('progress');
    expect(command('进度 3').name).toBe('results');
  });

  it('accepts the word followed directly by a digit, # or colon', () => {
    expect(command('投票2').argv).toEqual(['2']);
    expect(command('投票#1 反对').argv).toEqual(['1', '反对']);
    expect(command('投票：2')).toEqual({ name: 'vote', args: '2', argv: ['2'], lines: [] });
    expect(command('投票 #1 反对')).toEqual({ name: 'vote', args: '#1 反对', argv: ['1', '反对'], lines: [] });
  });

  it('turns 上会 N into agenda add N', () => {
    expect(command('上会 3')).toEqual({ name: 'agenda', args: 'add 3', argv: ['add', '3'], lines: [] });
    expect(command('上会#3').argv).toEqual(['add', '3']);
    expect(command('/上会 3').argv).toEqual(['add', '3']);
  });

  it('turns 添加问答 into faq add', () => {
    expect(command('添加问答 物业费怎么交 | 在物业前台')).toEqual({
      name: 'faq',
      args: 'add 物业费怎么交 | 在物业前台',
      argv: ['add', '物业费怎么交', '|', '在物业前台'],
      lines: [],
    });
    expect(command('添加问答').args).toBe('add');
    expect(command('待答问题')).toEqual({ name: 'faq', args: 'pending', argv: ['pending'], lines: [] });
  });

  it('parses a poll body written in Chinese', () => {
    expect(command('表决：更换电梯\n同意\n反对\n截止：2026-12-05 20:00')).toEqual({
      name: 'poll',
      args: '更换电梯\n同意\n反对\n截止:2026-12-05 20:00',
      argv: ['更换电梯'],
      lines: ['同意', '反对', '截止:2026-12-05 20:00'],
    });
  });

  it('treats #N OPTION at the start as a vote', () => {
    expect(command('#1 反对')).toEqual({ name: 'vote', args: '1 反对', argv: ['1', '反对'], lines: [] });
    expect(command('＃２：同意').argv).toEqual(['2', '同意']);
  });
});

describe('parseCommand: chatter', () => {
  it.each([
    '我的天哪',
    '我的车停哪',
    '结果怎么样了',
    '帮助一下老人',
    '投票啦大家',
    '议题很多',
    '会议室在哪',
    '公约是什么',
    '参加者',
    '上会吗',
    '上会',
    '表决权',
    '大家好',
    '请问物业费多少',
    '今天投票 2',
    'vote 2',
    '#1',
    '#话题',
    '1 同意',
    '/',
    '/ vote',
    '/123',
    '/::)',
    '/微笑',
    '   ',
    '',
  ])('does not treat %j as a command', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'none' });
  });
});

describe('parseCommand: unknown commands', () => {
  it.each([
    ['/vot', 'vote'],
    ['/resluts', 'results'],
    ['/Votee', 'vote'],
    ['/hepl', 'help'],
    ['/pols', 'poll'],
    ['/conv', 'convention'],
    ['/shcedule', 'schedule'],
    ['/myfees', 'myfee'],
  ] as const)('suggests the nearest command for %s', (text, suggestion) => {
    const r = parseCommand(text);
    expect(r).toEqual({ kind: 'unknown-command', word: text.slice(1), suggestion });
  });

  it('suggests nothing when no command is close', () => {
    expect(parseCommand('/xyzzyplugh')).toEqual({ kind: 'unknown-command', word: 'xyzzyplugh', suggestion: null });
    expect(parseCommand('/start')).toEqual({ kind: 'unknown-command', word: 'start', suggestion: null });
    expect(parseCommand(`/${'a'.repeat(5000)}`)).toMatchObject({ kind: 'unknown-command', suggestion: null });
  });

  it('reports the word without the @suffix', () => {
    expect(parseCommand('/vot@YishiBot 2')).toEqual({ kind: 'unknown-command', word: 'vot', suggestion: 'vote' });
  });
});

describe('parseCommand: garbage', () => {
  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const r = parseCommand(s);
        expect(['command', 'unknown-command', 'none']).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings built from command words and punctuation', () => {
    const pieces = fc.constantFrom(
      '/', '#', '@', ':', '：', '＃', ' ', '\n', '\u3000', '1', '２', 'vote', '投票', '上会', '添加问答',
      '表决', '列表', '@YishiBot', '\u0000', '\ud800', '。', '、',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.option(fc.string({ maxLength: 10 })), (parts, bot) => {
        const r = parseCommand(parts.join(''), bot === null ? undefined : { botUsername: bot });
        if (r.kind === 'command') {
          expect(r.command.argv.every((a) => a.length > 0 && !/\s/.test(a))).toBe(true);
          expect(r.command.lines.every((l) => l.length > 0 && l === l.trim())).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('handles a 1 MB message', () => {
    const big = '投票 2 '.repeat(210_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    const r = parseCommand(big);
    expect(r.kind).toBe('command');
    expect(parseCommand('x'.repeat(1_048_576))).toEqual({ kind: 'none' });
    expect(parseCommand(`/${'\u0000\uffff'.repeat(600_000)}`).kind).toBe('none');
  });

  it('returns none for non-string input', () => {
    expect(parseCommand(null as unknown as string)).toEqual({ kind: 'none' });
  });
});
