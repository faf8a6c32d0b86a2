import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { CHAIR, COMMITTEE, createDeliberationWorld } from '../helpers/deliberation.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

describeEachDb('deliberation day and meetings', (kind) => {
  const d = useFreshDatabase(kind);

  it('reads the rule, lets only the chair set it in Chinese, English or cron, and moves the agenda with it', async () => {
    const w = await createDeliberationWorld(d.db, { groups: ['-100', '-200'] });
    const resident = w.residents[0]!;
    await w.say(w.g, resident, '议事日');
    expect(w.last()).toContain('议事协商日：每月第一个星期六 19:30（时区 Asia/Shanghai）');
    expect(w.last()).toContain('接下来：2026-12-05（周六）19:30；2027-01-02（周六）19:30；2027-02-06（周六）19:30');
    await w.say(w.g, resident, '议事日 每月15日 19:00');
    expect(w.last()).toContain('只有主任/召集人可以这样做。');
    await w.say(w.g, COMMITTEE, '/schedule 每月15日 19:00');
    expect(w.last()).toContain('只有主任/召集人可以这样做。');

    await w.say(w.g, resident, '提议 小区门口增设减速带');
    await w.say(w.g, COMMITTEE, '上会 1');
    const mark = w.transport.sent.length;
    await w.say(w.g, CHAIR, '议事日 每月最后一个星期五 20:00');
    for (const group of ['-100', '-200']) {
      const [text] = w.groupTexts(mark, group);
      expect(text).toContain('【议事协商日】改为：每月最后一个星期五 20:00');
      expect(text).toContain('接下来：2026-12-25（周五）20:00');
      expect(text).toContain('已在议程上的 1 个议题改到 2026-12-25（周五）20:00');
    }
    const [topic] = await rows<{ agenda_date: string }>(d.db, sql`select agenda_date::text as agenda_date from report_topics`);
    expect(topic!.agenda_date).toBe('2026-12-25');

    await w.say(w.g, CHAIR, '/schedule 0 19 15 * *');
    expect(w.last()).toContain('改为：每月15日 19:00');
    await w.say(w.g, CHAIR, '/schedule first Saturday of every month at 7:30 pm');
    expect(w.last()).toContain('改为：每月第一个星期六 19:30');
    await w.say(w.g, CHAIR, '议事日 随便哪天');
    expect(w.last()).toContain('这个议事日规则看不懂');
    await w.say(w.g, { ...resident, lang: 'en' }, '/schedule');
    expect(w.last()).toContain('议事协商日：每月第一个星期六 19:30');
    await w.say('private', { ...resident, lang: 'en' }, '/schedule');
    expect(w.last()).toContain('Deliberation day: the first Saturday of every month at 19:30 (time zone Asia/Shanghai)');
    expect(w.last()).toContain('Next: Sat 2026-12-05 19:30');
    const audit = await rows<{ action: string }>(d.db, sql`select action from audit_log where action = 'schedule.set'`);
    expect(audit).toHaveLength(3);
  });

  it("shows the agenda's date in the community's zone, also when the UTC date differs", async () => {
    const w = await createDeliberationWorld(d.db, { timezone: 'America/Los_Angeles' });
    await w.say(w.g, w.residents[0]!, '提议 周末市集');
    await w.say(w.g, COMMITTEE, '上会 1');
    await w.say(w.g, w.residents[1]!, '议程');
    expect(w.last()).toContain('【议事协商日】2026-12-05（周六）19:30');
    expect(w.last()).toContain('1. #1 周末市集（附议 0 户）');
    const [r] = await rows<{ agenda_date: string; utc: string }>(
      d.db,
      sql`select r.agenda_date::text as agenda_date, to_char(t.agenda_date at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as utc
          from report_topics r join topics t on t.topic_no = r.topic_no`,
    );
    expect(r).toEqual({ agenda_date: '2026-12-05', utc: '2026-12-06 03:30' });
  });

  it('schedules meetings, lists the deliberation day among them, and takes one RSVP per member', async () => {
    const w = await createDeliberationWorld(d.db, { groups: ['-100', '-200'] });
    const [r0, r1] = w.residents;
    await w.say(w.g, r0!, '会议 12月20日 19:30 加装电梯说明会 @ 社区活动室');
    expect(w.last()).toBe('只有委员和主任/召集人可以这样做。');
    const mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '会议 12月20日 19:30 加装电梯说明会 @ 社区活动室');
    for (const group of ['-100', '-200']) {
      expect(w.groupTexts(mark, group)[0]).toBe('【会议 #1】加装电梯说明会\n时间：2026-12-20（周日）19:30\n地点：社区活动室\n参加请发送：参加 1');
    }
    await w.say(w.g, COMMITTEE, '会议 2026-12-20 19:30 另一个会');
    expect(w.last()).toContain('已经有会议 #1');
    await w.say(w.g, COMMITTEE, '/meeting 2026-11-20 19:30 Too late');
    expect(w.last()).toBe('会议时间必须在现在之后。');
    await w.say(w.g, COMMITTEE, '会议 下周 开会');
    expect(w.last()).toContain('用法：会议 日期 时间 标题');

    await w.say(w.g, r0!, '会议');
    expect(w.last()).toBe(
      [
        '近期会议：',
        '#2 议事协商日 — 2026-12-05（周六）19:30 · 0 人参加',
        '#1 加装电梯说明会 — 2026-12-20（周日）19:30 @ 社区活动室 · 0 人参加',
        '参加请发送：参加 编号',
      ].join('\n'),
    );
    await w.say(w.g, r1!, '议程');
    expect(w.last()).toContain('（会议 #2）');
    expect(w.last()).toContain('参加请发送：参加 2');

    await w.say(w.g, r0!, '参加 1');
    expect(w.last()).toContain('已报名参加会议 #1“加装电梯说明会”（2026-12-20（周日）19:30），目前 1 人参加');
    await w.say(w.g, r0!, '/rsvp #1');
    expect(w.last()).toContain('您已经报名参加会议 #1 了（目前 1 人参加）');
    await w.say(w.g, r1!, '参加 1');
    await w.say(w.g, r1!, '参加 2');
    await w.say(w.g, { id: 'stranger' }, '参加 1');
    expect(w.last()).toContain('还没有绑定房屋');
    await w.say(w.g, r1!, '参加 7');
    expect(w.last()).toContain('没有编号为 #7 的会议');

    const report = await rows<{ meeting_no: number; title: string; starts: string; place: string | null; rsvps: number }>(
      d.db,
      sql`select meeting_no, title, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as starts, place, rsvps
          from report_meetings order by meeting_no`,
    );
    expect(report).toEqual([
      { meeting_no: 1, title: '加装电梯说明会', starts: '2026-12-20 19:30', place: '社区活动室', rsvps: 2 },
      { meeting_no: 2, title: '议事协商日', starts: '2026-12-05 19:30', place: null, rsvps: 1 },
    ]);

    w.clock.set('2026-12-20T11:40:00Z');
    await w.say(w.g, w.residents[2]!, '参加 1');
    expect(w.last()).toBe('会议 #1 已经开始或结束，不能再报名。');
    await w.say(w.g, r0!, '会议');
    expect(w.last()).toContain('#3 议事协商日 — 2027-01-02（周六）19:30');
    expect(w.last()).toContain('#1 加装电梯说明会');
    expect(w.last()).not.toContain('#2');
  });

  it('creates the deliberation-day meeting once and cancels it when the rule moves the day', async () => {
    const w = await createDeliberationWorld(d.db);
    await w.say(w.g, w.residents[0]!, '会议');
    await w.say(w.g, w.residents[0]!, '议程');
    await w.say(w.g, w.residents[0]!, '参加 1');
    expect(w.last()).toContain('已报名参加会议 #1“议事协商日”');
    await w.say(w.g, CHAIR, '议事日 每月最后一个星期五 20:00');
    await w.say(w.g, w.residents[0]!, '会议');
    expect(w.last()).toContain('#2 议事协商日 — 2026-12-25（周五）20:00 · 0 人参加');
    expect(w.last()).not.toContain('#1');
    await w.say(w.g, CHAIR, '议事日 每月第一个星期六 19:30');
    await w.say(w.g, w.residents[0]!, '会议');
    expect(w.last()).toContain('#1 议事协商日 — 2026-12-05（周六）19:30 · 1 人参加');
    const all = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from meetings`);
    expect(all[0]!.n).toBe(2);
    const listed = await rows<{ meeting_no: number }>(d.db, sql`select meeting_no from report_meetings`);
    expect(listed).toEqual([{ meeting_no: 1 }]);
  });
});
