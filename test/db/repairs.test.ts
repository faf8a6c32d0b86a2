import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { localToInstant } from '../../src/app/local-time.js';
import { importUnits, listCodes } from '../../src/app/roster.js';
import { runAdmin } from '../../src/cli/admin.js';
import { verifyAudit } from '../../src/db/audit.js';
import { rows } from '../../src/db/client.js';
import { tickOnce } from '../../src/scheduler/ticker.js';
import { COMMITTEE, createDeliberationWorld } from '../helpers/deliberation.js';
import { describeEachDb, freshDatabase, type TestDatabase } from '../helpers/db.js';

const log = pino({ level: 'silent' });

type RepairRow = {
  community: string;
  repair_no: number;
  building: string | null;
  status: string;
  assignee: string | null;
  promised_local: string | null;
  done: boolean;
  confirmed: boolean;
  rating: string | null;
};

const reportRepairs = (d: TestDatabase) =>
  rows<RepairRow>(
    d.db,
    sql`select community, repair_no, building, status, assignee,
          to_char(promised_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as promised_local,
          done_at is not null as done, confirmed_at is not null as confirmed, rating
        from report_repairs order by repair_no`,
  );

describeEachDb('repair requests', (kind) => {
  let d: TestDatabase;
  beforeEach(async () => {
    d = await freshDatabase(kind);
  });
  afterEach(async () => {
    await d.drop();
  });

  /** The deliberation world (units 1-1-101 …, residents r0 …) and one household in building 2 (`b2`). */
  async function world(start?: string) {
    const w = await createDeliberationWorld(d.db, start ? { start } : {});
    await importUnits(d.db, w.clock, w.communityId, 'unit,area_m2,owner_name,owner_id\n2-1-101,90.00,业主B,\n');
    const code = (await listCodes(d.db, w.clock, w.communityId)).find((c) => c.unit === '2-1-101')!;
    const b2 = { id: 'b2', name: '二号楼住户' };
    await w.bindAs(b2, code.unit, code.code);
    const at = (local: string) => localToInstant(local, 'Asia/Shanghai')!;
    /** Moves the clock to a local time and runs the scheduler's round there, as the service does. */
    const runAt = async (local: string) => {
      w.clock.set(at(local));
      await tickOnce({ services: w.messaging.services, clock: w.clock, core: w.core, log }, { sync: true });
      await w.drain();
    };
    /** Texts to one person's private chat since `from` (replies there and private messages). */
    const privateTo = (from: number, id: string) => w.transport.sent.slice(from).filter((m) => m.chatId === id).map((m) => m.text);
    return { ...w, b2, at, runAt, privateTo };
  }

  it('takes a request from report to rating, telling the group the state and the reporter the rest', async () => {
    const w = await world();
    const [r0, r1] = w.residents;
    let mark = w.transport.sent.length;
    await w.say(w.g, r0!, '报修 电梯异响，3楼按钮不亮');
    expect(w.groupTexts(mark)).toEqual(['【报修 #1】1号楼 · 待派单\n电梯异响，3楼按钮不亮']);

    mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '派单 1 物业');
    expect(w.groupTexts(mark)).toEqual(['【报修 #1】1号楼 · 已派单给 物业，约定 2026-12-03 10:00 前修好。']);
    expect(w.privateTo(mark, 'r0')).toEqual(['您的报修 #1 已派给 物业，约定 2026-12-03 10:00 前修好。']);

    mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '处理 1 已联系维保');
    expect(w.privateTo(mark, 'r0')).toEqual(['您的报修 #1 有新进展：已联系维保']);
    expect(w.last()).toBe('报修 #1 的进展已记下，并已私信告知报修人。');

    // Only the reporter confirms, and only once it is fixed.
    await w.say(w.g, r1!, '确认 1');
    expect(w.last()).toBe('只有报修 #1 的报修人可以确认或说明没修好。');
    await w.say(w.g, r0!, '确认 1');
    expect(w.last()).toBe('报修 #1 还没有标记修好，修好后承办人会告诉您。');

    mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '修好 1');
    expect(w.groupTexts(mark)).toEqual(['【报修 #1】1号楼 · 已修好，等报修人确认。']);
    expect(w.privateTo(mark, 'r0')).toEqual(['您的报修 #1 已标记修好。修好了请发“确认 1”；没修好请发“没修好 1”。']);

    mark = w.transport.sent.length;
    await w.say(w.g, r0!, '没修好 1');
    expect(w.groupTexts(mark)).toEqual(['【报修 #1】1号楼 · 报修人反映没修好，重新处理。']);
    expect((await reportRepairs(d))[0]).toMatchObject({ status: 'reopened', done: false });

    await w.say(w.g, COMMITTEE, '修好一');
    mark = w.transport.sent.length;
    await w.say(w.g, r0!, '确认 1');
    // A reply goes out before announcements.
    expect(w.groupTexts(mark)).toEqual(['报修 #1 已确认完成，谢谢！对这次维修满意吗？请回复“满意 1”或“不满意 1”。', '【报修 #1】1号楼 · 已完成。']);
    await w.say(w.g, r1!, '满意 1');
    expect(w.last()).toBe('只有报修 #1 的报修人可以确认或说明没修好。');
    await w.say(w.g, r0!, '满意 1');
    expect(w.last()).toBe('谢谢您的评价（满意），报修 #1 已归档。');
    await w.say(w.g, r0!, '不满意 1');
    expect(w.last()).toBe('报修 #1 已经评价过了，谢谢。');

    expect(await reportRepairs(d)).toEqual([
      { community: '幸福里', repair_no: 1, building: '1', status: 'confirmed', assignee: '物业', promised_local: '2026-12-03 10:00', done: true, confirmed: true, rating: 'satisfied' },
    ]);
    const audit = await rows<{ action: string }>(d.db, sql`select action from audit_log where action like 'repair.%' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['repair.reported', 'repair.dispatch', 'repair.handle', 'repair.fixed', 'repair.reopen', 'repair.fixed', 'repair.confirm', 'repair.rate']);
    expect(await verifyAudit(d.db, w.communityId)).toMatchObject({ ok: true });
  });

  it('shows the group the number, building and state, never the reporter or their unit unless written', async () => {
    const w = await world();
    const mark = w.transport.sent.length;
    await w.say('private', w.b2, '报修 楼道灯不亮');
    expect(w.privateTo(mark, 'b2')).toEqual(['已收到您的报修，编号 #1。派单和处理进展会私信告诉您；修好后请发“确认 1”或“没修好 1”。']);
    await w.say(w.g, w.residents[1]!, '报修 1-1-102 厨房顶上漏水');
    const group = w.groupTexts(mark, '-100');
    expect(group).toEqual(['【报修 #1】2号楼 · 待派单\n楼道灯不亮', '【报修 #2】1号楼 · 待派单\n1-1-102 厨房顶上漏水']);
    expect(group.join('\n')).not.toContain('2-1-101');
    expect(group.join('\n')).not.toContain('二号楼住户');
    expect(group.join('\n')).not.toContain('居民1');
  });

  it('refuses politely and changes nothing: non-committee dispatch, unknown number, unknown assignee, bad time, stranger', async () => {
    const w = await world();
    const [r0, r1] = w.residents;
    await w.say(w.g, r0!, '报修 单元门禁坏了');
    const before = await reportRepairs(d);
    await w.say(w.g, r1!, '派单 1 物业');
    expect(w.last()).toBe('只有委员和主任/召集人可以这样做。');
    await w.say(w.g, COMMITTEE, '派单 9 物业');
    expect(w.last()).toBe('没有编号为 #9 的报修，请核对编号。');
    await w.say(w.g, COMMITTEE, '修好 9');
    expect(w.last()).toBe('没有编号为 #9 的报修，请核对编号。');
    await w.say(w.g, COMMITTEE, '派单 1 张三');
    expect(w.last()).toBe('找不到“张三”。请写“物业”，或 @ 一位已在本小区登记的成员（也可以回复他的消息）。');
    await w.say(w.g, COMMITTEE, '派单 1 物业 下辈子吧');
    expect(w.last()).toBe('看不懂这个时间。请写“48小时”“3天”“明天下午3点”或“12月5日 18:00”。');
    await w.say(w.g, COMMITTEE, '修好 1');
    expect(w.last()).toBe('报修 #1 还没有派单，请委员先发“派单 1 物业”。');
    await w.say(w.g, r1!, '处理 1 我来看看');
    expect(w.last()).toBe('只有报修 #1 的承办人或委员可以这样做。');
    await w.say('private', { id: 'stranger', name: '路人' }, '报修 路灯坏了');
    expect(w.last()).toContain('您还没有绑定房屋');
    await w.say(w.g, { id: 'stranger', name: '路人' }, '报修 路灯坏了');
    expect(w.last()).toBe('报修需要先绑定房屋。请私聊我发送：绑定 楼栋-单元-房号 绑定码（绑定码向社区工作人员领取）。');
    await w.say('private', { id: 'en1', name: 'Ann', lang: 'en' }, '/repair the gate');
    expect(w.last()).toBe('You have not bound your home yet. Send here: /bind BUILDING-ENTRANCE-FLAT CODE, e.g. /bind 3-2-501 K7M2Q9XA (the community office gives out codes).');
    expect(await reportRepairs(d)).toEqual(before);
  });

  it('dispatches to a member by mention, who may then handle it, with a spoken promised time', async () => {
    const w = await world();
    const [r0, r1, r2] = w.residents;
    await w.say(w.g, r0!, '报修 2单元门口地砖松动');
    const mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '派单 1 @居民2 明天下午3点', { mentions: [{ userId: r2!.id, name: r2!.name }] });
    expect(w.groupTexts(mark)).toEqual(['【报修 #1】1号楼 · 已派单给 居民2，约定 2026-12-02 15:00 前修好。']);
    expect(w.privateTo(mark, 'r2')).toEqual(['【报修 #1】派给您处理：1号楼，2单元门口地砖松动\n约定 2026-12-02 15:00 前修好。告知进展请发“处理 1 进展”，修好后发“修好 1”。']);
    await w.say(w.g, r1!, '修好 1');
    expect(w.last()).toBe('只有报修 #1 的承办人或委员可以这样做。');
    const fixedAt = w.transport.sent.length;
    await w.say('private', r2!, '修好 1');
    expect(w.privateTo(fixedAt, 'r2')).toEqual(['报修 #1 已标记修好，已请报修人确认。']);
    expect(w.privateTo(fixedAt, 'r0')).toEqual(['您的报修 #1 已标记修好。修好了请发“确认 1”；没修好请发“没修好 1”。']);
    expect((await reportRepairs(d))[0]).toMatchObject({ status: 'fixed', assignee: '居民2', promised_local: '2026-12-02 15:00' });
  });

  it('reminds the assignee each morning at 09:00 while overdue, once a day, and stops once fixed', async () => {
    const w = await world();
    const [r0, , r2] = w.residents;
    await w.say(w.g, r0!, '报修 地下车库排水沟堵塞');
    await w.say(w.g, COMMITTEE, '派单 1 @居民2 2小时', { mentions: [{ userId: r2!.id, name: r2!.name }] });
    const note = '【报修超期提醒】报修 #1（1号楼）地下车库排水沟堵塞\n已派给 居民2，约定 2026-12-01 12:00 前修好，现已超期。修好后请发“修好 1”。';
    const mark = w.transport.sent.length;
    await w.runAt('2026-12-01 13:00');
    expect(w.privateTo(mark, 'r2')).toEqual([]);
    await w.runAt('2026-12-02 09:00');
    await w.runAt('2026-12-02 09:01');
    await w.runAt('2026-12-02 15:00');
    expect(w.privateTo(mark, 'r2')).toEqual([note]);
    await w.runAt('2026-12-03 09:00');
    expect(w.privateTo(mark, 'r2')).toEqual([note, note]);
    await w.say('private', r2!, '修好 1');
    const after = w.transport.sent.length;
    await w.runAt('2026-12-04 09:00');
    await w.runAt('2026-12-05 09:00');
    expect(w.privateTo(after, 'r2')).toEqual([]);
    const kept = await rows<{ natural_key: string; status: string }>(d.db, sql`select natural_key, status from reminders where kind = 'repair-overdue' order by natural_key`);
    expect(kept.filter((k) => k.status === 'queued').map((k) => k.natural_key)).toEqual(['repair-overdue:1:2026-12-02', 'repair-overdue:1:2026-12-03']);
  });

  it('opens the deliberation day agenda with last month’s counts by building', async () => {
    const w = await world('2026-11-10T02:00:00Z');
    const [r0, r1] = w.residents;
    await w.say(w.g, r0!, '报修 电梯异响');
    await w.say(w.g, r1!, '报修 楼道灯不亮');
    await w.say(w.g, w.b2, '报修 门禁坏了');
    await w.say(w.g, COMMITTEE, '派单 1 物业 1天');
    await w.say(w.g, COMMITTEE, '修好 1');
    await w.say(w.g, r0!, '确认 1');
    await w.say(w.g, r0!, '不满意 1');
    await w.say(w.g, COMMITTEE, '派单 2 物业 2小时');
    // December: the November requests are last month's.
    w.clock.set(localToInstant('2026-12-01 10:00', 'Asia/Shanghai')!);
    await w.say(w.g, r1!, '报修 新的一件不算上月');
    await w.say(w.g, r0!, '议程');
    const opening = ['上月（2026-11）报修情况：', '1号楼：报修 2 件，修好 1 件，超期 1 件，满意 0/1', '2号楼：报修 1 件，修好 0 件，超期 0 件，满意 —'];
    expect(w.last().split('\n').slice(0, 3)).toEqual(opening);
    expect(w.last().split('\n')[3]).toContain('【议事协商日】2026-12-05（周六）19:30');

    // The reminder three days before the deliberation day opens its agenda the same way.
    const mark = w.transport.sent.length;
    await w.runAt('2026-12-02 19:30');
    const [ahead] = w.groupTexts(mark);
    expect(ahead!.split('\n').slice(1, 4)).toEqual(opening);
  });

  it('exports report_repairs through the CLI as CSV and JSON', async () => {
    const w = await world();
    await w.say(w.g, w.residents[0]!, '报修 水管漏水');
    await w.say(w.g, COMMITTEE, '派单 1 物业 3天');
    const cli = async (...args: string[]) => {
      let out = '';
      const code = await runAdmin(['export', '幸福里', 'repairs', ...args], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => {} }, env: {} }, { clock: w.clock, database: d });
      expect(code).toBe(0);
      return out;
    };
    const csv = (await cli()).trim().split('\n');
    expect(csv[0]).toBe('community,repair_no,building,status,reported_at,assignee,promised_at,done_at,confirmed_at,rating');
    expect(csv[1]).toBe('幸福里,1,1,dispatched,2026-12-01T02:00:00.000Z,物业,2026-12-04T02:00:00.000Z,,,');
    expect(JSON.parse(await cli('--format', 'json'))).toEqual([
      {
        community: '幸福里',
        repair_no: 1,
        building: '1',
        status: 'dispatched',
        reported_at: '2026-12-01T02:00:00.000Z',
        assignee: '物业',
        promised_at: '2026-12-04T02:00:00.000Z',
        done_at: null,
        confirmed_at: null,
        rating: null,
      },
    ]);
  });

  it('reads 报修 as a command always, and leaves 确认, 处理 and 满意 without a number to their other uses', async () => {
    const w = await world();
    const [r0] = w.residents;
    await w.say(w.g, r0!, '报修');
    expect(w.last()).toBe('请说明要报修什么，例如：报修 3号楼2单元电梯异响。');
    await w.say(w.g, r0!, '报修厨房下水道堵了');
    expect(w.last()).toBe('【报修 #1】1号楼 · 待派单\n厨房下水道堵了');
    await w.say(w.g, r0!, '报修的事情怎么样了');
    expect(w.last()).toBe('您在办的报修：\n#1 待派单');
    await w.say(w.g, r0!, '报修 1');
    expect(w.last()).toBe('【报修 #1】1号楼 · 待派单');
    // A fee question that starts with 报修 is still a repair request.
    await w.say(w.g, r0!, '报修 物业费怎么算');
    expect(w.last()).toBe('【报修 #2】1号楼 · 待派单\n物业费怎么算');

    const mark = w.transport.sent.length;
    for (const chatter of ['确认', '确认一下吧', '处理一下', '处理 好的', '满意', '修好了吗', '没修好啊', '派单了吗']) await w.say(w.g, r0!, chatter);
    expect(w.transport.sent.length).toBe(mark);

    // 确认规则 still keeps a weaker rule for a major matter.
    await w.say(w.g, { id: 'chair' }, '表决 加装电梯\n规则: 一般事项');
    expect(w.last()).toContain('如确需按现规则，请加一行“确认规则”');
    await w.say(w.g, { id: 'chair' }, '表决 加装电梯\n规则: 一般事项\n确认规则');
    expect(w.last()).toContain('【表决 #1】加装电梯');
  });
  it('takes 满意 or 不满意 as a reply to the question, and speaks English to whoever reads it', async () => {
    const w = await world();
    const [r0] = w.residents;
    await w.say(w.g, r0!, '报修 楼顶水箱漏水');
    await w.say(w.g, COMMITTEE, '派单 1 物业');
    await w.say(w.g, COMMITTEE, '修好 1');
    await w.say(w.g, r0!, '确认 1');
    const question = w.groupTexts(0, '-100').find((x) => x.startsWith('报修 #1 已确认完成'))!;
    await w.say(w.g, r0!, '满意', { mentioned: true, replyToBot: { text: question } });
    expect(w.last()).toBe('谢谢您的评价（满意），报修 #1 已归档。');
    expect((await reportRepairs(d))[0]).toMatchObject({ rating: 'satisfied' });

    await importUnits(d.db, w.clock, w.communityId, 'unit,area_m2,owner_name,owner_id\n3-1-101,90.00,Owner C,\n');
    const code = (await listCodes(d.db, w.clock, w.communityId)).find((c) => c.unit === '3-1-101')!;
    const ann = { id: 'ann', name: 'Ann', lang: 'en' };
    await w.say('private', ann, `/bind ${code.unit} ${code.code}`);
    let mark = w.transport.sent.length;
    await w.say('private', ann, '/repair the gate of building 3 is stuck');
    expect(w.privateTo(mark, 'ann')).toEqual(['Your repair request is recorded as #2. You will be told privately when it is dispatched and how it goes; once fixed, send /confirm 2 or /reopen 2.']);
    expect(w.groupTexts(mark, '-100')).toEqual(['【报修 #2】3号楼 · 待派单\nthe gate of building 3 is stuck']);
    mark = w.transport.sent.length;
    await w.say(w.g, COMMITTEE, '派单 2 物业 2天');
    expect(w.privateTo(mark, 'ann')).toEqual(['Your repair #2 was dispatched to 物业, to be fixed by 2026-12-03 10:00.']);
    await w.say('private', ann, '/confirm 2');
    expect(w.last()).toBe('Repair #2 is not marked fixed yet; the assignee will tell you when it is.');
    await w.say(w.g, COMMITTEE, '修好 2');
    mark = w.transport.sent.length;
    await w.say('private', ann, '/confirm 2');
    expect(w.privateTo(mark, 'ann')).toEqual(['Repair #2 is confirmed, thank you! Were you satisfied? Reply /satisfied 2 or /unsatisfied 2.']);
    await w.say('private', ann, 'unsatisfied');
    expect(w.last()).toBe('Thank you (not satisfied); repair #2 will be reported to the committee.');
    expect((await reportRepairs(d)).map((r) => r.rating)).toEqual(['satisfied', 'unsatisfied']);
  });
  it('reminds the committee of an overdue request of the property company, and refuses a request too long', async () => {
    const w = await world();
    const [r0] = w.residents;
    await w.say(w.g, r0!, `报修 ${'漏水'.repeat(251)}`);
    expect(w.last()).toBe('报修内容太长了（最多 500 字），请简要说明。');
    await w.say(w.g, r0!, '报修 消防通道灯不亮');
    await w.say(w.g, COMMITTEE, '派单 1 物业 2小时');
    const mark = w.transport.sent.length;
    await w.runAt('2026-12-02 09:00');
    const note = '【报修超期提醒】报修 #1（1号楼）消防通道灯不亮\n已派给 物业，约定 2026-12-01 12:00 前修好，现已超期。修好后请发“修好 1”。';
    expect(w.privateTo(mark, 'wei')).toEqual([note]);
    expect(w.privateTo(mark, 'chair')).toEqual([note]);
    expect(w.privateTo(mark, 'r0')).toEqual([]);
  });
});
