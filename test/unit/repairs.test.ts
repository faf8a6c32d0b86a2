import { describe, expect, it } from 'vitest';
import { allFeatures } from '../../src/chat/features/index.js';
import { commandMenu } from '../../src/adapters/telegram/bot-commands.js';
import { readMessage } from '../../src/chat/read-message.js';
import { buildingOf, repairTransition } from '../../src/features/repairs/domain.js';
import { promisedTime } from '../../src/features/repairs/handlers.js';
import { manifestHelp, reminderProvider } from '../../src/features/registry.js';
import { reportKinds } from '../../src/cli/reports.js';

const read = (text: string) => {
  const r = readMessage({ text });
  return r.kind === 'command' ? { name: r.command.name, argv: r.command.argv } : r.kind;
};

describe('repair words as residents type them', () => {
  it('reads 报修 as a command always, also glued to its text', () => {
    expect(read('报修 3号楼电梯异响')).toEqual({ name: 'repair', argv: ['3号楼电梯异响'] });
    expect(read('报修厨房下水道堵了')).toEqual({ name: 'repair', argv: ['厨房下水道堵了'] });
    expect(read('报修的事情怎么样了')).toEqual({ name: 'repair', argv: ['的事情怎么样了'] });
    expect(read('報修 水管漏水')).toEqual({ name: 'repair', argv: ['水管漏水'] });
    expect(read('报修 物业费怎么算')).toEqual({ name: 'repair', argv: ['物业费怎么算'] });
    expect(read('/repair lift')).toEqual({ name: 'repair', argv: ['lift'] });
  });

  it('reads the steps only with a number, Chinese numerals included', () => {
    expect(read('派单 3 物业 明天下午3点')).toEqual({ name: 'dispatch', argv: ['3', '物业', '明天下午3点'] });
    expect(read('处理 3 已联系维保')).toEqual({ name: 'handle', argv: ['3', '已联系维保'] });
    expect(read('修好三')).toEqual({ name: 'fixed', argv: ['3'] });
    expect(read('确认 #3')).toEqual({ name: 'confirm', argv: ['3'] });
    expect(read('没修好 3')).toEqual({ name: 'reopen', argv: ['3'] });
    expect(read('满意 3')).toEqual({ name: 'satisfied', argv: ['3'] });
    expect(read('不满意 3')).toEqual({ name: 'unsatisfied', argv: ['3'] });
    for (const chatter of ['确认', '确认一下', '确认规则', '处理一下', '处理 好的', '修好了吗', '没修好啊', '满意', '派单了吗', '派单 物业']) expect(read(chatter)).toBe('none');
  });

  it('keeps 确认规则 a line of the poll it follows', () => {
    const r = readMessage({ text: '表决 加装电梯\n规则: 一般事项\n确认规则' });
    expect(r.kind === 'command' && r.command.name).toBe('poll');
    expect(r.kind === 'command' && r.command.lines).toEqual(['规则: 一般事项', '确认规则']);
  });
});

describe('the repair lifecycle', () => {
  it('lets each step follow only where it may', () => {
    expect(repairTransition('reported', 'dispatch')).toEqual({ ok: true, to: 'dispatched' });
    expect(repairTransition('reported', 'fixed')).toEqual({ ok: false, code: 'not-dispatched' });
    expect(repairTransition('dispatched', 'handle')).toEqual({ ok: true, to: 'in_progress' });
    expect(repairTransition('in_progress', 'fixed')).toEqual({ ok: true, to: 'fixed' });
    expect(repairTransition('dispatched', 'confirm')).toEqual({ ok: false, code: 'not-fixed' });
    expect(repairTransition('fixed', 'reopen')).toEqual({ ok: true, to: 'reopened' });
    expect(repairTransition('reopened', 'fixed')).toEqual({ ok: true, to: 'fixed' });
    expect(repairTransition('fixed', 'confirm')).toEqual({ ok: true, to: 'confirmed' });
    expect(repairTransition('confirmed', 'dispatch')).toEqual({ ok: false, code: 'closed' });
    expect(repairTransition('confirmed', 'rate')).toEqual({ ok: true, to: 'confirmed' });
    expect(repairTransition('confirmed', 'rate', true)).toEqual({ ok: false, code: 'already-rated' });
    expect(repairTransition('fixed', 'rate')).toEqual({ ok: false, code: 'not-confirmed' });
  });

  it('finds the building in the unit label', () => {
    expect(buildingOf('3-2-501')).toBe('3');
    expect(buildingOf('12号楼1单元302室')).toBe('12');
    expect(buildingOf('A-1-101')).toBe('A');
    expect(buildingOf('别墅7')).toBe(null);
    expect(buildingOf(null)).toBe(null);
  });

  it('reads the promised time in the community zone, 48 hours when none is given', () => {
    const now = new Date('2026-12-01T02:00:00Z'); // Tue 10:00 in Shanghai
    const tz = 'Asia/Shanghai';
    const at = (spec: string) => {
      const r = promisedTime(spec, now, tz);
      return r.ok ? r.at.toISOString() : r.code;
    };
    expect(at('')).toBe('2026-12-03T02:00:00.000Z');
    expect(at('48小时')).toBe('2026-12-03T02:00:00.000Z');
    expect(at('两天')).toBe('2026-12-03T02:00:00.000Z');
    expect(at('3d')).toBe('2026-12-04T02:00:00.000Z');
    expect(at('明天下午3点')).toBe('2026-12-02T07:00:00.000Z');
    expect(at('12月5日 18:00')).toBe('2026-12-05T10:00:00.000Z');
    expect(at('今天早上8点')).toBe('past-time');
    expect(at('下辈子吧')).toBe('bad-time');
  });
});

describe('the repairs manifest, assembled', () => {
  it('puts its commands on the router, in the help, the Telegram menu, the reminders and the exports', () => {
    const commands = allFeatures().flatMap((f) => f.commands);
    for (const name of ['repair', 'dispatch', 'handle', 'fixed', 'confirm', 'reopen', 'satisfied', 'unsatisfied'] as const) expect(commands).toContain(name);
    expect(manifestHelp('zh-CN', 'member')).toContain('报修 内容 — 报修（群里或私聊都可以），例如：报修 3号楼电梯异响');
    expect(manifestHelp('en', 'committee')).toContain('/dispatch N property|@someone [48h|tomorrow 3pm] — dispatches it with a promised time (default 48 hours)');
    expect(commandMenu('zh-CN').map((c) => c.command)).toEqual(expect.arrayContaining(['repair', 'dispatch', 'handle', 'confirm']));
    expect(reminderProvider('repair-overdue')?.kinds).toEqual(['repair-overdue']);
    expect(reportKinds()).toContain('repairs');
  });
});
