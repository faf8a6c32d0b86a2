import { describe, expect, it } from 'vitest';
import { commandMenu } from '../../src/adapters/telegram/bot-commands.js';
import { allFeatures } from '../../src/chat/features/index.js';
import { readMessage } from '../../src/chat/read-message.js';
import { deskReports, reportKinds } from '../../src/cli/reports.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { USAGE } from '../../src/cli/admin.js';
import { manifestHelp, reminderKindLabel, reminderMovingCommands, reminderProvider } from '../../src/features/registry.js';
import type { Ctx } from '../../src/chat/context.js';

const read = (text: string) => {
  const r = readMessage({ text });
  return r.kind === 'command' ? { name: r.command.name, argv: r.command.argv } : r.kind;
};

describe('topics, meetings and conventions, declared by their manifests', () => {
  it('reads their words, numbers and shorthands as residents type them, and leaves talk alone', () => {
    expect(read('附议三')).toEqual({ name: 'second', argv: ['3'] });
    expect(read('附議三')).toEqual({ name: 'second', argv: ['3'] });
    expect(read('上会 3')).toEqual({ name: 'agenda', argv: ['add', '3'] });
    expect(read('上会吧')).toBe('none');
    expect(read('决议 第二 同意加装')).toEqual({ name: 'decide', argv: ['2', '同意加装'] });
    expect(read('议题 太多了吧')).toBe('none');
    expect(read('参加五')).toEqual({ name: 'rsvp', argv: ['5'] });
    expect(read('会议 几点开始啊')).toBe('none');
    expect(read('会议 明天晚上7点 加装电梯说明会')).toMatchObject({ name: 'meeting' });
    expect(read('公约 是谁定的')).toBe('none');
    expect(read('公约 停车')).toEqual({ name: 'convention', argv: ['停车'] });
  });

  it('puts their commands on the router, in the help and the Telegram menu', () => {
    const commands = allFeatures().flatMap((f) => f.commands);
    for (const name of ['topic', 'second', 'topics', 'agenda', 'reject', 'decide', 'assign', 'progress', 'done', 'meeting', 'rsvp', 'convention'] as const) {
      expect(commands.filter((c) => c === name)).toHaveLength(1);
    }
    expect(manifestHelp('zh-CN', 'anyone')).toEqual(expect.arrayContaining(['议程 — 下次议事协商日的议程', '会议 — 近期会议', '公约 [关键词] — 现行公约，或查找条文，例如：公约 停车']));
    expect(manifestHelp('zh-CN', 'committee')).toEqual(expect.arrayContaining(['上会 编号 / 议程 撤下 编号 — 列入或撤出议程', '会议 日期 时间 标题 [@ 地点] — 安排会议']));
    expect(manifestHelp('en', 'member')).toEqual(expect.arrayContaining(['/topic TEXT — propose a topic', '/rsvp N — attend a meeting']));
    expect(commandMenu('en').map((c) => c.command)).toEqual(expect.arrayContaining(['topics', 'agenda', 'topic', 'second', 'decide', 'meeting', 'rsvp', 'convention']));
  });

  it('registers their reminders, reminder-moving commands, exports and operator commands', () => {
    expect(reminderProvider('deliberation')?.kinds).toEqual(['deliberation', 'overdue']);
    expect(reminderProvider('meeting')?.kinds).toEqual(['meeting']);
    expect(reminderProvider('deliberation')?.beforeDue?.kind).toBe('deliberation');
    expect(reminderMovingCommands()).toEqual(expect.arrayContaining(['agenda', 'reject', 'decide', 'assign', 'done', 'meeting']));
    expect(reminderMovingCommands()).not.toContain('progress');
    expect(reportKinds()).toEqual(['polls', 'ballots', 'topics', 'meetings', 'repairs']);
    expect(COMMANDS.filter((c) => c.words.join(' ') === 'convention import')).toHaveLength(1);
  });
});

describe('fees, declared by their manifest', () => {
  it('reads the fee words, the FAQ shorthands and the committee switch, and leaves talk alone', () => {
    expect(read('收费标准')).toEqual({ name: 'fees', argv: [] });
    expect(read('收费标准 自动回答 开')).toEqual({ name: 'fees', argv: ['自动回答', '开'] });
    expect(read('收费标准 是多少啊')).toBe('none');
    expect(read('我家物业费')).toEqual({ name: 'myfee', argv: [] });
    expect(read('我的费用')).toEqual({ name: 'myfee', argv: [] });
    expect(read('添加问答 物业费怎么交 | 在物业前台')).toEqual({ name: 'faq', argv: ['add', '物业费怎么交', '|', '在物业前台'] });
    expect(read('待答问题')).toEqual({ name: 'faq', argv: ['pending'] });
    expect(read('公共收益 2026上半年')).toEqual({ name: 'income', argv: ['2026上半年'] });
    expect(read('公共收益 怎么分的')).toBe('none');
    expect(read('/fees auto off')).toEqual({ name: 'fees', argv: ['auto', 'off'] });
  });

  it('puts them on the router after every other feature, overhearing fee questions in groups', () => {
    const features = allFeatures();
    for (const name of ['fees', 'myfee', 'faq', 'income'] as const) {
      expect(features.flatMap((f) => f.commands).filter((c) => c === name)).toHaveLength(1);
    }
    const last = features.at(-1)!;
    expect(last.commands).toEqual(['fees', 'myfee', 'faq', 'income']);
    expect(features.filter((f) => f.onText?.overhears)).toEqual([last]);
    expect(last.onText!.overhears!('物业费多少钱一平？')).toBe(true);
    expect(last.onText!.overhears!('今晚一起打球吗？')).toBe(false);
  });

  it('lists the schedule and shared income in the help and the Telegram menu', () => {
    expect(manifestHelp('zh-CN', 'anyone')).toEqual(expect.arrayContaining(['收费标准 — 本小区的收费标准', '公共收益 [期间] — 公共收益和分配，例如：公共收益 2026上半年']));
    expect(manifestHelp('en', 'anyone')).toEqual(expect.arrayContaining(['/fees — the fee schedule']));
    expect(commandMenu('en').map((c) => c.command)).toEqual(expect.arrayContaining(['fees', 'income']));
  });

  it('adds the operator\'s fee imports and the split rule to the CLI', () => {
    for (const words of ['fees import', 'bills import', 'faq import', 'income import', 'income rule']) {
      expect(COMMANDS.filter((c) => c.words.join(' ') === words)).toHaveLength(1);
    }
  });
});

describe('the deliberation day, declared by its manifest', () => {
  it('reads a rule after 议事日 and leaves talk alone', () => {
    expect(read('议事日')).toEqual({ name: 'schedule', argv: [] });
    expect(read('议事日 每月第一个星期六 19:30')).toEqual({ name: 'schedule', argv: ['每月第一个星期六', '19:30'] });
    expect(read('议事日 是哪天啊')).toBe('none');
  });

  it('puts it on the router, in the help for anyone and for the chair, and among the commands that move reminders', () => {
    expect(allFeatures().flatMap((f) => f.commands).filter((c) => c === 'schedule')).toHaveLength(1);
    expect(manifestHelp('zh-CN', 'anyone').slice(0, 4)).toEqual(['帮助 — 查看命令', '结果 [编号] — 表决进度和结果', '表决列表 — 进行中和最近的表决', '议事日 — 议事协商日的规则和日期']);
    expect(manifestHelp('en', 'chair')).toEqual(expect.arrayContaining(['/schedule RULE — set the deliberation day, e.g. /schedule first Saturday of every month at 19:30']));
    expect(commandMenu('zh-CN').map((c) => c.command)).toContain('schedule');
    expect(reminderMovingCommands()).toContain('schedule');
  });
});

describe('roles, declared by their manifest', () => {
  it('reads 任命 with someone or a role word, and leaves talk alone', () => {
    expect(read('任命 @Bob 委员')).toEqual({ name: 'role', argv: ['@Bob', '委员'] });
    expect(read('任命 委员')).toEqual({ name: 'role', argv: ['委员'] });
    expect(read('任命 的事谁说了算')).toBe('none');
  });

  it('puts it on the router, in the chair\'s help before the deliberation day, and the operator\'s role command in the CLI', () => {
    expect(allFeatures().flatMap((f) => f.commands).filter((c) => c === 'role')).toHaveLength(1);
    expect(manifestHelp('zh-CN', 'chair')).toEqual(['结束表决 编号 — 提前结束并公布结果', '任命 @某人 委员|主任|居民 — 设置身份（回复或@此人）', '议事日 规则 — 设置议事协商日，例如：议事日 每月第一个星期六 19:30']);
    expect(commandMenu('en').map((c) => c.command)).toContain('role');
    expect(COMMANDS.filter((c) => c.words.join(' ') === 'role')).toHaveLength(1);
  });
});

describe('ballots, declared by their manifest', () => {
  it('reads 回执, 代录 and 委托 only with what they take, and leaves talk alone', () => {
    expect(read('回执 1')).toEqual({ name: 'receipt', argv: ['1'] });
    expect(read('核验 2 BFBC-1933-3984')).toEqual({ name: 'receipt', argv: ['2', 'BFBC-1933-3984'] });
    expect(read('回执 呢')).toBe('none');
    expect(read('代录 1 1-1-101 同意 纸质')).toEqual({ name: 'ballot', argv: ['1', '1-1-101', '同意', '纸质'] });
    expect(read('代录的事问主任')).toBe('none');
    expect(read('委托 @Bob 3')).toEqual({ name: 'proxy', argv: ['@Bob', '3'] });
    expect(read('委托 off')).toEqual({ name: 'proxy', argv: ['off'] });
    expect(read('委托 物业管理')).toBe('none');
  });

  it('puts them on the router, the paper ballot committing itself, in the help and the Telegram menu', () => {
    const features = allFeatures();
    for (const name of ['receipt', 'ballot', 'proxy'] as const) expect(features.flatMap((f) => f.commands).filter((c) => c === name)).toHaveLength(1);
    expect(features.find((f) => f.commands.includes('ballot'))!.ownCommit).toEqual(['ballot']);
    expect(manifestHelp('zh-CN', 'member')).toEqual(expect.arrayContaining(['回执 1 — 核验您家在表决 #1 的选票是否计入（私聊）', '委托 @某人 [编号] — 委托他人代您投票（业主，私聊；委托 off 撤销）']));
    expect(manifestHelp('en', 'committee')).toEqual(expect.arrayContaining(['/ballot N UNIT OPTION [paper|assisted] — enter a paper or assisted ballot (private)']));
    expect(commandMenu('zh-CN').map((c) => c.command)).toEqual(expect.arrayContaining(['receipt', 'proxy', 'ballot']));
  });
});

describe('polls, declared by their manifest', () => {
  it('reads the poll words, numbers and replies to a card, and leaves talk alone', () => {
    expect(read('结果 2')).toEqual({ name: 'results', argv: ['2'] });
    expect(read('结果二')).toEqual({ name: 'results', argv: ['2'] });
    expect(read('结果 出来了没')).toBe('none');
    expect(read('结束表决 第三')).toEqual({ name: 'close', argv: ['3'] });
    expect(read('表决列表')).toEqual({ name: 'polls', argv: [] });
    expect(read('表决列表 在哪看')).toBe('none');
    expect(read('表决 什么时候出来啊')).toBe('none');
    expect(read('表决 更换电梯\n同意\n反对')).toMatchObject({ name: 'poll', argv: ['更换电梯'] });
    expect(read('投票一同意')).toEqual({ name: 'vote', argv: ['1', '同意'] });
    expect(read('/vote 2 yes')).toEqual({ name: 'vote', argv: ['2', 'yes'] });
    const onCard = readMessage({ text: '结果', replyToBot: { text: '【表决 #4】更换电梯' } });
    expect(onCard.kind === 'command' && onCard.command.argv).toEqual(['4']);
  });

  it('puts them on the router with the vote and its buttons committing themselves, in the help and the Telegram menu', () => {
    const features = allFeatures();
    for (const name of ['poll', 'vote', 'results', 'close', 'polls'] as const) expect(features.flatMap((f) => f.commands).filter((c) => c === name)).toHaveLength(1);
    const polls = features.find((f) => f.commands.includes('vote'))!;
    expect(polls.ownCommit).toEqual(['vote', 'button']);
    expect(features.filter((f) => f.buttonPrefixes?.length)).toEqual([polls]);
    expect(polls.buttonPrefixes).toEqual(['v:']);
    expect(manifestHelp('zh-CN', 'anyone').slice(1, 3)).toEqual(['结果 [编号] — 表决进度和结果', '表决列表 — 进行中和最近的表决']);
    expect(manifestHelp('zh-CN', 'member')[1]).toBe('投票 [编号] 选项 — 投票或改票，例如：投票 1 同意');
    expect(manifestHelp('en', 'committee')[0]).toBe('/poll TITLE + one option a line — open a poll (lines: "deadline: 2026-12-05 20:00", "rule: owners-major", "secret", "hide-results", "final")');
    expect(manifestHelp('en', 'chair')[0]).toBe('/close N — close a poll early and announce it');
    expect(commandMenu('en').map((c) => c.command)).toEqual(expect.arrayContaining(['results', 'polls', 'vote', 'poll', 'close']));
  });

  it('answers a malformed vote button with its toast, through the manifest\'s handlers', async () => {
    const polls = allFeatures().find((f) => f.commands.includes('vote'))!;
    const toasts: string[] = [];
    const ctx = { t: { vote: { badButton: 'bad button' } }, toast: (text: string) => void toasts.push(text) } as unknown as Ctx;
    await polls.handleButton!(ctx, 'v:0:1');
    await polls.handleButton!(ctx, 'v:99999999999:1');
    expect(toasts).toEqual(['bad button', 'bad button']);
  });

  it('registers the poll and personal reminders, the commands that move them, and the polls and ballots exports', () => {
    expect(reminderProvider('poll')?.kinds).toEqual(['poll']);
    expect(reminderProvider('personal')?.kinds).toEqual(['personal']);
    expect(reminderMovingCommands()).toEqual(expect.arrayContaining(['poll', 'close']));
    expect(reminderMovingCommands()).not.toContain('vote');
    expect(reportKinds().slice(0, 2)).toEqual(['polls', 'ballots']);
  });
});

describe('help, setup, bind and me, declared by the basics manifest', () => {
  it('reads their words and leaves talk alone', () => {
    expect(read('帮助')).toEqual({ name: 'help', argv: [] });
    expect(read('帮助 我')).toBe('none');
    expect(read('开通 K7M2-Q9XA')).toEqual({ name: 'setup', argv: ['K7M2-Q9XA'] });
    expect(read('开通 了吗')).toBe('none');
    expect(read('绑定 3-2-501 K7M2Q9XA')).toEqual({ name: 'bind', argv: ['3-2-501', 'K7M2Q9XA'] });
    expect(read('我的')).toEqual({ name: 'me', argv: [] });
    expect(read('/me')).toEqual({ name: 'me', argv: [] });
  });

  it('puts them on the router once, and their lines in the help around the poll commands as before', () => {
    const commands = allFeatures().flatMap((f) => f.commands);
    for (const name of ['help', 'setup', 'bind', 'me'] as const) expect(commands.filter((c) => c === name)).toHaveLength(1);
    // Only linking and the help work in a group not linked yet, and the help answers what nothing else took.
    expect(allFeatures().flatMap((f) => f.beforeLink ?? []).sort()).toEqual(['help', 'setup']);
    expect(allFeatures().flatMap((f) => (f.fallback ? [f.fallback] : []))).toEqual(['help']);
    expect(manifestHelp('zh-CN', 'anyone')[0]).toBe('帮助 — 查看命令');
    expect(manifestHelp('zh-CN', 'member').slice(0, 5)).toEqual([
      '我的 — 我的房屋、身份和未投的表决',
      '投票 [编号] 选项 — 投票或改票，例如：投票 1 同意',
      '回执 1 — 核验您家在表决 #1 的选票是否计入（私聊）',
      '委托 @某人 [编号] — 委托他人代您投票（业主，私聊；委托 off 撤销）',
      '网页 — 获取网页登录链接，在网页上看表决、投票（私聊）',
    ]);
    expect(manifestHelp('en', 'committee')[2]).toBe("/desk — a sign-in link to the committee's desk (private)");
    expect(read('网页')).toEqual({ name: 'web', argv: [] });
    expect(read('管理 好难')).toBe('none');
    expect(manifestHelp('zh-CN', 'unlinked')).toEqual(['开通 开通码 — 把本群开通为小区议事群']);
    expect(manifestHelp('en', 'unbound')).toEqual(['/bind UNIT CODE — bind to your home (private chat)']);
    expect(commandMenu('en').map((c) => c.command)).toEqual(expect.arrayContaining(['help', 'setup', 'bind', 'me', 'results', 'vote', 'web', 'desk']));
  });
});

describe('the exports, the core\'s and the manifests\' listed the same way', () => {
  it('links the desk to each report that declares a label, in both languages', () => {
    expect(deskReports().map((r) => [r.name, r.label['zh-CN'], r.label.en])).toEqual([
      ['polls', '表决', 'Polls'],
      ['ballots', '选票', 'Ballots'],
      ['topics', '议题', 'Topics'],
      ['meetings', '会议', 'Meetings'],
    ]);
  });
});

describe('the reminder kinds, named by the providers that own them', () => {
  it('gives the desk\'s schedule the words of each feature\'s kinds', () => {
    expect(reminderKindLabel('deliberation', 'zh-CN')).toBe('议事日提醒');
    expect(reminderKindLabel('overdue', 'en')).toBe('Assigned topic overdue');
    expect(reminderKindLabel('meeting', 'zh-CN')).toBe('会议提醒');
    expect(reminderKindLabel('poll', 'zh-CN')).toBeUndefined();
  });
});

describe('the operator\'s usage, assembled from the commands', () => {
  it('lists each command\'s own lines, the manifests\' between setting up and the reports', () => {
    for (const c of COMMANDS) expect(USAGE).toContain(c.usage);
    const heads = COMMANDS.map((c) => c.words.join(' '));
    expect(heads.indexOf('codes')).toBeLessThan(heads.indexOf('role'));
    expect(heads.indexOf('income rule')).toBeLessThan(heads.indexOf('export'));
    expect(USAGE).toContain('  export COMMUNITY polls|ballots|topics|meetings|repairs|receipts [--poll N] [--format csv|json]\n');
    expect(USAGE).toContain('  role COMMUNITY PLATFORM:USER_ID chair|committee|resident\n      Set a member\'s role.');
  });
});
