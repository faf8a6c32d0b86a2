import { describe, expect, it } from 'vitest';
import { commandMenu } from '../../src/adapters/telegram/bot-commands.js';
import { allFeatures } from '../../src/chat/features/index.js';
import { readMessage } from '../../src/chat/read-message.js';
import { reportKinds } from '../../src/cli/reports.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { manifestHelp, reminderMovingCommands, reminderProvider } from '../../src/features/registry.js';

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
    expect(reminderMovingCommands()).toEqual(expect.arrayContaining(['agenda', 'reject', 'decide', 'assign', 'done', 'meeting']));
    expect(reminderMovingCommands()).not.toContain('progress');
    expect(reportKinds()).toEqual(['polls', 'ballots', 'topics', 'meetings', 'repairs']);
    expect(COMMANDS.filter((c) => c.words.join(' ') === 'convention import')).toHaveLength(1);
  });
});
