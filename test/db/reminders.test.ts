import { sql } from 'drizzle-orm';
import pino from 'pino';
import { expect, it } from 'vitest';
import { scheduleOf, syncAllReminders, syncReminders } from '../../src/app/reminders.js';
import { localToInstant } from '../../src/app/local-time.js';
import { rows } from '../../src/db/client.js';
import { reminderEffects } from '../../src/chat/reminder-messages.js';
import { runAdmin } from '../../src/cli/admin.js';
import { sendDueReminders, tickOnce } from '../../src/scheduler/ticker.js';
import { CHAIR, COMMITTEE, createDeliberationWorld } from '../helpers/deliberation.js';
import { describeEachDb, useFreshDatabase } from '../helpers/db.js';

const log = pino({ level: 'silent' });

describeEachDb('reminders', (kind) => {
  const d = useFreshDatabase(kind);

  async function world(tz = 'Asia/Shanghai', start = '2026-12-01T02:00:00Z') {
    const w = await createDeliberationWorld(d.db, { timezone: tz, start });
    const at = (local: string) => {
      const t = localToInstant(local, tz);
      if (!t) throw new Error(`bad local time ${local}`);
      return t;
    };
    /** Moves the clock to a local time and runs the scheduler's round there, as the service does. */
    const runAt = async (local: string) => {
      w.clock.set(at(local));
      await tickOnce({ services: w.messaging.services, clock: w.clock, core: w.core, log }, { sync: true });
      await w.drain();
    };
    return { ...w, at, runAt };
  }

  it('sends every kind at its offset in the community time zone, each once', async () => {
    const w = await world();
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 19:00 业主见面会 @ 活动室');
    await w.say(w.g, COMMITTEE, '表决 装门禁\n截止: 2026-12-04 20:00');
    await w.say(w.g, w.residents[0]!, '提议 路灯坏了');
    await w.say(w.g, COMMITTEE, '上会 1');
    await w.say(w.g, COMMITTEE, '决议 1 请物业修好');
    await w.say(w.g, COMMITTEE, '交办 1 物业公司 截止 2026-12-02');
    await w.say(w.g, w.residents[3]!, '提议 增设快递柜');
    await w.say(w.g, COMMITTEE, '上会 2');
    await w.say('private', w.residents[1]!, '提醒 开');
    expect(w.last()).toContain('私信提醒');
    await w.say('private', w.residents[2]!, '提醒 开');
    // Turning reminders on is a change of the member's, kept in the audit chain like the others.
    expect(await rows(d.db, sql`select entry from audit_log where action = 'member.remind'`)).toHaveLength(2);
    await w.say(w.g, w.residents[2]!, '投票 同意');
    await syncAllReminders(d.db, w.clock);

    const seen = (from: number) => w.transport.sent.slice(from).map((m) => `${m.private ? `@${m.chatId}` : m.chatId}|${m.text}`);
    const step = async (local: string) => {
      const from = w.transport.sent.length;
      await w.runAt(local);
      return seen(from);
    };

    expect(await step('2026-12-02 18:59')).toEqual([]);
    // Meeting −1 day and the deliberation day's −3 days (first Saturday, 2026-12-05 19:30).
    const d2 = await step('2026-12-02 19:30');
    expect(d2.filter((x) => x.startsWith('-100|【会议提醒】明天 19:00：业主见面会（地点：活动室）'))).toHaveLength(1);
    expect(d2.filter((x) => x.startsWith('-100|【议事协商日预告】'))).toHaveLength(1);
    expect(d2.find((x) => x.includes('议事协商日预告'))).toContain('欢迎发送“提议 内容”');
    expect(await step('2026-12-02 19:31')).toEqual([]);
    // The overdue topic: to the committee, privately, at 09:00 the next morning.
    const d3 = await step('2026-12-03 09:00');
    expect(d3.filter((x) => x.includes('【逾期提醒】议题 #1'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^@chair\|/), expect.stringMatching(/^@wei\|/)]),
    );
    expect(d3.every((x) => x.startsWith('@'))).toBe(true);
    expect((await step('2026-12-03 17:00')).filter((x) => x.includes('今天 19:00（两小时后）'))).toHaveLength(1);
    // The poll, 24 hours before its deadline: counts in the group; privately only to households that have not voted.
    const d3e = await step('2026-12-03 20:00');
    const group = d3e.find((x) => x.startsWith('-100|【表决提醒】表决 #1'));
    expect(group).toContain('还有 3 户没有投票');
    expect(group).not.toMatch(/居民\d/);
    expect(d3e.filter((x) => x.startsWith('@r1|【个人提醒】表决 #1'))).toHaveLength(1);
    expect(d3e.some((x) => x.startsWith('@r2|'))).toBe(false);
    expect(d3e.some((x) => x.startsWith('@r0|'))).toBe(false);
    expect((await step('2026-12-04 19:30')).filter((x) => x.includes('明天（'))).toHaveLength(1);
    // The poll's result at its deadline.
    expect((await step('2026-12-04 20:00')).some((x) => x.startsWith('-100|') && x.includes('结果'))).toBe(true);
    expect((await step('2026-12-05 17:30')).filter((x) => x.includes('两小时后开始'))).toHaveLength(1);
    const start = await step('2026-12-05 19:30');
    expect(start.filter((x) => x.startsWith('-100|【议事协商日开始】'))).toHaveLength(1);
    expect(start.join('\n')).toContain('#2 增设快递柜');
    // Nothing twice.
    expect(await step('2026-12-05 19:31')).toEqual([]);
    const keys = (await scheduleOf(d.db, w.communityId, ['sent'])).map((r) => r.naturalKey);
    expect(keys.length).toBeGreaterThan(8);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('counts whole days on the local calendar across a daylight-saving change', async () => {
    const w = await world('America/New_York', '2026-10-30T12:00:00Z');
    // Clocks go back on 2026-11-01 at 02:00: a day before 12:00 on 1 November is 12:00 on 31 October (EDT).
    await w.say(w.g, COMMITTEE, '会议 2026-11-01 12:00 Block meeting');
    const list = await scheduleOf(d.db, w.communityId, ['pending']);
    const meeting = list.filter((r) => r.kind === 'meeting').map((r) => r.dueAt.toISOString());
    expect(meeting).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-01T15:00:00.000Z']);
    const from = w.transport.sent.length;
    await w.runAt('2026-10-31 11:59');
    expect(w.transport.sent.length).toBe(from);
    await w.runAt('2026-10-31 12:00');
    expect(w.transport.sent.slice(from).map((m) => m.text)).toEqual([expect.stringContaining('【会议提醒】明天 12:00：Block meeting')]);
  });

  it('moves a rescheduled meeting and a changed deliberation rule, and drops a poll closed early', async () => {
    const w = await world();
    await w.say(w.g, COMMITTEE, '会议 2026-12-10 19:00 业主见面会');
    await w.say(w.g, COMMITTEE, '表决 装门禁\n截止: 2026-12-06 20:00');
    const pending = async () => Object.fromEntries((await scheduleOf(d.db, w.communityId, ['pending'])).map((r) => [r.naturalKey, r.dueAt.toISOString()]));
    const before = await pending();
    expect(before['meeting:1:-1440m']).toBe('2026-12-09T11:00:00.000Z');
    expect(before['poll:1:-1440m']).toBe('2026-12-05T12:00:00.000Z');
    expect(before['deliberation:2026-12-05T11:30:00.000Z:-4320m']).toBe('2026-12-02T11:30:00.000Z');

    await d.db.execute(sql`update meetings set starts_at = '2026-12-12T11:00:00Z' where community_id = ${w.communityId} and kind = 'meeting'`);
    await syncReminders(d.db, w.clock, w.communityId);
    await w.say(w.g, CHAIR, '议事日 每月15日 19:00');
    await w.say(w.g, CHAIR, '结束表决 1');
    const after = await pending();
    expect(after['meeting:1:-1440m']).toBe('2026-12-11T11:00:00.000Z');
    expect(after['meeting:1:-120m']).toBe('2026-12-12T09:00:00.000Z');
    expect(after['poll:1:-1440m']).toBeUndefined();
    expect(after['personal:1:-1440m']).toBeUndefined();
    expect(after['deliberation:2026-12-05T11:30:00.000Z:-4320m']).toBeUndefined();
    expect(after['deliberation:2026-12-15T11:00:00.000Z:-4320m']).toBe('2026-12-12T11:00:00.000Z');
    const cancelled = (await scheduleOf(d.db, w.communityId, ['cancelled'])).map((r) => r.naturalKey);
    expect(cancelled).toEqual(expect.arrayContaining(['poll:1:-1440m', 'deliberation:2026-12-05T11:30:00.000Z:-4320m']));
    // The closed poll's reminder does not come.
    const from = w.transport.sent.length;
    await w.runAt('2026-12-05 20:00');
    expect(w.transport.sent.slice(from).some((m) => m.text.includes('表决提醒'))).toBe(false);
  });

  it('after two hours down sends what is late and records a reminder seven hours late as missed', async () => {
    const w = await world();
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 19:00 业主见面会');
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 14:00 楼长碰头会');
    await syncAllReminders(d.db, w.clock);
    // Down from 2026-12-02 12:00 to 21:00 local: 楼长碰头会 −1 day (14:00) is 7 hours late, 业主见面会 −1 day (19:00) 2 hours late.
    const from = w.transport.sent.length;
    w.clock.set(w.at('2026-12-02 21:00'));
    const r = await sendDueReminders({ services: w.messaging.services, clock: w.clock, core: w.core, log });
    await w.drain();
    // Sent: 业主见面会 −1 day and the deliberation day's −3 days (19:30), both two hours late or less.
    expect(r).toEqual({ sent: 2, missed: 1 });
    const texts = w.transport.sent.slice(from).map((m) => m.text);
    expect(texts.filter((t) => t.includes('业主见面会'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('议事协商日预告'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('楼长碰头会'))).toBe(false);
    const missed = await scheduleOf(d.db, w.communityId, ['missed']);
    expect(missed.map((m) => m.naturalKey)).toEqual(['meeting:2:-1440m']);
    // A second instance starting later finds nothing left to send.
    expect(await sendDueReminders({ services: w.messaging.services, clock: w.clock, core: w.core, log })).toEqual({ sent: 0, missed: 0 });
    const statuses = await rows<{ status: string; n: number }>(d.db, sql`select status, count(*)::int as n from outbox where dedupe_key like 'reminder:%' group by status`);
    expect(statuses).toEqual([{ status: 'sent', n: 2 }]);
  });

  it('shows a reminder queued until the platform confirmed its send, then sent, and one whose messages all failed as not delivered', async () => {
    const w = await world();
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 19:00 业主见面会');
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 20:00 楼长碰头会');
    w.clock.set(w.at('2026-12-02 19:30'));
    await sendDueReminders({ services: w.messaging.services, clock: w.clock, core: w.core, log });
    const shown = async () => Object.fromEntries((await scheduleOf(d.db, w.communityId)).filter((r) => r.kind === 'meeting').map((r) => [r.naturalKey, [r.status, r.sentAt?.toISOString() ?? null]]));
    // Taken and written to the outbox, not yet sent.
    expect(await shown()).toEqual({
      'meeting:1:-1440m': ['queued', null],
      'meeting:1:-120m': ['pending', null],
      'meeting:2:-1440m': ['pending', null],
      'meeting:2:-120m': ['pending', null],
    });
    await w.drain();
    expect((await shown())['meeting:1:-1440m']).toEqual(['sent', '2026-12-02T11:30:00.000Z']);
    // The next one's only message is refused for good: not delivered, not "sent".
    w.clock.set(w.at('2026-12-02 20:00'));
    await sendDueReminders({ services: w.messaging.services, clock: w.clock, core: w.core, log });
    const m2 = (await scheduleOf(d.db, w.communityId, ['queued'])).find((r) => r.naturalKey === 'meeting:2:-1440m')!;
    await d.db.execute(sql`update outbox set status = 'failed', error = 'refused' where dedupe_key like ${`reminder:${m2.reminderId}#%`}`);
    expect((await shown())['meeting:2:-1440m']).toEqual(['failed', null]);
  });

  it('cancels a due reminder that has nothing to say instead of calling it queued', async () => {
    const w = await world();
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 19:00 业主见面会');
    await syncAllReminders(d.db, w.clock);
    // The meeting is cancelled behind the scheduler's back: its reminder finds nothing to announce.
    await d.db.execute(sql`update meetings set cancelled_at = now() where community_id = ${w.communityId} and kind = 'meeting'`);
    w.clock.set(w.at('2026-12-02 19:00'));
    expect(await sendDueReminders({ services: w.messaging.services, clock: w.clock, core: w.core, log })).toEqual({ sent: 0, missed: 0 });
    expect((await scheduleOf(d.db, w.communityId, ['cancelled'])).map((r) => r.naturalKey)).toEqual(['meeting:1:-1440m']);
  });

  it("rolls the agenda over as the scheduler's own step, with its audit entry, before the deliberation reminder is rendered; rendering writes nothing", async () => {
    const w = await world();
    await w.say(w.g, w.residents[0]!, '提议 增设快递柜');
    await w.say(w.g, COMMITTEE, '上会 1');
    const agendaDate = async () => (await rows<{ d: string | null }>(d.db, sql`select to_char(agenda_date at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d from topics where topic_no = 1`))[0]!.d;
    const rolledEntries = async () => (await rows<{ n: number }>(d.db, sql`select count(*)::int as n from audit_log where action = 'topic.rolled-over'`))[0]!.n;
    expect(await agendaDate()).toBe('2026-12-05');
    // Three days before the next deliberation day (2027-01-02 19:30): the topic was not reached on 12-05.
    w.clock.set(w.at('2026-12-30 19:30'));
    await syncReminders(d.db, w.clock, w.communityId);
    const due = (await scheduleOf(d.db, w.communityId, ['pending'])).find((r) => r.naturalKey === 'deliberation:2027-01-02T11:30:00.000Z:-4320m')!;
    const effects = await reminderEffects(d.db, w.clock, { ...due, status: 'queued' });
    expect(effects).toHaveLength(1);
    expect(await agendaDate()).toBe('2026-12-05');
    expect(await rolledEntries()).toBe(0);

    const from = w.transport.sent.length;
    await w.runAt('2026-12-30 19:30');
    expect(await agendaDate()).toBe('2027-01-02');
    expect(await rolledEntries()).toBe(1);
    const notice = w.transport.sent.slice(from).find((m) => m.text.startsWith('【议事协商日预告】'));
    expect(notice?.text).toContain('#1 增设快递柜');
  });

  it('lists due, queued, sent and missed reminders in the CLI\'s schedule, as text and as JSON', async () => {
    const w = await world();
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 19:00 业主见面会');
    await w.say(w.g, COMMITTEE, '会议 2026-12-03 14:00 楼长碰头会');
    await syncAllReminders(d.db, w.clock);
    w.clock.set(w.at('2026-12-02 21:00'));
    await sendDueReminders({ services: w.messaging.services, clock: w.clock, core: w.core, log });
    const cli = async (...args: string[]) => {
      let out = '';
      const code = await runAdmin(['schedule', '幸福里', ...args], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => {} }, env: {} }, { clock: w.clock, database: d });
      expect(code).toBe(0);
      return out;
    };
    const before = await cli();
    expect(before).toContain('Queued, not yet sent (2):');
    expect(before).toContain('Sent (0):');
    expect(before).toContain('Missed (1):\n  2026-12-02 14:00  meeting      meeting:2:-1440m');
    await w.drain();
    const after = await cli();
    expect(after).toContain('Queued, not yet sent (0):');
    expect(after).toContain('Sent (2):\n  2026-12-02 19:00  meeting      meeting:1:-1440m  (2026-12-02 21:00)');
    const json = JSON.parse(await cli('--json')) as { key: string; status: string; queuedAt: string | null; sentAt: string | null }[];
    expect(json.find((r) => r.key === 'meeting:1:-1440m')).toMatchObject({ status: 'sent', queuedAt: '2026-12-02T13:00:00.000Z', sentAt: '2026-12-02T13:00:00.000Z' });
    expect(json.find((r) => r.key === 'meeting:2:-1440m')).toMatchObject({ status: 'missed', sentAt: null });
    expect(json.find((r) => r.key === 'meeting:1:-120m')).toMatchObject({ status: 'pending', queuedAt: null, sentAt: null });
  });
});
