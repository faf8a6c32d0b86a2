import { describe, expect, it } from 'vitest';
import { asWritten } from '../../src/chat/free-text.js';
import { parseMeetingText } from '../../src/chat/parse-meeting.js';

const TODAY = '2026-12-01';

describe('parseMeetingText', () => {
  it.each([
    ['2026-12-20 19:30 加装电梯说明会 @ 社区活动室', '2026-12-20 19:30', '加装电梯说明会', '社区活动室'],
    ['12月20日 19:30 加装电梯说明会@社区活动室', '2026-12-20 19:30', '加装电梯说明会', '社区活动室'],
    ['12月20日 晚上7点 楼长会', '2026-12-20 19:00', '楼长会', null],
    ['2026年12月20日 下午3点30 业委会例会', '2026-12-20 15:30', '业委会例会', null],
    ['12/20 19:30 Lift briefing @ Community room', '2026-12-20 19:30', 'Lift briefing', 'Community room'],
    ['11月3日 19:00 明年的会', '2027-11-03 19:00', '明年的会', null],
  ])('reads %s', (args, local, title, place) => {
    expect(parseMeetingText(args, [], TODAY)).toEqual({ ok: true, local, title, place });
  });

  it('takes the place from a 地点 line', () => {
    expect(parseMeetingText('2026-12-20 19:30 说明会', ['地点：三号楼架空层'], TODAY)).toEqual({
      ok: true,
      local: '2026-12-20 19:30',
      title: '说明会',
      place: '三号楼架空层',
    });
  });

  it('refuses a missing time, a missing title or an impossible date', () => {
    expect(parseMeetingText('2026-12-20 说明会', [], TODAY)).toEqual({ ok: false, code: 'bad-time' });
    expect(parseMeetingText('下周 开会', [], TODAY)).toEqual({ ok: false, code: 'bad-time' });
    expect(parseMeetingText('2026-02-30 19:00 会', [], TODAY)).toEqual({ ok: false, code: 'bad-time' });
    expect(parseMeetingText('2026-12-20 19:30', [], TODAY)).toEqual({ ok: false, code: 'no-title' });
    expect(parseMeetingText('2026-12-20 19:30 @ 活动室', [], TODAY)).toEqual({ ok: false, code: 'no-title' });
  });
});

describe('asWritten', () => {
  it('puts Chinese punctuation back next to Chinese text only', () => {
    expect(asWritten('同意,费用由公共收益列支.')).toBe('同意，费用由公共收益列支。');
    expect(asWritten('会议(第二次)定在19:30,地点:活动室')).toBe('会议（第二次）定在19:30，地点：活动室');
    expect(asWritten('v1.2, ok: yes (fine)')).toBe('v1.2, ok: yes (fine)');
    expect(asWritten('约3.5米')).toBe('约3.5米');
  });

  it('ends a Chinese sentence with a full stop and keeps bracket pairs alike', () => {
    expect(asWritten('电动车跑不出来.建议装充电桩')).toBe('电动车跑不出来。建议装充电桩');
    expect(asWritten('分配(20%日常管理)后公示')).toBe('分配（20%日常管理）后公示');
    expect(asWritten('共(20)户')).toBe('共（20）户');
  });
});

describe('parseMeetingText: dates as people say them', () => {
  const ref = { now: new Date('2026-12-01T02:00:00Z'), timezone: 'Asia/Shanghai' };
  it('reads a spoken date and time before the title, in the community zone', () => {
    expect(parseMeetingText('明天晚上7点 业委会例会 @ 活动室', [], '2026-12-01', ref)).toEqual({ ok: true, local: '2026-12-02 19:00', title: '业委会例会', place: '活动室' });
    expect(parseMeetingText('12月5日晚8点 停车收费听证会', [], '2026-12-01', ref)).toEqual({ ok: true, local: '2026-12-05 20:00', title: '停车收费听证会', place: null });
    expect(parseMeetingText('tomorrow 7pm Lift briefing', [], '2026-12-01', ref)).toEqual({ ok: true, local: '2026-12-02 19:00', title: 'Lift briefing', place: null });
  });
  it('refuses a spoken day without a time of day', () => {
    expect(parseMeetingText('下周 开会', [], '2026-12-01', ref)).toEqual({ ok: false, code: 'bad-time' });
  });
});
