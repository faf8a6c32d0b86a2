/**
 * End to end on WeChat, deliberation side: topics (三议两办两公开), meetings and a convention, through
 * the real service (startService) and a real Wechaty over the mock puppet, on PostgreSQL. Each test
 * builds its own database, puppet and data.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocal } from '../../src/app/local-time.js';
import { zhCN } from '../../src/chat/i18n/zh-cn.js';
import { formatDay } from '../../src/chat/render-topic.js';
import { verifyAudit } from '../../src/db/audit.js';
import { rows } from '../../src/db/client.js';
import { agendaDateFor } from '../../src/domain/topic-lifecycle.js';
import { PG_ENABLED } from '../helpers/db.js';
import type { ContactMock, RoomMock, SaidEntry } from '../helpers/wechat-mock.js';
import { startWechatWorld, until, WAIT_MS, type WechatWorld } from '../helpers/wechat-world.js';

let w: WechatWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const TZ = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** The local calendar date `days` from now in the community's zone. */
const localDateIn = (days: number) => formatLocal(new Date(Date.now() + days * DAY_MS), TZ).slice(0, 10);
/** A WeChat announcement is read on a phone: a few short lines. */
const MAX_ANNOUNCEMENT_LINES = 5;

interface People {
  chair: ContactMock;
  wang: ContactMock;
  bob: ContactMock;
  zhao: ContactMock;
  zhaoTenant: ContactMock;
  fang: ContactMock;
  room: RoomMock;
}

/**
 * A room linked by the chair; 王阿姨 (1-1-101), Bob (1-1-102), 赵六 (1-1-103, not a friend), his
 * tenant 小赵 (1-1-103) and 王芳 (2-1-201) bound in private; 王阿姨 made a committee member.
 */
async function setUp(x: WechatWorld): Promise<People> {
  const chair = x.world.contact('李主任');
  const wang = x.world.contact('王阿姨');
  const bob = x.world.contact('Bob Li');
  const zhao = x.world.contact('赵六', { friend: false });
  const zhaoTenant = x.world.contact('小赵');
  const fang = x.world.contact('王芳');
  const room = x.world.room('幸福里业主群', [chair, wang, bob, zhao, zhaoTenant, fang]);
  await x.world.login();
  expect((await x.ask(room, chair, `开通 ${x.community.setupCode}`)).text).toBe('本群已开通为“幸福里”的议事群。您是本小区的第一位主任/召集人。居民请私聊我“绑定 房号 绑定码”完成绑定。');
  const binds: [ContactMock, string, string, string][] = [
    [wang, '1-1-101', x.community.ownerCode.get('1-1-101')!, '业主'],
    [bob, '1-1-102', x.community.ownerCode.get('1-1-102')!, '业主'],
    [zhao, '1-1-103', x.community.ownerCode.get('1-1-103')!, '业主'],
    [zhaoTenant, '1-1-103', x.community.tenantCode.get('1-1-103')!, '租户'],
    [fang, '2-1-201', x.community.ownerCode.get('2-1-201')!, '业主'],
  ];
  for (const [who, unit, code, as] of binds) {
    expect((await x.ask('private', who, `绑定 ${unit} ${code}`)).text).toBe(`绑定成功：幸福里 ${unit}（${as}）。发送“我的”可查看您的信息。`);
  }
  x.world.sayInRoom(chair, room, '任命 @王阿姨 委员', { mentions: [wang] });
  await x.world.waitForSaid((s) => s.text === '已将 王阿姨 设为委员。', WAIT_MS);
  return { chair, wang, bob, zhao, zhaoTenant, fang, room };
}

/** What the bot said in the room from index `from` on. */
const roomSaid = (x: WechatWorld, room: RoomMock, from: number): SaidEntry[] =>
  x.world.said.slice(from).filter((s) => s.roomId === x.world.current(room).id);

describe.runIf(PG_ENABLED)('WeChat topics, meetings and conventions [postgres]', () => {
  it('takes a topic from proposal to feedback in short announcements, counts a household once and keeps the agenda to the committee', { timeout: 120_000 }, async () => {
    w = await startWechatWorld({ kind: 'postgres' });
    const x = w;
    const p = await setUp(x);
    const say = (who: ContactMock, text: string) => x.ask(p.room, who, text);
    const start = x.world.said.length;

    const proposed = await say(p.bob, '提议 东门加装路灯\n晚上东门太暗，建议加装三盏路灯');
    expect(proposed.text).toContain('【议题 #1】居民提议：东门加装路灯');
    expect(proposed.text).toContain('赞同的住户请发送：附议 1（每户一次）');
    expect(proposed.text).toContain('— Bob Li，');

    // 赵六's household co-signs twice (赵六 in the room, his tenant in private): counted once.
    expect((await say(p.zhao, '附议 1')).text).toBe('已附议议题 #1，目前共 1 户附议。');
    expect((await x.ask('private', p.zhaoTenant, '附议 1')).text).toBe('您家已经附议过议题 #1，每户只计一次（目前共 1 户附议）。');
    expect((await say(p.zhao, '/second #1')).text).toBe('您家已经附议过议题 #1，每户只计一次（目前共 1 户附议）。');
    expect((await say(p.fang, '附议 1')).text).toBe('已附议议题 #1，目前共 2 户附议。');

    // On the agenda: refused to a resident, done by the committee member.
    expect((await say(p.fang, '上会 1')).text).toBe('只有委员和主任/召集人可以这样做。');
    const day = agendaDateFor(new Date(), '30 19 * * 6#1', TZ)!;
    const onAgenda = await say(p.wang, '上会 1');
    expect(onAgenda.text).toContain(`【议题 #1】东门加装路灯\n已列入议事协商日议程：${formatDay(zhCN, day, TZ)}`);
    expect(onAgenda.text).toContain('— 王阿姨，');
    const agenda = await say(p.bob, '议程');
    expect(agenda.text).toContain(`【议事协商日】${formatDay(zhCN, day, TZ)}`);
    expect(agenda.text).toContain('1. #1 东门加装路灯（附议 2 户）');

    expect((await say(p.bob, '决议 1 同意')).text).toBe('只有委员和主任/召集人可以这样做。');
    const decided = await say(p.wang, '决议 1 同意加装三盏路灯，费用由公共收益列支');
    expect(decided.text).toContain('【议题 #1】东门加装路灯\n决议：同意加装三盏路灯，费用由公共收益列支');
    const due = localDateIn(30);
    const assigned = await say(p.chair, `交办 1 物业王经理 截止 ${due}`);
    expect(assigned.text).toContain(`【议题 #1】东门加装路灯\n交办：物业王经理，限 ${due} 前办结`);
    expect(assigned.text).toContain('— 李主任，');
    // A step sent in private is announced in the room and confirmed to the sender.
    const fromProgress = x.world.said.length;
    expect((await x.ask('private', p.wang, '进展 1 已询价，下周施工')).text).toBe('议题 #1 现在已交办，已在本小区的议事群公布。');
    const progressed = await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id, WAIT_MS, fromProgress);
    expect(progressed.text).toContain('【议题 #1】东门加装路灯\n进展：已询价，下周施工');
    const done = await say(p.wang, '办结 1 路灯已装好，欢迎监督');
    expect(done.text).toContain('【议题 #1】东门加装路灯\n已办结。反馈：路灯已装好，欢迎监督');
    expect((await say(p.wang, '进展 1 再看看')).text).toBe('议题 #1 已经办结，不能再改动。发送“议题列表 1”查看经过。');

    // Every announcement in the room is a few short lines.
    const announcements = roomSaid(x, p.room, start).filter((s) => s.text.startsWith('【议题 #1】'));
    expect(announcements).toHaveLength(6);
    for (const a of announcements) expect(a.text.split('\n').length).toBeLessThanOrEqual(MAX_ANNOUNCEMENT_LINES);

    const report = await rows<Record<string, unknown>>(
      x.db.db,
      sql`select community, topic_no, title, status, seconds, agenda_date::text as agenda_date, decision, assignee,
            to_char(due_at at time zone ${TZ}, 'YYYY-MM-DD HH24:MI') as due_local, done_at is not null as done, feedback
          from report_topics order by topic_no`,
    );
    expect(report).toEqual([
      {
        community: '幸福里',
        topic_no: 1,
        title: '东门加装路灯',
        status: 'done',
        seconds: 2,
        agenda_date: formatLocal(day, TZ).slice(0, 10),
        decision: '同意加装三盏路灯，费用由公共收益列支',
        assignee: '物业王经理',
        due_local: `${due} 23:59`,
        done: true,
        feedback: '路灯已装好，欢迎监督',
      },
    ]);
    expect(await verifyAudit(x.db.db, x.community.id)).toMatchObject({ ok: true });
  });

  it('schedules a meeting that residents RSVP to, and adopts a convention by a residents poll found by keyword', { timeout: 120_000 }, async () => {
    w = await startWechatWorld({ kind: 'postgres' });
    const x = w;
    const p = await setUp(x);
    const say = (who: ContactMock, text: string) => x.ask(p.room, who, text);

    // A meeting: scheduled by the committee (refused to a resident), announced briefly, RSVPed once each.
    const date = localDateIn(9);
    expect((await say(p.bob, `会议 ${date} 20:15 加装路灯说明会 @ 社区活动室`)).text).toBe('只有委员和主任/召集人可以这样做。');
    const card = await say(p.wang, `会议 ${date} 20:15 加装路灯说明会 @ 社区活动室`);
    const no = Number(/^【会议 #(\d+)】加装路灯说明会$/m.exec(card.text)?.[1]);
    expect(no).toBeGreaterThan(0);
    expect(card.text).toContain('地点：社区活动室');
    expect(card.text).toContain(`参加请发送：参加 ${no}`);
    expect(card.text.split('\n').length).toBeLessThanOrEqual(MAX_ANNOUNCEMENT_LINES);
    const when = `${date}（周`;
    const rsvp = await say(p.bob, `参加 ${no}`);
    expect(rsvp.text).toContain(`已报名参加会议 #${no}“加装路灯说明会”（${when}`);
    expect(rsvp.text).toContain('目前 1 人参加');
    expect((await say(p.bob, `/rsvp ${no}`)).text).toBe(`您已经报名参加会议 #${no} 了（目前 1 人参加）。`);
    expect((await say(p.zhao, `/rsvp #${no}`)).text).toContain('目前 2 人参加');
    expect((await say(p.fang, '参加 99')).text).toBe('没有编号为 #99 的会议。发送“会议”查看近期会议。');
    const list = await say(p.fang, '会议');
    expect(list.text).toContain(`#${no} 加装路灯说明会 — ${date}（周`);
    expect(list.text).toContain('@ 社区活动室 · 2 人参加');
    const meetings = await rows<Record<string, unknown>>(x.db.db, sql`select title, place, rsvps from report_meetings where meeting_no = ${no}`);
    expect(meetings).toEqual([{ title: '加装路灯说明会', place: '社区活动室', rsvps: 2 }]);

    // A convention: a residents poll (3 of 5 households vote yes), then found by keyword.
    expect((await say(p.bob, '公约')).text).toBe('本小区还没有经表决生效的公约。委员可发起公约表决：第一行“表决 公约名称”，加一行“公约”，再每行一条条文（第一条 …）。');
    const poll = await say(p.chair, ['表决 通过《文明停车公约》', '公约', '第一条 机动车在划线车位内停车，不得占用消防通道。', '第二条 电动自行车不得进楼道充电。', '第三条 外来车辆临时停车不超过两小时。'].join('\n'));
    expect(poll.text).toContain('【表决 #1】通过《文明停车公约》');
    expect(poll.text).toContain('规则：居民会议');
    // Votes in the room are acknowledged privately; the room sees at most a short turnout line.
    const voting = x.world.said.length;
    for (const who of [p.wang, p.bob, p.zhao]) x.world.sayInRoom(who, p.room, '投票 1 同意');
    await until(async () => (await rows<{ n: number }>(x.db.db, sql`select count(*)::int as n from poll_votes`))[0]!.n === 3, 'three votes');
    // 赵六 is not a friend: the room is told his unit was recorded, and he how to add the bot.
    const recorded = '表决 #1 已记录投票：1-1-103\n赵六：我没法私信您回执，请添加我为微信好友，以后的回执会私信给您。';
    await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id && s.text === recorded, WAIT_MS, voting);
    const quiet = roomSaid(x, p.room, voting).filter((s) => s.text !== recorded);
    expect(quiet.every((s) => s.text.startsWith('表决 #1：'))).toBe(true);
    const from = x.world.said.length;
    x.world.sayInRoom(p.chair, p.room, '结束表决 1');
    const adopted = '《文明停车公约》第 1 版自即日起施行。发送“公约”查看。';
    await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id && s.text.includes(adopted), WAIT_MS, from);
    expect(roomSaid(x, p.room, from).some((s) => s.text.includes('结果：通过'))).toBe(true);
    // the result picture follows the text
    await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id && s.fileName === 'result.png', WAIT_MS, from);

    const found = await say(p.fang, '公约 停车');
    expect(found.text).toContain('与“停车”有关的条文：');
    expect(found.text).toContain('《文明停车公约》第一条 机动车在划线车位内停车，不得占用消防通道。');
    expect(found.text).toContain('《文明停车公约》第三条 外来车辆临时停车不超过两小时。');
    expect(found.text).not.toContain('第二条');
    expect((await x.ask('private', p.zhaoTenant, '公约 电动车充电')).text).toContain('第二条 电动自行车不得进楼道充电。');
    const inForce = await rows<Record<string, unknown>>(x.db.db, sql`select title, version, status from conventions`);
    expect(inForce).toEqual([{ title: '文明停车公约', version: 1, status: 'in_force' }]);
    const [report] = await rows<Record<string, unknown>>(x.db.db, sql`select rule, voted_heads, outcome from report_polls where poll_no = 1`);
    expect(report).toEqual({ rule: 'residents', voted_heads: 3, outcome: 'passed' });
  });
});
