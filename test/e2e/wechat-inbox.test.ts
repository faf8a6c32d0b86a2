/**
 * WeChat on the real service over the mock puppet: a message is kept in the inbox before any puppet
 * lookup is awaited and handled once after a restart (new ids, found again by topic and remark alias);
 * a typed vote whose private receipt cannot be delivered is acknowledged in the room by a coalesced
 * line naming only the units, and the voter is told once how to add the bot.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { createManualClock } from '../../src/app/clock.js';
import { rows } from '../../src/db/client.js';
import type { ContactMock, RoomMock } from '../helpers/wechat-mock.js';
import { startWechatWorld, until, WAIT_MS, type WechatWorld } from '../helpers/wechat-world.js';

let w: WechatWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const ROOM = '幸福里业主群';

const ballotCount = async (x: WechatWorld): Promise<number> => (await rows<{ n: number }>(x.db.db, sql`select count(*)::int as n from ballots`))[0]!.n;

/** Links the room (the chair) and binds each resident privately to a unit. */
async function setUp(x: WechatWorld, room: RoomMock, chair: ContactMock, binds: [ContactMock, string][]): Promise<void> {
  expect((await x.ask(room, chair, `开通 ${x.community.setupCode}`)).text).toBe('本群已开通为“幸福里”的议事群。您是本小区的第一位主任/召集人。居民请私聊我“绑定 房号 绑定码”完成绑定。');
  for (const [who, unit] of binds) expect((await x.ask('private', who, `绑定 ${unit} ${x.community.ownerCode.get(unit)}`)).text).toBe(`绑定成功：幸福里 ${unit}（业主）。发送“我的”可查看您的信息。`);
}

describe('WeChat messages are kept first and resolved after', () => {
  it('keeps a vote in the inbox while a lookup it needs never answers, and counts it once after a restart', async () => {
    w = await startWechatWorld();
    const x = w;
    const chair = x.world.contact('李主任');
    const wang = x.world.contact('王阿姨');
    const room = x.world.room(ROOM, [chair, wang]);
    await x.world.login();
    await setUp(x, room, chair, [[wang, '1-1-101']]);
    await until(async () => x.world.current(wang).payload.alias?.startsWith('议事-'), 'the remark alias of 王阿姨');
    await until(async () => x.world.current(chair).payload.alias?.startsWith('议事-'), 'the remark alias of the chair');
    expect((await x.ask(room, chair, '表决 更换电梯\n规则: 简单多数')).text).toContain('【表决 #1】更换电梯');

    // From now on, the puppet never answers the room-member lookup that stripping the @-mention needs.
    const puppet = x.world.puppet as unknown as { roomMemberPayload: () => Promise<never> };
    puppet.roomMemberPayload = () => new Promise<never>(() => {});
    const from = x.world.said.length;
    x.world.sayInRoom(wang, room, '投票 1 同意', { mentionBot: true });
    const kept = await until(
      async () => (await rows<{ update_key: string; handled_at: unknown; text: string }>(x.db.db, sql`select update_key, handled_at, payload->>'text' as text from inbox where payload->>'text' like '%投票 1 同意%'`))[0],
      'the vote kept in the inbox',
    );
    expect(kept).toMatchObject({ handled_at: null, text: '投票 1 同意' });
    await x.world.settle(300);
    expect(await ballotCount(x)).toBe(0);
    expect(x.world.said.slice(from)).toEqual([]);

    // The process stops; at the next start WeChat gives everyone new ids.
    const aliases = { chair: x.world.current(chair).payload.alias!, wang: x.world.current(wang).payload.alias! };
    await x.stop({ keepData: true });
    w = undefined;
    w = await startWechatWorld({ restartOn: { db: x.db, dataDir: x.dataDir, community: x.community } });
    const y = w;
    const chair2 = y.world.contact('李主任', { alias: aliases.chair });
    const wang2 = y.world.contact('王阿姨', { alias: aliases.wang });
    const room2 = y.world.room(ROOM, [chair2, wang2]);
    const fromY = y.world.said.length;
    await y.world.login();

    // Found again by the room's topic and her remark alias, the vote is counted and acknowledged privately.
    const receipt = await y.nextPrivate(wang2, fromY);
    expect(receipt.toContactId).toBe(y.world.current(wang2).id);
    expect(receipt.text).toMatch(/^已记录：表决 #1，您家投的是“同意”。\n回执码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}（私聊发送“回执 1”可核验）\n在网页上查看和投票（您的个人登录链接，15 分钟内有效，只能用一次，请勿转发）：\nhttp:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}\?p=[A-Za-z0-9_-]{22}$/);
    expect(await ballotCount(y)).toBe(1);
    expect(await rows(y.db.db, sql`select u.label from ballots b join units u using (unit_id)`)).toEqual([{ label: '1-1-101' }]);
    const member = await rows<{ user_id: string }>(y.db.db, sql`select m.user_id from members m join units u using (unit_id) where u.label = '1-1-101'`);
    expect(member[0]!.user_id).toBe(y.world.current(wang2).id);

    const roomId2 = y.world.current(room2).id;
    await y.world.waitForSaid((s) => s.roomId === roomId2 && s.text === '表决 #1：又收到 1 户投票，共 1/5 户。', WAIT_MS, fromY);

    // WeChat delivers the same message again: nothing changes, nothing is said.
    await y.world.settle(300);
    const again = y.world.said.length;
    const payload = {
      id: kept.update_key,
      talkerId: y.world.current(wang2).id,
      roomId: roomId2,
      text: `@${y.world.botName}\u2005投票 1 同意`,
      mentionIdList: [y.world.botUser.id],
      timestamp: Date.now(),
      type: types.Message.Text,
    };
    y.world.mocker.MessageMock.create(payload);
    y.world.puppet.emit('message', { messageId: kept.update_key });
    await y.world.settle(500);
    expect(y.world.said.slice(again)).toEqual([]);
    expect(await ballotCount(y)).toBe(1);
    const inbox = await rows<{ n: number; handled: number }>(
      y.db.db,
      sql`select count(*)::int as n, count(handled_at)::int as handled from inbox where update_key = ${kept.update_key}`,
    );
    expect(inbox[0]).toEqual({ n: 1, handled: 1 });
  });
});

describe('a vote whose private receipt cannot be delivered', () => {
  it('is named by unit in one room line per interval, and the voter is told once how to add the bot', async () => {
    const clock = createManualClock(new Date());
    w = await startWechatWorld({ clock, timing: { turnoutIntervalMs: 60_000 } });
    const x = w;
    const chair = x.world.contact('李主任');
    const wang = x.world.contact('王阿姨');
    const zhao = x.world.contact('赵六', { friend: false });
    const fang = x.world.contact('王芳', { friend: false });
    const room = x.world.room(ROOM, [chair, wang, zhao, fang]);
    await x.world.login();
    await setUp(x, room, chair, [[wang, '1-1-101'], [zhao, '1-1-103'], [fang, '2-1-201']]);
    expect((await x.ask(room, chair, '表决 更换电梯\n规则: 简单多数')).text).toContain('【表决 #1】更换电梯');
    const roomId = x.world.current(room).id;
    const inRoom = (fromIndex: number) => x.world.said.slice(fromIndex).filter((s) => s.roomId === roomId).map((s) => s.text);
    const from = x.world.said.length;

    // Two residents who are not the bot's friends vote in the room, and one friend; the room hears nothing yet.
    x.world.sayInRoom(zhao, room, '投票 1 同意');
    await until(async () => (await ballotCount(x)) === 1, 'the first ballot');
    x.world.sayInRoom(fang, room, '#1 反对');
    await until(async () => (await ballotCount(x)) === 2, 'the second ballot');
    x.world.sayInRoom(wang, room, '投票 1 弃权');
    expect((await x.nextPrivate(wang, from)).text).toContain('已记录：表决 #1，您家投的是“弃权”。');
    await until(async () => (await ballotCount(x)) === 3, 'three ballots');
    await until(
      async () => (await rows<{ n: number }>(x.db.db, sql`select count(*)::int as n from outbox where kind = 'private' and payload->>'reached' = 'false'`))[0]!.n === 2,
      'two receipts not delivered',
    );
    await x.world.settle(300);
    expect(inRoom(from)).toEqual([]);

    // After the interval: the turnout line, and one message naming both units (no option) and telling both how to add the bot.
    clock.advance(61_000);
    await until(async () => inRoom(from).length === 2, 'the lines after the interval', WAIT_MS);
    await x.world.settle(300);
    expect(inRoom(from)).toEqual([
      '表决 #1：又收到 3 户投票，共 3/5 户。',
      '表决 #1 已记录投票：1-1-103、2-1-201\n赵六、王芳：我没法私信您回执，请添加我为微信好友，以后的回执会私信给您。',
    ]);

    // 赵六 changes his vote: no second hint; after the next interval, a line with his unit alone.
    const second = x.world.said.length;
    x.world.sayInRoom(zhao, room, '投票 1 反对');
    await until(
      async () => (await rows<{ n: number }>(x.db.db, sql`select count(*)::int as n from outbox where kind = 'recorded' and status = 'pending'`))[0]!.n === 1,
      'the next line waiting its interval',
    );
    await x.world.settle(300);
    expect(inRoom(second)).toEqual([]);
    clock.advance(61_000);
    await until(async () => inRoom(second).length === 1, 'the line of the changed vote', WAIT_MS);
    await x.world.settle(300);
    expect(inRoom(second)).toEqual(['表决 #1 已记录投票：1-1-103']);
    expect(x.world.said.slice(from).every((s) => !s.roomId || !/同意|反对|弃权/.test(s.text))).toBe(true);
  });
});
