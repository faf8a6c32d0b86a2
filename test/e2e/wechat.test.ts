/**
 * End to end on WeChat: the real service (startService) builds a real Wechaty around the mock
 * puppet (wechaty-puppet-mock's Mocker through test/helpers/wechat-mock.ts) on PostgreSQL. Each test
 * builds its own database, puppet and data.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import type { ContactMock, RoomMock } from '../helpers/wechat-mock.js';
import { startWechatWorld, until, WAIT_MS, type WechatWorld } from '../helpers/wechat-world.js';

let w: WechatWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const ROOM = '幸福里业主群';


interface People {
  chair: ContactMock;
  wang: ContactMock;
  bob: ContactMock;
  zhao: ContactMock;
  fangA: ContactMock;
  fangB: ContactMock;
  room: RoomMock;
}

/** A room with a chair and five residents; `赵六` and both `王芳` are not the bot's friends. */
async function people(x: WechatWorld): Promise<People> {
  const chair = x.world.contact('李主任');
  const wang = x.world.contact('王阿姨');
  const bob = x.world.contact('Bob Li');
  const zhao = x.world.contact('赵六', { friend: false });
  const fangA = x.world.contact('王芳', { friend: false });
  const fangB = x.world.contact('王芳', { friend: false });
  const room = x.world.room(ROOM, [chair, wang, bob, zhao, fangA, fangB]);
  await x.world.login();
  return { chair, wang, bob, zhao, fangA, fangB, room };
}

/** Links the room (the chair) and binds everyone in private chats. */
async function setUp(x: WechatWorld, p: People): Promise<void> {
  const linked = await x.ask(p.room, p.chair, `开通 ${x.community.setupCode}`);
  expect(linked.text).toBe('本群已开通为“幸福里”的议事群。您是本小区的第一位主任/召集人。居民请私聊我“绑定 房号 绑定码”完成绑定。');
  const binds: [ContactMock, string][] = [[p.wang, '1-1-101'], [p.bob, '1-1-102'], [p.zhao, '1-1-103'], [p.fangA, '2-1-201'], [p.fangB, '2-1-202']];
  for (const [who, unit] of binds) {
    const r = await x.ask('private', who, `绑定 ${unit} ${x.community.ownerCode.get(unit)}`);
    expect(r.text).toBe(`绑定成功：幸福里 ${unit}（业主）。发送“我的”可查看您的信息。`);
  }
}

const memberOf = async (x: WechatWorld, unit: string) =>
  (await rows<{ user_id: string; stable_key: string | null }>(x.db.db, sql`select m.user_id, m.stable_key from members m join units u using (unit_id) where u.label = ${unit}`))[0]!;

describe('WeChat through Wechaty and the mock puppet', () => {
  it('links a room, binds in private, takes typed votes, refuses a secret vote in the room and announces the result', async () => {
    w = await startWechatWorld();
    const x = w;
    const p = await people(x);
    await until(async () => (await x.health()).body.platforms.wechat?.state === 'up', 'wechat up');
    await setUp(x, p);

    // Friends get a remark alias that finds them again after a re-login; non-friends cannot.
    await until(async () => x.world.current(p.wang).payload.alias?.startsWith('议事-'), 'alias on 王阿姨');
    expect(x.world.current(p.zhao).payload.alias).toBeUndefined();
    await until(async () => (await memberOf(x, '1-1-101')).stable_key?.startsWith('alias:议事-'), 'stable key');

    // Ordinary chatter gets no answer; the bot's own messages are not answered either.
    const before = x.world.said.length;
    x.world.sayInRoom(p.bob, p.room, '今天电梯又坏了');
    await x.world.settle(150);
    expect(x.world.said.length).toBe(before);

    const card = await x.ask(p.room, p.chair, '表决 更换电梯\n同意\n反对\n弃权\n规则: 一般事项');
    expect(card.text).toContain('【表决 #1】更换电梯');
    expect(card.text).toContain('1. 同意　2. 反对　3. 弃权');
    expect(card.text).not.toContain('按钮');
    expect(card.text.split('\n').length).toBeLessThanOrEqual(7);
    // The card ends with the poll page's address (WeChat shows no buttons).
    expect(card.text.split('\n').at(-1)).toMatch(/^网页：http:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{22}$/);

    // Typed votes in the room are quiet: a private receipt to friends, and in the room only a short turnout line now and then.
    const quiet = x.world.said.length;
    const roomId = x.world.current(p.room).id;
    x.world.sayInRoom(p.wang, p.room, '投票 同意');
    const wangReceipt = (await x.nextPrivate(p.wang, quiet)).text;
    expect(wangReceipt).toContain('已记录：表决 #1，您家投的是“同意”。');
    // The receipt ends with a personal sign-in link to the poll's page.
    expect(wangReceipt).toMatch(/\n在网页上查看和投票（您的个人登录链接，15 分钟内有效，只能用一次，请勿转发）：\nhttp:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}\?p=[A-Za-z0-9_-]{22}$/);
    x.world.sayInRoom(p.bob, p.room, '#1 反对');
    expect((await x.nextPrivate(p.bob, quiet)).text).toContain('已记录：表决 #1，您家投的是“反对”。');
    x.world.sayInRoom(p.zhao, p.room, '投票 1', { mentionBot: true });
    expect((await x.ask('private', p.fangA, '投票 1 弃权')).text).toContain('已记录：表决 #1，您家投的是“弃权”。');
    const bobAgain = x.world.said.length;
    x.world.sayInRoom(p.bob, p.room, '/vote 1 1');
    expect((await x.nextPrivate(p.bob, bobAgain)).text).toContain('已改票：表决 #1，您家现在投的是“同意”。');
    await x.world.waitForSaid((s) => s.roomId === roomId && s.text.includes('共 4/5 户'), WAIT_MS, quiet);
    // 赵六 is not a friend: his receipt cannot be delivered, so the room is told his unit was recorded
    // (never the option) and he is told how to add the bot.
    const recorded = '表决 #1 已记录投票：1-1-103\n赵六：我没法私信您回执，请添加我为微信好友，以后的回执会私信给您。';
    await x.world.waitForSaid((s) => s.roomId === roomId && s.text === recorded, WAIT_MS, quiet);
    const inRoom = x.world.said.slice(quiet).filter((s) => s.roomId === roomId);
    expect(inRoom.filter((s) => s.text.startsWith('表决 #1 已记录投票'))).toHaveLength(1);
    const turnout = inRoom.filter((s) => !s.text.startsWith('表决 #1 已记录投票'));
    expect(turnout.length).toBeLessThanOrEqual(3);
    for (const s of turnout) expect(s.text).toMatch(/^表决 #1：又收到 \d 户投票，共 \d\/5 户。$/);

    // A secret poll: refused in the room (and not counted), accepted in private.
    const secret = await x.ask(p.room, p.chair, '表决 是否成立停车管理小组\n不记名\n规则: 简单多数');
    expect(secret.text).toContain('【表决 #2】');
    expect(secret.text).toContain('请私聊我投票，例如：投票 2 1');
    const beforeRefusal = x.world.said.length;
    x.world.sayInRoom(p.wang, p.room, '投票 2 同意');
    const refused = await x.nextPrivate(p.wang, beforeRefusal);
    expect(refused.text).toBe('表决 #2 是不记名投票，请私聊我投票，不要在群里投。您在群里发的这条不计票。');
    expect(refused.text).not.toContain('同意');
    const inPrivate = await x.ask('private', p.wang, '投票 2 同意');
    expect(inPrivate.text).toMatch(/^已记录：表决 #2，您家投的是“同意”。\n回执码 /);
    const secretBallots = await rows<{ n: number }>(x.db.db, sql`select count(*)::int as n from ballots b join polls p using (poll_id) where p.poll_no = 2`);
    expect(secretBallots[0]!.n).toBe(1);

    // Private answers go to the private chat; a non-friend is told in the room how to add the bot.
    const me = await x.ask(p.room, p.wang, '我的');
    expect(me.text).toBe('我已私信回复您，请查看与我的私聊。');
    expect(x.world.said.some((s) => s.toContactId === x.world.current(p.wang).id && s.text.includes('1-1-101'))).toBe(true);
    expect((await x.ask(p.room, p.zhao, '我的')).text).toBe('我没法私信您。请先添加我为好友（微信）或点开我的头像发送任意消息（Telegram），再试一次。');

    const resultFrom = x.world.said.length;
    x.world.sayInRoom(p.chair, p.room, '结束表决 1');
    const result = await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id && s.text.includes('【表决 #1】'), WAIT_MS, resultFrom);
    expect(result.text).toContain('【表决 #1】更换电梯');
    expect(result.text).toContain('结果：通过');
    // the result also goes to the room as a picture
    await x.world.waitForSaid((s) => Boolean(s.roomId) && s.fileName === 'result.png', WAIT_MS);
    const report = await rows<{ voted_heads: number; outcome: string }>(x.db.db, sql`select voted_heads, outcome from report_polls where poll_no = 1`);
    expect(report[0]).toEqual({ voted_heads: 4, outcome: 'passed' });
    expect(x.world.said.filter((s) => s.roomId).every((s) => !s.text.includes('按钮'))).toBe(true);
  });

  it('keeps the room link and the bindings across a re-login, asks a unique name to confirm and reports two same names to the chair', async () => {
    w = await startWechatWorld();
    const x = w;
    const p = await people(x);
    await setUp(x, p);
    await until(async () => (await memberOf(x, '1-1-101')).stable_key, 'alias of 王阿姨');
    await until(async () => x.world.current(p.chair).payload.alias?.startsWith('议事-'), 'alias of the chair');
    await x.ask(p.room, p.chair, '表决 更换电梯\n同意\n反对\n弃权\n规则: 简单多数');
    const oldRoomId = x.world.current(p.room).id;
    const fangIdsBefore = [(await memberOf(x, '2-1-201')).user_id, (await memberOf(x, '2-1-202')).user_id];

    const from = x.world.said.length;
    await x.world.relogin();
    expect(x.world.current(p.room).id).not.toBe(oldRoomId);

    // The chair (found again by alias) is told privately about the two members called 王芳.
    const toChair = await x.nextPrivate(p.chair, from);
    expect(toChair.text).toBe('微信重新登录后，有 2 位叫“王芳”的成员（2-1-201、2-1-202）无法分辨，我没有自动恢复他们的绑定。请本人私聊我重新绑定（绑定 房号 绑定码）。');

    // The room is linked again by its topic; 王阿姨's binding comes back through her remark alias.
    const voted = x.world.said.length;
    x.world.sayInRoom(p.wang, p.room, '投票 1 同意');
    expect((await x.nextPrivate(p.wang, voted)).text).toContain('已记录：表决 #1，您家投的是“同意”。');
    expect((await memberOf(x, '1-1-101')).user_id).toBe(x.world.current(p.wang).id);
    const mine = await x.ask('private', p.wang, '我的');
    expect(mine.text).toContain('1-1-101');
    const groups = await rows<{ chat_id: string; active: boolean }>(x.db.db, sql`select chat_id, active from groups`);
    expect(groups).toEqual([{ chat_id: x.world.current(p.room).id, active: true }]);

    // (the vote's turnout line comes first, so that it is not taken for an answer below)
    await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id && s.text === '表决 #1：又收到 1 户投票，共 1/5 户。', WAIT_MS, voted);

    // 王芳 is not re-pointed (two candidates): she is told she is not bound, nothing is reassigned.
    expect((await x.ask(p.room, p.fangA, '投票 1 反对')).text).toBe('您还没有绑定房屋，所以不能这样做。请私聊我发送：绑定 楼栋-单元-房号 绑定码（绑定码向社区工作人员领取）。');
    expect([(await memberOf(x, '2-1-201')).user_id, (await memberOf(x, '2-1-202')).user_id]).toEqual(fangIdsBefore);

    // 赵六 (one candidate, not a friend) is asked in the room; once confirmed, the held vote counts.
    const asked = await x.ask(p.room, p.zhao, '投票 1 弃权');
    expect(asked.text).toContain('我的微信刚重新登录，需要确认一下：您是“幸福里”1-1-103的住户吗？是的话请回复“确认”，不是请回复“不是”。');
    expect(asked.mentionIdList).toEqual([x.world.current(p.zhao).id]);
    expect((await x.ask(p.room, p.zhao, '确认')).text).toBe('已确认，您的绑定已恢复：1-1-103。');
    await until(
      async () => (await rows<{ n: number }>(x.db.db, sql`select count(*)::int as n from ballots b join units u using (unit_id) where u.label = '1-1-103'`))[0]!.n === 1,
      'the held vote of 1-1-103',
    );
    expect((await memberOf(x, '1-1-103')).user_id).toBe(x.world.current(p.zhao).id);

    // The chair keeps the role under the new id.
    const closing = x.world.said.length;
    x.world.sayInRoom(p.chair, p.room, '结束表决 1');
    const closed = await x.world.waitForSaid((s) => s.roomId === x.world.current(p.room).id && s.text.includes('结果：'), WAIT_MS, closing);
    expect(closed.text).toContain('结果：已决出');
    const audit = await rows<{ action: string }>(x.db.db, sql`select action from audit_log where action in ('group.relinked', 'member.relinked')`);
    expect(audit.filter((a) => a.action === 'group.relinked')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'member.relinked').length).toBeGreaterThanOrEqual(3);
  });

  it('follows a room renamed while online, reports one renamed while offline, and re-links it with /setup', async () => {
    w = await startWechatWorld();
    const x = w;
    const p = await people(x);
    await setUp(x, p);
    await until(async () => x.world.current(p.chair).payload.alias, 'alias of the chair');

    // Renamed while the bot watches: the stored title follows, the next re-login finds it.
    await x.world.puppet.roomTopic(x.world.current(p.room).id, '幸福里议事群');
    await until(async () => (await rows<{ title: string }>(x.db.db, sql`select title from groups`))[0]?.title === '幸福里议事群', 'title kept');
    await x.world.relogin();
    expect((await x.ask(p.room, p.bob, '表决列表')).text).toBe('还没有表决。');

    // Renamed while the bot was logged out: reported to the chair, then re-linked by /setup.
    x.world.current(p.room).payload.topic = '幸福里一期';
    const from = x.world.said.length;
    await x.world.relogin();
    expect((await x.nextPrivate(p.chair, from)).text).toBe('微信重新登录后没找到群“幸福里议事群”。若改了群名，请在群里发“开通 开通码”重新关联；若只是没找到，群里有人发言后会自动恢复。');
    expect((await x.ask(p.room, p.bob, '表决列表')).text).toBe('这个群还没有开通议事。请主任/召集人在群里发送“开通 开通码”（开通码由社区工作人员提供）。');
    expect((await x.ask(p.room, p.chair, `/setup ${x.community.setupCode}`)).text).toBe('本群已开通为“幸福里”的议事群。居民请私聊我“绑定 房号 绑定码”完成绑定。');
    const groups = await rows<{ chat_id: string; title: string; active: boolean; lost_at: unknown }>(x.db.db, sql`select chat_id, title, active, lost_at from groups`);
    expect(groups).toEqual([{ chat_id: x.world.current(p.room).id, title: '幸福里一期', active: true, lost_at: null }]);
    expect((await x.ask(p.room, p.bob, '表决列表')).text).toBe('还没有表决。');
  });

  it('stays up with /healthz reporting WeChat down when the puppet fails to start', async () => {
    w = await startWechatWorld({ failStart: true });
    const h = await w.health();
    expect(h.status).toBe(200);
    expect(h.body.platforms.wechat).toMatchObject({ state: 'down' });
    expect(h.body.platforms.wechat!.detail).toContain('WeChat is down');
    const metrics = await (await fetch(`http://127.0.0.1:${w.service.httpPort}/metrics`)).text();
    expect(metrics).toContain('yishi_platform_up{platform="wechat"} 0');
  });
});
